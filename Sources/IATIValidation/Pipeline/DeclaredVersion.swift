import IATI

/// What a file's `version` attribute says, sorted into the cases validation treats differently.
enum DeclaredVersion: Sendable, Hashable {
    /// A version whose structure the catalogue has (2.01, 2.02, 2.03).
    case supported(IATIVersion)
    /// A 1.0x version: no longer supported by the standard; `iatix convert` upgrades it.
    case legacy(IATIVersion)
    /// A value that names no version of the standard (`xx`, `3.0`, empty).
    case unknown(String)
    /// No `version` attribute.
    case missing

    /// Sorts a `version` attribute value (`nil` when the attribute is absent).
    init(_ value: String?) {
        guard let value else {
            self = .missing
            return
        }
        guard let version = IATIVersion(declared: value) else {
            self = .unknown(value)
            return
        }
        self = version.isVersion1 ? .legacy(version) : .supported(version)
    }

    /// The version whose structure applies: the declared one when supported, else 2.03.
    var structureVersion: IATIVersion {
        if case .supported(let version) = self { return version }
        return .current
    }
}
