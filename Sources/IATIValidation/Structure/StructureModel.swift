import IATI

/// The prepared catalogue of each version: the root ``ElementModel`` of the activity and the
/// organisation standards, each built on first use (thread-safely, once) and shared.
enum StructureModel {
    private static let activities201 = model(IATIVersion.v2_01.activityRoot, .v2_01)
    private static let activities202 = model(IATIVersion.v2_02.activityRoot, .v2_02)
    private static let activities203 = model(IATIVersion.v2_03.activityRoot, .v2_03)
    private static let organisations201 = model(IATIVersion.v2_01.organisationRoot, .v2_01)
    private static let organisations202 = model(IATIVersion.v2_02.organisationRoot, .v2_02)
    private static let organisations203 = model(IATIVersion.v2_03.organisationRoot, .v2_03)

    private static func model(_ spec: ElementSpec?, _ version: IATIVersion) -> ElementModel? {
        spec.map { ElementModel(spec: $0, path: [$0.name], version: version) }
    }

    /// The model of the root `name` (`iati-activities`, `iati-organisations`) in `version`;
    /// `nil` for other names and for versions without a catalogue.
    static func root(_ name: String, version: IATIVersion) -> ElementModel? {
        switch (name, version) {
        case ("iati-activities", .v2_01): activities201
        case ("iati-activities", .v2_02): activities202
        case ("iati-activities", .v2_03): activities203
        case ("iati-organisations", .v2_01): organisations201
        case ("iati-organisations", .v2_02): organisations202
        case ("iati-organisations", .v2_03): organisations203
        default: nil
        }
    }
}
