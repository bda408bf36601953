public import Foundation

/// A place the activity works in or for (`location`).
public struct Location: Sendable, Hashable {
    /// The `location` element read.
    public let element: RecordElement
    /// The languages and currency that apply where the element states none.
    public let context: DecodingContext

    /// The publisher's reference for the location.
    public var ref: String? { element.value("ref") }
    /// `location-reach/@code`: 1 activity happens here, 2 beneficiaries live here.
    public var reach: String? { element.code(of: "location-reach") }
    /// `location-id`: codes in gazetteers.
    public var identifiers: [GazetteerCode] {
        element.children(named: "location-id").map {
            GazetteerCode(code: $0.value("code"), vocabulary: $0.value("vocabulary"), level: nil)
        }
    }
    public var name: [Narrative] { element.narratives(of: "name", context) }
    public var description: [Narrative] { element.narratives(of: "description", context) }
    public var activityDescription: [Narrative] { element.narratives(of: "activity-description", context) }
    /// `administrative`: administrative areas the location is in.
    public var administrative: [GazetteerCode] {
        element.children(named: "administrative").map {
            GazetteerCode(code: $0.value("code"), vocabulary: $0.value("vocabulary"), level: $0.value("level"))
        }
    }
    /// `point`: the coordinates.
    public var point: GeoPoint? { element.child("point").map(GeoPoint.init(element:)) }
    /// GeographicExactness code: 1 exact, 2 approximate.
    public var exactness: String? { element.code(of: "exactness") }
    /// GeographicLocationClass code.
    public var locationClass: String? { element.code(of: "location-class") }
    /// LocationType code (`feature-designation`).
    public var featureDesignation: String? { element.code(of: "feature-designation") }
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
    public init(element: RecordElement) {
        srsName = element.value("srsName")
        position = element.child("pos")?.text.trimmingXMLWhitespace() ?? ""
        let parts = position.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" })
        if parts.count == 2, let latitude = DecimalValue.exactDecimal(String(parts[0])),
            let longitude = DecimalValue.exactDecimal(String(parts[1]))
        {
            self.latitude = latitude
            self.longitude = longitude
        }
    }
}
