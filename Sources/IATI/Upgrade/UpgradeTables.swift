/// The upgrade's mapping tables as Markdown (`docs/upgrade-mappings.md`), generated from the
/// data the upgrade itself uses: the rules, the code tables, the renames, the 2.03 catalogue
/// (which elements take narratives) and the codelists (names of codes).
public enum UpgradeTables {
    /// A 1.0x place, where it goes in 2.03, and by which rule: the restructurings the upgrade
    /// makes beyond codes and narratives.
    public struct Restructuring: Sendable, Hashable {
        /// The 1.0x place.
        public let from: String
        /// Where it goes in 2.03.
        public let to: String
        /// The rule that does it.
        public let rule: UpgradeRule
    }

    /// The restructurings, in the order of the activity standard.
    public static let restructurings: [Restructuring] = [
        Restructuring(from: "iati-activities/@version, iati-organisations/@version", to: "`2.03` (the declared version is in the upgrade log)", rule: .version),
        Restructuring(from: "iati-activity/@version, iati-organisation/@version", to: "`@iatix:version` (used to decide the record's version)", rule: .keptAsExtension),
        Restructuring(from: "other-identifier (text)", to: "other-identifier/@ref", rule: .otherIdentifier),
        Restructuring(from: "other-identifier/@owner-ref", to: "other-identifier/owner-org/@ref", rule: .otherIdentifier),
        Restructuring(from: "other-identifier/@owner-name", to: "other-identifier/owner-org/narrative", rule: .otherIdentifier),
        Restructuring(from: "activity-date (text that is a date, no @iso-date)", to: "activity-date/@iso-date", rule: .dateFromText),
        Restructuring(from: "period-start, period-end, transaction-date (date text)", to: "@iso-date (other text: `@iatix:text`)", rule: .dateFromText),
        Restructuring(from: "location/@percentage", to: "location/@iatix:percentage", rule: .keptAsExtension),
        Restructuring(from: "location/location-type/@code", to: "location/feature-designation/@code", rule: .locationType),
        Restructuring(from: "location/coordinates/@latitude, @longitude", to: "location/point[@srsName=EPSG:4326]/pos", rule: .locationCoordinates),
        Restructuring(from: "location/coordinates/@precision", to: "location/point/@iatix:precision", rule: .keptAsExtension),
        Restructuring(from: "location/gazetteer-entry[@gazetteer-ref] (text)", to: "location/location-id/@vocabulary, @code", rule: .gazetteerEntry),
        Restructuring(from: "location/administrative/@country", to: "location/administrative[@vocabulary=A4][@level=0]/@code", rule: .administrativeCountry),
        Restructuring(from: "location/administrative/@adm1, @adm2 (text)", to: "`@iatix:adm1`, `@iatix:adm2` (`@iatix:text`); 2.03 needs a vocabulary", rule: .keptAsExtension),
        Restructuring(from: "planned-disbursement/@updated", to: "planned-disbursement/@iatix:updated", rule: .keptAsExtension),
        Restructuring(from: "result/description/@type, indicator/description/@type, budget-item/description/@type", to: "`@iatix:type`", rule: .keptAsExtension),
        Restructuring(from: "activity-website", to: "document-link[@format=text/html]/category[@code=A12] with title Activity web page", rule: .activityWebsite),
        Restructuring(from: "document-link/@language (1.01)", to: "document-link/language/@code", rule: .documentLanguage),
        Restructuring(from: "document-link/language (text code)", to: "document-link/language/@code", rule: .codeFromText),
        Restructuring(from: "code elements (text naming the code)", to: "(dropped; other text: `@iatix:text`)", rule: .codeNameDropped),
        Restructuring(from: "related-activity, legacy-data (text)", to: "`iatix:text` child element (these take no foreign attributes)", rule: .keptAsExtension),
        Restructuring(from: "code elements with @ref (1.0 drafts)", to: "@code", rule: .attributeRenamed),
        Restructuring(from: "title, description, … repeated per language", to: "one element, one narrative per language", rule: .narrativesMerged),
        Restructuring(from: "any other element or attribute 2.03 does not have", to: "the same name in the `iatix` legacy namespace", rule: .keptAsExtension),
    ]

    /// What 2.02 and 2.03 added to the activity standard: content of 2.01 and 2.02 files is
    /// kept as it is, as 2.03 is a superset.
    public static let version2Additions: [(version: String, place: String)] = [
        ("2.02", "iati-activity/@humanitarian, transaction/@humanitarian"),
        ("2.02", "humanitarian-scope"),
        ("2.02", "@vocabulary-uri on sector, recipient-region, policy-marker (transaction too)"),
        ("2.02", "participating-org/@activity-id; provider-org/@type, receiver-org/@type"),
        ("2.02", "budget/@status; planned-disbursement/provider-org, receiver-org"),
        ("2.02", "document-link/document-date"),
        ("2.02", "result/indicator/reference; location and dimension in target and actual"),
        ("2.02", "policy-marker/@significance optional"),
        ("2.03", "iati-activity/@budget-not-provided; participating-org/@crs-channel-code"),
        ("2.03", "tag"),
        ("2.03", "default-aid-type and transaction/aid-type repeatable, with @vocabulary"),
        ("2.03", "document-link/description; document-link in result, indicator, baseline, target, actual"),
        ("2.03", "result/reference; indicator/@aggregation-status"),
        ("2.03", "baseline repeatable, baseline/@iso-date, location, dimension; @value optional on baseline, target, actual"),
        ("2.03", "target and actual repeatable"),
        ("2.03", "crs-add/channel-code"),
    ]

    /// The whole document.
    public static func markdown() -> String {
        var out = """
            # Upgrading IATI 1.01–2.02 to 2.03

            <!-- Generated by iatix from its own upgrade data (UpgradeTables.markdown()); do not edit.
                 Refresh: IATIX_UPDATE_GOLDEN=1 swift test --filter UpgradeTests -->

            `iatix convert` reads IATI files of versions 1.01–1.05, 2.01 and 2.02 and writes 2.03. Every
            change is recorded (`--upgrade-log FILE` writes them as JSON: per file, per record, each change
            from path/value to path/value with its rule); standard error gets a count per rule. What 2.03
            no longer has is kept in the iatix legacy namespace `\(LegacyNamespace.uri)` (prefix
            `\(LegacyNamespace.prefix)`), so nothing is lost. Values that cannot be mapped are left as written
            and reported, never guessed; what 2.03 requires and the input lacks (a 1.0x `other-identifier`
            has no type, a 1.0x `document-link` may have no format) is reported as missing.

            ## Which version a record is read as

            The root's `version`, or a 1.0x record's own `version`, when it names an IATI version and the
            content agrees. When the declaration is missing, not a version (`1.0`, `xx`, empty) or
            contradicted, the content decides, and the log says which version was assumed and why:
            plain text directly in elements that 2.x gives narratives, 1.0x codes (`start-planned`,
            `Funding`, transaction type `D`, vocabulary `DAC`) and 1.0x-only elements and attributes
            (`activity-website`, `location/coordinates`, `other-identifier/@owner-ref`, ...) mean 1.0x, read
            with the 1.0x rules (as 1.05); `narrative` elements mean 2.x, read as 2.03.

            ## Rules

            | rule | name | what it does |
            | --- | --- | --- |

            """
        for rule in UpgradeRule.allCases {
            out += "| `\(rule.rawValue)` | \(rule.title) | \(escaped(rule.explanation)) |\n"
        }

        out += "\n## Codes (1.0x → 2.03)\n\nNames are those of the 1.05 and 2.03 codelists. A dash means 2.03 has no equivalent: the value is kept as written and reported.\n"
        for mapping in V1Codes.mappings {
            let old = Codelists.version105(named: mapping.codelist105)
            let new = Codelists.named(mapping.codelist203)
            let places = mapping.places.map { "`\($0)`" }.joined(separator: ", ")
            out += "\n### \(mapping.codelist105) → \(mapping.codelist203)\n\n"
            out += mapping.changesCodes ? "At \(places).\n\n" : "At \(places): the codes stay the same.\n\n"
            out += "| 1.0x code | 1.0x name | 2.03 code | 2.03 name |\n| --- | --- | --- | --- |\n"
            for entry in mapping.codes {
                let oldName = old?.code(entry.from)?.name ?? ""
                let newName = entry.to.flatMap { new?.code($0)?.name } ?? ""
                out += "| `\(entry.from)` | \(escaped(oldName)) | \(entry.to.map { "`\($0)`" } ?? "–") | \(escaped(newName)) |\n"
            }
        }

        out += "\n## Renamed elements\n\n| inside | 1.0x | 2.03 | note |\n| --- | --- | --- | --- |\n"
        for rename in ElementRename.all {
            out += "| `\(rename.parent)` | `\(rename.from)` | `\(rename.to)` | \(escaped(rename.note)) |\n"
        }

        out += "\n## Moved, restructured and removed\n\n| 1.0x | 2.03 | rule |\n| --- | --- | --- |\n"
        for row in restructurings {
            out += "| \(escaped(row.from)) | \(escaped(row.to)) | `\(row.rule.rawValue)` |\n"
        }

        out += "\n## Plain text to narratives\n\nIn 2.03 these elements hold their text in `narrative` children; text written directly inside them becomes a narrative (with the element's `xml:lang`):\n\n"
        for root in Catalogue.roots {
            var paths: [String] = []
            Catalogue.walk(from: root) { visit in
                if visit.spec.child("narrative") != nil { paths.append(visit.path.dropFirst(2).joined(separator: "/")) }
            }
            out += "- `\(root.children.first?.element.name ?? root.name)`: " + paths.map { "`\($0)`" }.joined(separator: ", ") + "\n"
        }

        out += "\n## 2.01 and 2.02\n\nA 2.01 or 2.02 file is valid 2.03 once its version says so: 2.02 and 2.03 only added elements and attributes, made some repeatable or optional, and added codes. Its content is kept as it is; codes 2.03 has withdrawn are reported (`withdrawn-code`).\n\n| added in | what |\n| --- | --- |\n"
        for addition in version2Additions {
            out += "| \(addition.version) | \(escaped(addition.place)) |\n"
        }
        return out
    }

    private static func escaped(_ text: String) -> String {
        var out = ""
        for character in text {
            switch character {
            case "|": out += "\\|"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\n": out += " "
            default: out.append(character)
            }
        }
        return out
    }
}
