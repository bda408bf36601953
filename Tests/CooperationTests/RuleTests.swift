import Cooperation
import Foundation
import IATI
import Testing

@Suite("Mapping rules, rule by rule")
struct RuleTests {
    let matcher: RuleMatcher

    init() throws {
        matcher = RuleMatcher(framework: try Fixtures.rulesFramework())
    }

    private func map(id: String = "T-0", title: String = "An activity", _ body: String = "") throws -> ActivityMapping {
        matcher.map(try Fixtures.activity(id: id, title: title, body))
    }

    private func targets(_ mapping: ActivityMapping) -> [String: Decimal] {
        Dictionary(uniqueKeysWithValues: mapping.allocations.map { ($0.target, $0.share) })
    }

    @Test("listed identifier; the output wins over its own outcome")
    func identifiers() throws {
        let mapping = try map(id: "T-ID-1")
        #expect(mapping.status == .mapped)
        #expect(targets(mapping) == ["A1.1": 100])
        #expect(mapping.allocations.first?.rules == ["by-id"])
        #expect(mapping.allocations.first?.tier == .identifier)
        #expect(mapping.allocations.first?.confidence == .high)
    }

    @Test("identifier suffix")
    func suffixes() throws {
        #expect(targets(try map(id: "XM-DAC-41302-VNM999")) == ["A1.2": 100])
        #expect(try map(id: "XM-DAC-41302-VNM9990").status == .unmapped)
    }

    @Test("tag code with its vocabulary")
    func tags() throws {
        #expect(targets(try map(#"<tag vocabulary="99" code="DWCP-X"/>"#)) == ["A2": 100])
        #expect(try map(#"<tag vocabulary="98" code="DWCP-X"/>"#).status == .unmapped, "same code, other vocabulary")
    }

    @Test("result and indicator references")
    func references() throws {
        let result = try map(#"<result type="2"><title><narrative>R</narrative></title><reference vocabulary="99" code="OUT-B1"/></result>"#)
        #expect(targets(result) == ["B1": 100])
        #expect(result.allocations.first?.tier == .resultReference)
        let indicator = try map(#"""
            <result type="1"><title><narrative>R</narrative></title><indicator measure="1"><title><narrative>I</narrative></title>
            <reference vocabulary="7" code="IND-B2"/></indicator></result>
            """#)
        #expect(targets(indicator) == ["B2": 100])
    }

    @Test("DAC 5-digit sector")
    func sector5() throws {
        let mapping = try map(#"<sector vocabulary="1" code="16020"/>"#)
        #expect(targets(mapping) == ["A1": 100])
        #expect(mapping.allocations.first?.confidence == .medium)
        #expect(targets(try map(#"<sector code="16020"/>"#)) == ["A1": 100], "no vocabulary means DAC 5-digit")
    }

    @Test("DAC 3-digit sector: vocabulary 2 and 5-digit codes under it")
    func sector3() throws {
        #expect(targets(try map(#"<sector vocabulary="2" code="113"/>"#)) == ["B1": 100])
        #expect(targets(try map(#"<sector vocabulary="1" code="11330"/>"#)) == ["B1": 100])
        #expect(try map(#"<sector vocabulary="2" code="11330"/>"#).status == .unmapped)
    }

    @Test("an activity matching several outcomes is split by its sector percentages")
    func severalOutcomes() throws {
        let mapping = try map(#"<sector vocabulary="1" code="16020" percentage="60"/><sector vocabulary="1" code="11330" percentage="40"/>"#)
        #expect(mapping.status == .mapped)
        #expect(targets(mapping) == ["A1": 60, "B1": 40])
        #expect(mapping.allocations.map(\.rules) == [["by-sector-5"], ["by-sector-3"]])
    }

    @Test("SDG targets and goals, from tags and from sectors")
    func sdgs() throws {
        #expect(targets(try map(#"<tag vocabulary="3" code="8.7"/>"#)) == ["B2": 100])
        #expect(targets(try map(#"<sector vocabulary="8" code="8.7" percentage="100"/>"#)) == ["B2": 100])
        #expect(targets(try map(#"<tag vocabulary="3" code="4.4"/>"#)) == ["A2": 100], "a target under goal 4")
        #expect(targets(try map(#"<tag vocabulary="2" code="4"/>"#)) == ["A2": 100])
        #expect(try map(#"<tag vocabulary="2" code="8"/>"#).status == .unmapped, "goal 8 is not target 8.7")
        #expect(try map(#"<tag vocabulary="99" code="8.7"/>"#).status == .unmapped, "not an SDG vocabulary")
    }

    @Test("participating organisation with role, and recipient country")
    func organisations() throws {
        #expect(targets(try map(#"<participating-org ref="XM-DAC-701" role="1"/>"#)) == ["B1": 100])
        #expect(try map(#"<participating-org ref="XM-DAC-701" role="4"/>"#).status == .unmapped, "other role")
        #expect(targets(try map(#"<recipient-country code="LA"/>"#)) == ["B2": 100])
    }

    @Test("English keywords, low confidence, on word boundaries")
    func englishKeywords() throws {
        let mapping = try map(title: "Ending Child Labour in agriculture")
        #expect(targets(mapping) == ["B2": 100])
        #expect(mapping.allocations.first?.confidence == .low)
        #expect(mapping.allocations.first?.tier == .keyword)
        #expect(try map(title: "Childlabour studies").status == .unmapped)
        let described = try map(#"<description><narrative>Work on child labour.</narrative></description>"#)
        #expect(targets(described) == ["B2": 100], "descriptions count too")
    }

    @Test("Vietnamese keywords with and without diacritics", arguments: [
        "Xóa bỏ lao động trẻ em", "Xoa bo lao dong tre em", "XÓA BỎ LAO ĐỘNG TRẺ EM", "xoa bo LAO DONG tre EM",
    ])
    func vietnameseKeywords(title: String) throws {
        #expect(targets(try map(title: title)) == ["B2": 100])
    }

    @Test("đ folds to d; partial phrases do not match")
    func vietnameseFolding() throws {
        #expect(targets(try map(title: "Đào tạo nghề cho thanh niên")) == ["A2": 100])
        #expect(targets(try map(title: "Dao tao nghe")) == ["A2": 100])
        #expect(try map(title: "Lao động trẻ").status == .unmapped, "the phrase needs all its words")
        #expect(TextFolding.fold("Đường Hồ Chí Minh") == "duong ho chi minh")
    }

    @Test("the most explicit tier wins; lower tiers only divide what is left")
    func precedence() throws {
        let explicit = try map(id: "T-ID-1", title: "Child labour", #"<sector code="16020"/>"#)
        #expect(targets(explicit) == ["A1.1": 100])
        let cascade = try map(
            title: "Child labour", #"<sector vocabulary="1" code="16020" percentage="60"/><sector vocabulary="1" code="99810" percentage="40"/>"#)
        #expect(cascade.status == .mapped)
        #expect(targets(cascade) == ["A1": 60, "B2": 40])
        let partial = try map(#"<sector vocabulary="1" code="16020" percentage="60"/><sector vocabulary="1" code="99810" percentage="40"/>"#)
        #expect(partial.status == .partial)
        #expect(partial.unallocatedShare == 40)
    }

    @Test("two nodes at one tier without shares: ambiguous, money left unallocated")
    func ambiguous() throws {
        let mapping = try map(title: "Child labour and đào tạo nghề")
        #expect(mapping.status == .ambiguous)
        #expect(mapping.candidates == ["A2", "B2"])
        #expect(mapping.allocations.isEmpty)
        #expect(mapping.unallocatedShare == 100)
        let organisation = try map(#"<participating-org ref="XM-DAC-701" role="1"/><recipient-country code="LA"/>"#)
        #expect(organisation.status == .ambiguous)
    }

    @Test("equal-split policy splits ambiguous activities exactly, flagged")
    func equalSplit() throws {
        let framework = try Framework.parse(
            yaml: Fixtures.rulesYAML.replacingOccurrences(of: "rules:\n", with: "allocation: {ambiguous: equal-split}\nrules:\n")
                + "\n  - {id: third, target: B1, keywords: {en: [labour inspection]}}\n",
            file: "split.yaml")
        let mapping = RuleMatcher(framework: framework).map(
            try Fixtures.activity(title: "Child labour, đào tạo nghề and labour inspection"))
        #expect(mapping.status == .ambiguous)
        #expect(mapping.allocations.count == 3)
        #expect(mapping.allocations.allSatisfy { $0.isAmbiguous })
        #expect(mapping.allocations.map(\.share).reduce(0, +) == 100)
        #expect(mapping.unallocatedShare == 0)
    }

    @Test("explicit shares split an activity; shares over 100% are ambiguous")
    func explicitShares() throws {
        let extra = """

              - {id: share-a, target: A2, identifiers: [S-1, S-2], share: 30}
              - {id: share-b, target: B1, identifiers: [S-1], share: "70%"}
              - {id: share-c, target: B2, identifiers: [S-2], share: 90}
            """
        let matcher = RuleMatcher(framework: try Fixtures.rulesFramework(extra))
        let split = matcher.map(try Fixtures.activity(id: "S-1"))
        #expect(split.status == .mapped)
        #expect(targets(split) == ["A2": 30, "B1": 70])
        let over = matcher.map(try Fixtures.activity(id: "S-2"))
        #expect(over.status == .ambiguous)
        #expect(over.candidates == ["A2", "B2"])
    }

    @Test("scope: only the programme country's share counts")
    func scope() throws {
        let framework = try Framework.load(path: Fixtures.defaultFramework)
        let matcher = RuleMatcher(framework: framework)
        let shared = try Fixtures.activity(#"<recipient-country code="VN" percentage="40"/><recipient-country code="LA" percentage="60"/>"#)
        #expect(matcher.scopeShare(shared) == 40)
        let elsewhere = try Fixtures.activity(#"<recipient-country code="LA"/><sector code="16020"/>"#)
        #expect(matcher.map(elsewhere).status == .outOfScope)
        let viaTransaction = try Fixtures.activity(#"""
            <recipient-region code="789"/><sector code="16020"/>
            <transaction><transaction-type code="3"/><value>1</value><recipient-country code="VN"/></transaction>
            """#)
        #expect(matcher.map(viaTransaction).status == .mapped)
        #expect(matcher.scopeShare(viaTransaction) == 0)
    }
}
