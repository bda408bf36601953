#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import IATI
import LibXML
import Testing
import TestSupport

// Foundation is not imported: its ICU module clashes with the ICU headers libxml2 pulls in.

/// The reference codelists folder, `nil` when the reference folder is absent.
private let referenceCodelists: String? = Reference.folder.map { $0 + "/codelists" }

private let skipMessage = Reference.missing

@Suite("Codelists")
struct CodelistTests {
    // MARK: - Against the reference

    @Test("2.03 codelists match the reference", .enabled(if: referenceCodelists != nil, skipMessage))
    func codelistsMatchReference() throws {
        let folder = try #require(referenceCodelists)
        var reference: [String: Codelist] = [:]
        for subfolder in ["embedded", "non-embedded"] {
            for path in try xmlFiles(in: folder + "/" + subfolder) {
                let list = try readCodelist(path, version105: false)
                #expect(reference[list.name] == nil, "codelist \(list.name) appears twice in the reference")
                reference[list.name] = list
            }
        }
        #expect(!reference.isEmpty, "no codelists read from \(folder)")
        compare(reference: reference, ours: Codelists.all, label: "2.03", lookup: Codelists.named)
    }

    @Test("1.05 embedded codelists match the reference", .enabled(if: referenceCodelists != nil, skipMessage))
    func version105MatchesReference() throws {
        let folder = try #require(referenceCodelists)
        var reference: [String: Codelist] = [:]
        for path in try xmlFiles(in: folder + "/v1.05-embedded") {
            let list = try readCodelist(path, version105: true)
            reference[list.name] = list
        }
        #expect(!reference.isEmpty, "no 1.05 codelists read from \(folder)")
        compare(reference: reference, ours: Codelists.allVersion105, label: "1.05", lookup: Codelists.version105(named:))
    }

    @Test("mappings match mapping.xml", .enabled(if: referenceCodelists != nil, skipMessage))
    func mappingsMatchReference() throws {
        let folder = try #require(referenceCodelists)
        let root = try readRoot(folder + "/mapping.xml")
        let reference = root.children(named: "mapping").map { mapping in
            CodelistMapping(
                path: mapping.child("path")?.text ?? "",
                codelist: mapping.child("codelist")?.attribute("ref") ?? "",
                condition: mapping.child("condition")?.text)
        }
        let ours = Codelists.mappings
        #expect(ours.count == reference.count, "mapping count: reference \(reference.count), ours \(ours.count)")
        for (position, (expected, actual)) in zip(reference, ours).enumerated() where expected != actual {
            Issue.record("mapping #\(position + 1): reference \(describe(expected)), ours \(describe(actual))")
        }
    }

    // MARK: - Well-known codes and the API

    @Test("well-known codes are present")
    func wellKnownCodes() throws {
        let currency = try #require(Codelists.named("Currency"))
        #expect(currency.contains("USD"))
        #expect(currency.contains("VND"))
        #expect(currency.code("VND")?.name == "Dong")
        #expect(!currency.contains("usd"))
        #expect(Codelists.named("Country")?.code("VN")?.name == "Viet Nam")
        let sector = try #require(Codelists.named("Sector"))
        #expect(sector.code("16020")?.name == "Employment creation")
        #expect(sector.code("16020")?.category == "160")
        #expect(sector.categoryCodelist == "SectorCategory")
        #expect(sector.isEmbedded == false)
        #expect(Codelists.named("TransactionType")?.isEmbedded == true)
        #expect(Codelists.named("TransactionType")?.code("3")?.name == "Disbursement")
        #expect(Codelists.named("NoSuchList") == nil)
        #expect(Codelists.all.map(\.name) == Codelists.all.map(\.name).sorted())
        #expect(Codelists.all.contains { $0.codes.contains(where: \.isWithdrawn) })
        #expect(Codelists.version105(named: "ActivityDateType")?.contains("start-planned") == true)
        #expect(Codelists.version105(named: "Vocabulary")?.code("DAC") != nil)
    }

    @Test("mappings for an element path and attribute")
    func mappingLookup() {
        let sector = Codelists.mappings(
            elementPath: ["iati-activities", "iati-activity", "transaction", "sector"], attribute: "code")
        #expect(sector.map(\.codelist) == ["Sector", "SectorCategory", "UNSDG-Goals", "UNSDG-Targets"])
        #expect(sector.first?.condition == "@vocabulary = '1' or not(@vocabulary)")
        #expect(sector.allSatisfy { $0.path.hasPrefix("//iati-activity/transaction/sector/") })

        let language = Codelists.mappings(elementPath: ["iati-activities", "iati-activity", "title", "narrative"], attribute: "xml:lang")
        #expect(language.map(\.codelist) == ["Language"])
        let channel = Codelists.mappings(elementPath: ["iati-activity", "crs-add", "channel-code"], attribute: nil)
        #expect(channel.map(\.codelist) == ["CRSChannelCode"])
        #expect(Codelists.mappings(elementPath: ["iati-activity", "sector"], attribute: "percentage").isEmpty)
        #expect(Codelists.mappings(elementPath: ["sector"], attribute: "code").isEmpty)
        #expect(Codelists.mappings(elementPath: ["iati-activities"], attribute: "version").map(\.codelist) == ["Version"])
        #expect(Codelists.mappings(elementPath: [], attribute: "xml:lang").map(\.codelist) == ["Language"])
    }
}

// MARK: - Reading the reference with the project's reader

private func xmlFiles(in folder: String) throws -> [String] {
    guard let directory = opendir(folder) else {
        throw ReferenceError(message: "cannot list \(folder)")
    }
    defer { closedir(directory) }
    var names: [String] = []
    while let entry = readdir(directory) {
        let name = withUnsafePointer(to: entry.pointee.d_name) {
            $0.withMemoryRebound(to: CChar.self, capacity: MemoryLayout.size(ofValue: entry.pointee.d_name)) {
                String(cString: $0)
            }
        }
        if name.hasSuffix(".xml") { names.append(name) }
    }
    return names.sorted().map { folder + "/" + $0 }
}

private func readRoot(_ path: String) throws -> Node {
    let reader = try XMLReader(path: path)
    guard try reader.nextElement() != nil else {
        throw ReferenceError(message: "\(path): no root element")
    }
    return try reader.expand()
}

private struct ReferenceError: Error, CustomStringConvertible {
    let message: String
    var description: String { message }
}

/// The English text among `elements`: the first without `xml:lang` or with `xml:lang="en"`.
private func english(_ elements: [Node]) -> String {
    elements.first { [nil, "en"].contains($0.attribute("lang", namespace: XMLNamespace.xml)) }?.text ?? ""
}

/// A reference codelist file; 2.03 names are `name/narrative`, 1.05 names are `name` elements.
private func readCodelist(_ path: String, version105: Bool) throws -> Codelist {
    let root = try readRoot(path)
    guard let name = root.attribute("name"), !name.isEmpty else {
        throw ReferenceError(message: "\(path): codelist without a name")
    }
    let items = root.child("codelist-items")?.children(named: "codelist-item") ?? []
    let codes = items.map { item in
        Code(
            code: item.child("code")?.text ?? "",
            name: version105 ? english(item.children(named: "name")) : english(item.child("name")?.children(named: "narrative") ?? []),
            isWithdrawn: version105 ? false : item.attribute("status") == "withdrawn",
            category: version105 ? nil : item.child("category")?.text)
    }
    return Codelist(
        name: name, isEmbedded: version105 || root.attribute("embedded") == "1",
        categoryCodelist: version105 ? nil : root.attribute("category-codelist"), codes: codes)
}

// MARK: - Comparing

private func compare(reference: [String: Codelist], ours: [Codelist], label: String, lookup: (String) -> Codelist?) {
    let ourNames = Set(ours.map(\.name))
    for missing in Set(reference.keys).subtracting(ourNames).sorted() {
        Issue.record("\(label) codelist \(missing) is in the reference but not in Codelists")
    }
    for extra in ourNames.subtracting(reference.keys).sorted() {
        Issue.record("\(label) codelist \(extra) is in Codelists but not in the reference")
    }
    for name in reference.keys.sorted() {
        guard let expected = reference[name], let actual = lookup(name) else { continue }
        for difference in differences(expected, actual).prefix(20) {
            Issue.record("\(label) \(name): \(difference)")
        }
    }
}

private func differences(_ expected: Codelist, _ actual: Codelist) -> [String] {
    var result: [String] = []
    if expected.isEmbedded != actual.isEmbedded {
        result.append("embedded: reference \(expected.isEmbedded), ours \(actual.isEmbedded)")
    }
    if expected.categoryCodelist != actual.categoryCodelist {
        result.append("category codelist: reference \(show(expected.categoryCodelist)), ours \(show(actual.categoryCodelist))")
    }
    if expected.codes.count != actual.codes.count {
        result.append("\(expected.codes.count) codes in the reference, \(actual.codes.count) in ours")
    }
    let ourCodes = Set(actual.codes.map(\.code))
    let theirCodes = Set(expected.codes.map(\.code))
    for code in expected.codes where !ourCodes.contains(code.code) {
        result.append("code \(show(code.code)) missing")
    }
    for code in actual.codes where !theirCodes.contains(code.code) {
        result.append("code \(show(code.code)) not in the reference")
    }
    for (position, (reference, ours)) in zip(expected.codes, actual.codes).enumerated() where reference != ours {
        guard reference.code == ours.code else {
            result.append("position \(position + 1): reference has code \(show(reference.code)), ours \(show(ours.code))")
            continue
        }
        let code = "code \(show(reference.code))"
        if reference.name != ours.name {
            result.append("\(code) name: reference \(show(reference.name)), ours \(show(ours.name))")
        }
        if reference.isWithdrawn != ours.isWithdrawn {
            result.append("\(code) withdrawn: reference \(reference.isWithdrawn), ours \(ours.isWithdrawn)")
        }
        if reference.category != ours.category {
            result.append("\(code) category: reference \(show(reference.category)), ours \(show(ours.category))")
        }
    }
    return result
}

private func show(_ value: String?) -> String {
    value.map { "\"\($0)\"" } ?? "none"
}

private func describe(_ mapping: CodelistMapping) -> String {
    "\(mapping.path) → \(mapping.codelist)" + (mapping.condition.map { " if \($0)" } ?? "")
}
