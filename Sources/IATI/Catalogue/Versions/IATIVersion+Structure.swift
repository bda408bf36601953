/// The structure catalogue of each version the catalogue describes: 2.03 (``ActivityCatalogue``,
/// ``OrganisationCatalogue``), and 2.01 and 2.02 as changes to it. Versions 1.0x have none:
/// they are no longer supported, and `iatix convert` upgrades them.
extension IATIVersion {
    /// The versions whose structure the catalogue describes, oldest first.
    public static let catalogued: [IATIVersion] = [.v2_01, .v2_02, .v2_03]

    /// `iati-activities` as this version defines it; `nil` for 1.0x.
    public var activityRoot: ElementSpec? {
        switch self {
        case .v2_01: Catalogue201.activityRoot
        case .v2_02: Catalogue202.activityRoot
        case .v2_03: ActivityCatalogue.root
        default: nil
        }
    }

    /// `iati-organisations` as this version defines it; `nil` for 1.0x.
    public var organisationRoot: ElementSpec? {
        switch self {
        case .v2_01: Catalogue201.organisationRoot
        case .v2_02: Catalogue202.organisationRoot
        case .v2_03: OrganisationCatalogue.root
        default: nil
        }
    }

    /// The root spec for a document root name (`iati-activities`, `iati-organisations`) in
    /// this version; `nil` for other names and for 1.0x.
    public func root(named name: String) -> ElementSpec? {
        switch name {
        case "iati-activities": activityRoot
        case "iati-organisations": organisationRoot
        default: nil
        }
    }
}
