import LibXML

extension Version1Upgrader {
    /// The spatial reference system of 1.0x coordinates (WGS 84 latitude, longitude).
    static let wgs84 = "http://www.opengis.net/def/crs/EPSG/0/4326"

    /// 1.0x `location` children → 2.03: `coordinates` → `point/pos`, `location-type` →
    /// `feature-designation`, `gazetteer-entry` → `location-id`.
    mutating func location(_ node: inout Node, path: UpgradePath) {
        let paths = path.children(node.children)
        var result: [Node] = []
        for (index, child) in node.children.enumerated() {
            let childPath = paths[index]
            guard child.namespace == nil else {
                result.append(child)
                continue
            }
            switch child.name {
            case "coordinates":
                result.append(coordinates(child, path: childPath, parent: path, hasPoint: node.child("point") != nil) ?? child)
            case "location-type" where node.child("feature-designation") == nil:
                var renamed = child
                renamed.name = "feature-designation"
                result.append(renamed)
                recorder.record(.locationType, line: child.line, from: UpgradePlace(path: "\(childPath)/@code", value: child.attribute("code")),
                    to: UpgradePlace(path: "\(path)/feature-designation/@code", value: child.attribute("code")),
                    note: "1.0x location types are the LocationType codes 2.03 uses for feature-designation")
            case "gazetteer-entry":
                result.append(gazetteerEntry(child, path: childPath, parent: path) ?? child)
            default:
                result.append(child)
            }
        }
        node.children = result
    }

    /// `coordinates` as a `point`, or `nil` when it cannot be one (the location already has a
    /// point, or latitude or longitude is missing): it is then kept as an extension.
    private mutating func coordinates(_ node: Node, path: UpgradePath, parent: UpgradePath, hasPoint: Bool) -> Node? {
        let latitude = node.attribute("latitude").map { String(Lexical.trimmed($0)) } ?? ""
        let longitude = node.attribute("longitude").map { String(Lexical.trimmed($0)) } ?? ""
        guard !hasPoint, !latitude.isEmpty, !longitude.isEmpty else { return nil }
        let position = "\(latitude) \(longitude)"
        var point = Node(name: "point", attributes: [Attribute(name: "srsName", value: Self.wgs84)], line: node.line, column: node.column)
        point.children = [Node(name: "pos", text: position, line: node.line, column: node.column)] + node.children
        for attribute in node.attributes where !(attribute.namespace == nil && (attribute.name == "latitude" || attribute.name == "longitude")) {
            // `precision` and anything else: 2.03 has no place on point, the generic rules keep them.
            point.attributes.append(attribute)
        }
        recorder.record(.locationCoordinates, line: node.line, from: UpgradePlace(path: "\(path)/@latitude", value: latitude),
            to: UpgradePlace(path: "\(parent)/point/pos", value: position), note: "srsName \(Self.wgs84) (WGS 84)")
        recorder.record(.locationCoordinates, line: node.line, from: UpgradePlace(path: "\(path)/@longitude", value: longitude),
            to: UpgradePlace(path: "\(parent)/point/pos", value: position))
        return point
    }

    /// `gazetteer-entry` as a `location-id`, or `nil` when its gazetteer has no 2.03
    /// geographic vocabulary (it is then kept as an extension).
    private mutating func gazetteerEntry(_ node: Node, path: UpgradePath, parent: UpgradePath) -> Node? {
        let gazetteer = node.attribute("gazetteer-ref").map { String(Lexical.trimmed($0)) } ?? ""
        let code = String(Lexical.trimmed(node.text))
        guard let mapping = V1Codes.mapping(element: "gazetteer-entry", attribute: "gazetteer-ref"), !code.isEmpty else { return nil }
        guard case .some(.some(let vocabulary)) = mapping.target(of: gazetteer) else {
            recorder.record(.unmappedCode, line: node.line, from: UpgradePlace(path: "\(path)/@gazetteer-ref", value: gazetteer), to: nil,
                note: "gazetteer \"\(gazetteer)\" has no 2.03 GeographicVocabulary code; the entry is kept as an extension")
            return nil
        }
        var identifier = Node(
            name: "location-id",
            attributes: [Attribute(name: "vocabulary", value: vocabulary), Attribute(name: "code", value: code)],
            children: node.children, line: node.line, column: node.column)
        identifier.attributes += node.attributes.filter { !($0.namespace == nil && $0.name == "gazetteer-ref") }
        recorder.record(.gazetteerEntry, line: node.line, from: UpgradePlace(path: "\(path)/@gazetteer-ref", value: gazetteer),
            to: UpgradePlace(path: "\(parent)/location-id/@vocabulary", value: vocabulary),
            note: "1.0x GazetteerAgency \(gazetteer) → 2.03 GeographicVocabulary \(vocabulary)")
        recorder.record(.gazetteerEntry, line: node.line, from: UpgradePlace(path: path, value: code),
            to: UpgradePlace(path: "\(parent)/location-id/@code", value: code))
        return identifier
    }

    /// `administrative/@country` alone → vocabulary A4 (ISO country), level 0, code = country.
    mutating func administrative(_ node: inout Node, path: UpgradePath) {
        func value(_ name: String) -> String {
            node.attribute(name).map { String(Lexical.trimmed($0)) } ?? ""
        }
        let country = value("country")
        guard !country.isEmpty, value("adm1").isEmpty, value("adm2").isEmpty, value("code").isEmpty, value("vocabulary").isEmpty else { return }
        node.attributes.removeAll { $0.namespace == nil && ["country", "code", "vocabulary"].contains($0.name) }
        node.attributes.append(Attribute(name: "vocabulary", value: "A4"))
        node.attributes.append(Attribute(name: "code", value: country))
        var note = "vocabulary A4 (ISO country)"
        if value("level").isEmpty {
            node.attributes.removeAll { $0.namespace == nil && $0.name == "level" }
            node.attributes.append(Attribute(name: "level", value: "0"))
            note += ", level 0"
        }
        recorder.record(.administrativeCountry, line: node.line, from: UpgradePlace(path: "\(path)/@country", value: country),
            to: UpgradePlace(path: "\(path)/@code", value: country), note: note)
    }
}
