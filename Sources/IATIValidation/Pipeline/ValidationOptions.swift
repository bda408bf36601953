public import IATI
import Foundation

/// What `Validator` checks and keeps.
public struct ValidationOptions: Sendable {
    /// A folder holding the official XSDs (`iati-activities-schema.xsd`,
    /// `iati-organisations-schema.xsd`): structure is then checked by libxml2's XSD validator
    /// against them instead of by the catalogue. `nil`: the catalogue checks structure.
    public var schemaFolder: String?
    /// Check structure as this version whatever the file declares; `nil` uses the declared
    /// version (2.03 when it names none the catalogue has).
    public var structureVersion: IATIVersion?
    /// Check codelists.
    public var checksCodelists: Bool
    /// Keep an entry for every activity (or organisation) in ``FileReport/records``, not only
    /// for those with findings (the JUnit report lists them all).
    public var keepsAllRecords: Bool
    /// Threads that check records while the file is read (0: check on the reading thread).
    /// Reports are the same whatever the number.
    public var checkingThreads: Int
    /// Quote text as written; by default what findings quote is in composed Unicode (NFC), as
    /// `convert` writes it.
    public var keepsUnicodeForm = false

    /// Makes options; see the properties.
    public init(
        schemaFolder: String? = nil, structureVersion: IATIVersion? = nil, checksCodelists: Bool = true,
        keepsAllRecords: Bool = false, checkingThreads: Int = ValidationOptions.defaultThreads, keepsUnicodeForm: Bool = false
    ) {
        self.keepsUnicodeForm = keepsUnicodeForm
        self.schemaFolder = schemaFolder
        self.structureVersion = structureVersion
        self.checksCodelists = checksCodelists
        self.keepsAllRecords = keepsAllRecords
        self.checkingThreads = max(0, checkingThreads)
    }

    /// One checking thread per processor but one (at least 1, at most 8): the reading thread
    /// checks records too whenever the checking threads are behind.
    public static var defaultThreads: Int {
        min(8, max(1, ProcessInfo.processInfo.activeProcessorCount - 1))
    }

    /// Catalogue structure, codelists, records with findings only.
    public static let `default` = ValidationOptions()
}
