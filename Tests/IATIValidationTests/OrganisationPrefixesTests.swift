import Foundation
import IATIValidation
import TestSupport
import Testing

/// The registration agency prefixes: the built-in list is the reference codelist's, a file
/// can replace it, and `iatix validate` runs the prefix checks with either.
@Suite("organisation identifier prefixes")
struct OrganisationPrefixesTests {
    static let codelist = Reference.path("codelists/non-embedded/OrganisationRegistrationAgency.xml")

    @Test("the built-in prefixes are the codes of the reference codelist", .enabled(if: Reference.isAvailable, Reference.missing))
    func builtInMatchesTheCodelist() throws {
        // Read independently of the project's readers: every <code> of the file.
        let text = try String(contentsOfFile: Self.codelist, encoding: .utf8)
        let codes = Set(text.matches(of: /<code>\s*([^<]*?)\s*<\/code>/).map { String($0.output.1) })
        #expect(codes.count > 500)
        #expect(OrganisationPrefixes.builtIn == codes)
        // The codelist file itself is accepted by --org-id-prefixes and gives the same list.
        #expect(try OrganisationPrefixes.load(contentsOf: Self.codelist) == codes)
    }

    @Test("a plain list: one prefix per line, comments and blank lines skipped")
    func plainList() throws {
        let folder = try TemporaryFolder()
        let path = try folder.write("prefixes.txt", "# agencies\nGB-COH\r\n\n  ZZ-NEW  \nCA_BC-BRC_CBR\n")
        #expect(try OrganisationPrefixes.load(contentsOf: path) == ["GB-COH", "ZZ-NEW", "CA_BC-BRC_CBR"])
    }

    @Test("a line that is not a prefix, an empty list, a missing file are errors naming the file")
    func badLists() throws {
        let folder = try TemporaryFolder()
        let badLine = try folder.write("bad.txt", "GB-COH\nGB-COH-12345\n")
        #expect {
            try OrganisationPrefixes.load(contentsOf: badLine)
        } throws: { error in
            let error = error as? RulesetError
            return error?.file == badLine && error?.line == 2 && error?.message.contains("'GB-COH-12345'") == true
        }
        let empty = try folder.write("empty.txt", "# nothing\n")
        #expect {
            try OrganisationPrefixes.load(contentsOf: empty)
        } throws: { error in
            (error as? RulesetError)?.message.hasPrefix("no organisation identifier prefix found") == true
        }
        let broken = try folder.write("broken.xml", "<codelist><codelist-item><code>GB-COH</code>")
        #expect(throws: RulesetError.self) { try OrganisationPrefixes.load(contentsOf: broken) }
        #expect(throws: RulesetError.self) { try OrganisationPrefixes.load(contentsOf: folder.file("missing.txt")) }
    }

    // MARK: iatix validate

    static let binaryAvailable = FileManager.default.isExecutableFile(atPath: Command.iatix)
    static let binaryMissing: Comment = "the iatix binary is not built (swift build first): skipped"

    /// An activity reported by an organisation of agency `ZZ-NEW`, unknown to the codelist.
    static let newAgencyActivity = """
        <iati-activities version="2.03">
          <iati-activity last-updated-datetime="2025-01-01T00:00:00Z" xml:lang="en" default-currency="USD">
            <iati-identifier>ZZ-NEW-1-A1</iati-identifier>
            <reporting-org ref="ZZ-NEW-1" type="40"><narrative>New</narrative></reporting-org>
            <title><narrative>Activity</narrative></title>
            <participating-org ref="ZZ-NEW-1" role="1"/>
            <activity-status code="2"/>
            <activity-date type="2" iso-date="2024-01-15"/>
            <recipient-country code="VN"/>
            <sector code="16020"/>
          </iati-activity>
        </iati-activities>
        """

    @Test("validate checks prefixes by default, and --org-id-prefixes replaces the list", .enabled(if: binaryAvailable, binaryMissing))
    func validateOption() throws {
        let folder = try TemporaryFolder()
        let activity = try folder.write("new-agency.xml", Self.newAgencyActivity)
        let byDefault = try Command.iatix(["validate", activity, "--format", "json", "--fail-on", "never"])
        #expect(byDefault.status == 0)
        for id in ["1.3.8", "1.14.8", "1.8.8"] {
            #expect(byDefault.standardOutput.contains("\"id\": \"\(id)\""), "\(id) missing:\n\(byDefault.standardOutput)")
        }
        let list = try folder.write("prefixes.txt", "ZZ-NEW\n")
        let withList = try Command.iatix(["validate", activity, "--format", "json", "--org-id-prefixes", list, "--fail-on", "never"])
        #expect(withList.status == 0)
        for id in ["1.3.8", "1.14.8", "1.8.8"] {
            #expect(!withList.standardOutput.contains("\"id\": \"\(id)\""), "\(id) reported with ZZ-NEW listed")
        }
        // The sample's agencies are in the codelist: a list without them makes them unknown.
        let sample = Reference.sample("ilo-vietnam-activities.xml")
        let withoutDAC = try Command.iatix(["validate", sample, "--format", "json", "--org-id-prefixes", list, "--fail-on", "never"])
        #expect(withoutDAC.standardOutput.contains("\"id\": \"1.14.8\""))
    }

    @Test("the JSON report names the prefix list the rules used, as the official orgIdPrefixFileName", .enabled(if: binaryAvailable, binaryMissing))
    func reportNamesTheList() throws {
        let folder = try TemporaryFolder()
        let activity = try folder.write("new-agency.xml", Self.newAgencyActivity)
        let list = try folder.write("org-id-2026-12.txt", "ZZ-NEW\n")
        let cases: [(arguments: [String], name: String)] = [
            ([], "OrganisationRegistrationAgency (built into iatix)"),
            (["--org-id-prefixes", list], "org-id-2026-12.txt"),
            (["--no-rules"], ""),
        ]
        for (arguments, name) in cases {
            let result = try Command.iatix(["validate", activity, "--format", "json", "--fail-on", "never"] + arguments)
            #expect(result.status == 0, "\(result.standardError)")
            #expect(result.standardOutput.contains("\"orgIdPrefixFileName\": \"\(name)\","), "\(arguments):\n\(result.standardOutput)")
        }
    }

    @Test("a bad --org-id-prefixes file is a usage error", .enabled(if: binaryAvailable, binaryMissing))
    func validateOptionErrors() throws {
        let folder = try TemporaryFolder()
        let sample = Reference.sample("ilo-vietnam-activities.xml")
        let missing = try Command.iatix(["validate", sample, "--org-id-prefixes", folder.file("none.txt")])
        #expect(missing.status == 2)
        #expect(missing.standardError.contains("--org-id-prefixes: cannot read"))
        let bad = try folder.write("bad.txt", "not a prefix\n")
        let badResult = try Command.iatix(["validate", sample, "--org-id-prefixes", bad])
        #expect(badResult.status == 2)
        #expect(badResult.standardError.contains("'not a prefix' is not a registration agency code"))
        let both = try Command.iatix(["validate", sample, "--no-rules", "--org-id-prefixes", bad])
        #expect(both.status == 2)
    }
}
