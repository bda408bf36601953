import IATI

/// The prepared catalogue of one version: the root ``ElementModel`` of the activity and the
/// organisation standards, built on first use and shared.
enum StructureModel {
    private static let models: [IATIVersion: (activities: ElementModel, organisations: ElementModel)] = {
        var result: [IATIVersion: (activities: ElementModel, organisations: ElementModel)] = [:]
        for version in IATIVersion.catalogued {
            guard let activities = version.activityRoot, let organisations = version.organisationRoot else { continue }
            result[version] = (
                ElementModel(spec: activities, path: [activities.name], version: version),
                ElementModel(spec: organisations, path: [organisations.name], version: version)
            )
        }
        return result
    }()

    /// The model of the root `name` (`iati-activities`, `iati-organisations`) in `version`.
    static func root(_ name: String, version: IATIVersion) -> ElementModel? {
        guard let pair = models[version] else { return nil }
        switch name {
        case "iati-activities": return pair.activities
        case "iati-organisations": return pair.organisations
        default: return nil
        }
    }
}
