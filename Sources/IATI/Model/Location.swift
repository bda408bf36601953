public import Foundation
public import LibXML

/// A place the activity works in or for (`location`).
public struct Location: Sendable, Hashable {
    /// The publisher's reference for the location.
    public var ref: String?
    /// `location-reach/@code`: 1 activity happens here, 2 beneficiaries live here.
    public var reach: String?
    /// `location-id`: codes in gazetteers.
    public var identifiers: [GazetteerCode]
    public var name: [Narrative]
    public var description: [Narrative]
    public var activityDescription: [Narrative]
    /// `administrative`: administrative areas the location is in.
    public var administrative: [GazetteerCode]
    /// `point`: the coordinates.
    public var point: GeoPoint?
    /// GeographicExactness code: 1 exact, 2 approximate.
    public var exactness: String?
    /// GeographicLocationClass code.
    public var locationClass: String?
    /// LocationType code (`feature-designation`).
    public var featureDesignation: String?

    /// Decodes a `location` element.
    public init(node: Node, context: DecodingContext) {
        ref = node.value("ref")
        reach = node.code(of: "location-reach")
        identifiers = node.children(named: "location-id").map {
            GazetteerCode(code: $0.value("code"), vocabulary: $0.value("vocabulary"), level: nil)
        }
        name = node.narratives(of: "name", context)
        description = node.narratives(of: "description", context)
        activityDescription = node.narratives(of: "activity-description", context)
        administrative = node.children(named: "administrative").map {
            GazetteerCode(code: $0.value("code"), vocabulary: $0.value("vocabulary"), level: $0.value("level"))
        }
        point = node.child("point").map(GeoPoint.init(node:))
        exactness = node.code(of: "exactness")
        locationClass = node.code(of: "location-class")
        featureDesignation = node.code(of: "feature-designation")
    }
}

/// A code in a gazetteer or administrative vocabulary (`location-id`, `administrative`).
public struct GazetteerCode: Sendable, Hashable {
    public var code: String?
    /// GeographicVocabulary code.
    public var vocabulary: String?
    /// Administrative level (`administrative/@level`), as written.
    public var level: String?

    /// Creates a code.
    public init(code: String?, vocabulary: String?, level: String?) {
        self.code = code
        self.vocabulary = vocabulary
        self.level = level
    }
}

/// A point (`point/pos`): latitude and longitude in WGS 84, as written and as exact decimals.
public struct GeoPoint: Sendable, Hashable {
    /// `srsName`.
    public var srsName: String?
    /// The `pos` text, trimmed.
    public var position: String
    /// The latitude, `nil` when `pos` is not two decimals.
    public var latitude: Decimal?
    /// The longitude, `nil` when `pos` is not two decimals.
    public var longitude: Decimal?

    /// Decodes a `point` element.
    public init(node: Node) {
        srsName = node.value("srsName")
        position = node.child("pos")?.text.trimmingXMLWhitespace() ?? ""
        let parts = position.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" })
        if parts.count == 2, let latitude = DecimalValue.exactDecimal(String(parts[0])),
            let longitude = DecimalValue.exactDecimal(String(parts[1]))
        {
            self.latitude = latitude
            self.longitude = longitude
        }
    }
}
