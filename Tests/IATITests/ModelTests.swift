import Foundation
import IATI
import LibXML
import Testing
import TestSupport

/// `real/v2` of the reference folder, `nil` when it is absent.
private let realV2: String? = Reference.folder.map { $0 + "/real/v2" }

private let iloSample: String? = {
    let path = Reference.sample("ilo-vietnam-activities.xml")
    return FileManager.default.fileExists(atPath: path) ? path : nil
}()

private let noReference = Reference.missing

/// Streams every `iati-activity` of a file and decodes it.
private func activities(in path: String) throws -> [Activity] {
    let reader = try XMLReader(path: path)
    var fileLanguage: String?
    var result: [Activity] = []
    while let start = try reader.nextElement() {
        if start.depth == 0 {
            fileLanguage = start.attributes.first { $0.name == "lang" && $0.namespace == XMLNamespace.xml }?.value
        } else if start.depth == 1, start.name == "iati-activity" {
            result.append(Activity.decode(node: try reader.expand(), fileLanguage: fileLanguage))
        }
    }
    return result
}

private func real(_ name: String) throws -> [Activity] {
    try activities(in: try #require(realV2) + "/" + name)
}

private func node(_ xml: String) throws -> Node {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("model-\(UUID().uuidString).xml").path
    try Data(xml.utf8).write(to: URL(fileURLWithPath: path))
    defer { try? FileManager.default.removeItem(atPath: path) }
    let reader = try XMLReader(path: path)
    while let start = try reader.nextElement() {
        if start.name == "iati-activity" { return try reader.expand() }
    }
    throw XMLError(level: .fatal, file: path, message: "no iati-activity")
}

@Suite("Typed activity model")
struct ModelTests {
    // MARK: - Values

    @Test("xsd:decimal amounts are exact and keep their text")
    func decimals() {
        #expect(DecimalValue(text: " 815132.15 ").value == Decimal(string: "815132.15"))
        #expect(DecimalValue(text: "815132.15").text == "815132.15")
        #expect(DecimalValue(text: "+5").value == 5)
        #expect(DecimalValue(text: "-.5").value == Decimal(string: "-0.5"))
        #expect(DecimalValue(text: "007.2500").value == Decimal(string: "7.25"))
        #expect(DecimalValue(text: "0.1").value.map { $0 + $0 + $0 } == Decimal(string: "0.3"))
        let long = "12345678901234567890123456789012345678"
        #expect(DecimalValue(text: long).value?.description == long)
        for bad in ["", "1e5", "1,5", "1.2.3", "abc", ".", "+", "NaN", "1 000", "٣"] {
            #expect(DecimalValue(text: bad).value == nil, "\(bad) is not an xsd:decimal")
            #expect(DecimalValue(text: bad).text == bad)
        }
        #expect(DecimalValue(text: "123456789012345678901234567890123456789").value == nil, "39 digits are not exact")
    }

    @Test("exact decimals are what Foundation reads from the same text, digit counts on both sides of 19")
    func decimalsAgreeWithFoundation() {
        // Deterministic: every sign, point place and zero padding over digit runs of 1 to 38.
        var generator = SplitMix(state: 20261203)
        for length in 1...38 {
            for _ in 0..<40 {
                var digits = (0..<length).map { _ in Character(String(generator.next() % 10)) }
                if generator.next() % 3 == 0 { digits.insert(contentsOf: "000", at: 0) }
                if generator.next() % 3 == 0 { digits += "00" }
                var text = String(digits)
                let point = Int(generator.next() % UInt64(text.count + 1))
                if generator.next() % 2 == 0 { text.insert(".", at: text.index(text.startIndex, offsetBy: point)) }
                let sign = ["", "+", "-"][Int(generator.next() % 3)]
                let lexical = sign + text
                let significant = text.filter { $0 != "." }.drop { $0 == "0" }.reversed().drop { $0 == "0" }.count
                guard significant <= 38 else { continue }
                let expected = Decimal(string: lexical.hasPrefix("+") ? String(lexical.dropFirst()) : lexical, locale: Locale(identifier: "en_US_POSIX"))
                #expect(DecimalValue.exactDecimal(lexical) == expected, "\(lexical)")
            }
        }
    }

    @Test("dates parse and keep their text")
    func dates() {
        let date = IATIDate(text: "2022-12-31")
        #expect(date.year == 2022 && date.month == 12 && date.day == 31)
        #expect(IATIDate(text: "2018-10-24T22:51:42").isoString == "2018-10-24")
        #expect(IATIDate(text: "2018-10-24T22:51:42").text == "2018-10-24T22:51:42")
        #expect(IATIDate(text: "2020-02-29Z").isValid)
        #expect(IATIDate(text: "2020-01-01+07:00").isValid)
        for bad in ["2021-02-29", "2021-13-01", "21-01-01", "2021/01/01", "2021-1-1", "", "yesterday", "2021-01-01junk"] {
            #expect(!IATIDate(text: bad).isValid, "\(bad) is not a date")
            #expect(IATIDate(text: bad).text == bad)
        }
        #expect(IATIDate(text: "2020-01-01") < IATIDate(text: "2020-01-02"))
        #expect(IATIDate(text: "2020-12-31") < IATIDate(text: "bad"))
    }

    @Test("currency falls back to the activity's default, then the file's, and says which")
    func currencies() throws {
        let activity = Activity.decode(
            node: try node("""
                <iati-activities version="2.03"><iati-activity default-currency="VND">
                <iati-identifier>X-1</iati-identifier>
                <transaction><transaction-type code="3"/><transaction-date iso-date="2023-01-02"/>
                <value value-date="2023-01-02">1000000.5</value></transaction>
                <transaction><transaction-type code="3"/><value currency="USD">12</value></transaction>
                <transaction><transaction-type code="3"/><value>not money</value></transaction>
                </iati-activity></iati-activities>
                """))
        let values = activity.transactions.compactMap(\.value)
        #expect(values.map(\.currency) == ["VND", "USD", "VND"])
        #expect(values.map(\.currencySource) == [.activityDefault, .explicit, .activityDefault])
        #expect(values[0].amount == Decimal(string: "1000000.5"))
        #expect(values[0].valueDate?.isoString == "2023-01-02")
        #expect(values[2].amount == nil && values[2].text == "not money")

        let bare = try node("<iati-activity><value>1</value><budget><value>2</value></budget></iati-activity>")
        #expect(Activity.decode(node: bare, fileCurrency: "EUR").budgets.first?.value?.currencySource == .fileDefault)
        #expect(Activity.decode(node: bare).budgets.first?.value?.currencySource == .missing)
        #expect(Activity.decode(node: bare).budgets.first?.value?.currency == nil)
    }

    @Test("narrative languages: own, else the activity's, else the file's")
    func languages() throws {
        let xml = """
            <iati-activities xml:lang="fr"><iati-activity>
            <title><narrative>Sans langue</narrative><narrative xml:lang="vi">Việc làm</narrative></title>
            </iati-activity></iati-activities>
            """
        let fileOnly = Activity.decode(node: try node(xml), fileLanguage: "fr")
        #expect(fileOnly.title.map(\.language) == ["fr", "vi"])
        #expect(fileOnly.title.map(\.statedLanguage) == [nil, "vi"])
        #expect(fileOnly.title[1].text == "Việc làm")
        let own = Activity.decode(node: try node(xml.replacingOccurrences(of: "<iati-activity>", with: "<iati-activity xml:lang=\"en\">")), fileLanguage: "fr")
        #expect(own.title.map(\.language) == ["en", "vi"])
        #expect(own.language == "en")
        #expect(own.title.text(preferring: ["vi"]) == "Việc làm")
    }

    @Test("invalid and unknown values are kept as text, nothing crashes")
    func lenient() throws {
        let activity = Activity.decode(
            node: try node("""
                <iati-activity humanitarian="maybe" hierarchy="two">
                <sector code="ZZZ" percentage="half"/><activity-date type="9" iso-date="31/12/2020"/>
                <location><point><pos>north</pos></point></location>
                <result><indicator><period><target value="many"/></period></indicator></result>
                <transaction><value>1e6</value></transaction>
                </iati-activity>
                """))
        #expect(activity.identifier == nil)
        #expect(activity.isHumanitarian == nil && activity.humanitarian == "maybe")
        #expect(activity.hierarchyLevel == nil)
        #expect(activity.sectors.first?.percentage?.text == "half" && activity.sectors.first?.percentage?.value == nil)
        #expect(activity.sectors.first?.effectiveVocabulary == "1")
        #expect(activity.dates.first?.date?.text == "31/12/2020")
        #expect(activity.locations.first?.point?.latitude == nil)
        #expect(activity.results.first?.indicators.first?.periods.first?.targets.first?.value?.text == "many")
        #expect(activity.transactions.first?.value?.amount == nil)
    }

    // MARK: - Real files

    @Test("Canada: transactions, budgets, sectors, results, locations", .enabled(if: realV2 != nil, noReference))
    func canada() throws {
        let activities = try real("canada-activity.xml")
        let activity = try #require(activities.first)
        #expect(activities.count == 1)
        #expect(activity.identifier == "CA-3-D002451001")
        #expect(activity.defaultCurrency == "CAD")
        #expect(activity.language == "EN")
        #expect(activity.hierarchy == "1" && activity.isHumanitarian == false)
        #expect(activity.reportingOrg?.ref == "CA-3")
        #expect(activity.title.text(preferring: ["en"]) == "Partnerships for Municipal Innovation in Local Economic Development")
        #expect(activity.title.text(preferring: ["fr"])?.hasPrefix("Partenariats pour l\u{2019}innovation") == true)

        #expect(activity.transactions.count == 13)
        let first = try #require(activity.transactions.first)
        #expect(first.type == "3")
        #expect(first.date == IATIDate(text: "2016-03-02"))
        #expect(first.value?.amount == 1_664_612 && first.value?.currency == "CAD")
        var totals: [String: Decimal] = [:]
        for transaction in activity.transactions {
            totals[transaction.type ?? "", default: 0] += transaction.value?.amount ?? 0
        }
        #expect(totals == ["2": 19_570_705, "3": 18_788_937])

        #expect(activity.budgets.count == 6)
        #expect(activity.budgets.first?.periodStart?.isoString == "2015-04-01")
        #expect(activity.budgets.first?.value?.amount == 1_979_997)
        #expect(activity.sectors.map(\.code) == ["15112", "15150", "25010", "32130", "41010"])
        #expect(activity.sectors.first?.percentage?.value == Decimal(string: "48.48"))
        #expect(activity.sectors.compactMap(\.percentage?.value).reduce(0, +) == 100)
        #expect(activity.recipientCountries.count == 7)
        #expect(activity.recipientCountries.first?.code == "BF")
        #expect(activity.participatingOrgs.map(\.role) == ["1", "4", "3"])
        #expect(activity.participatingOrgs[1].crsChannelCode == "11000")
        #expect(activity.locations.count == 7)
        #expect(activity.locations.first?.identifiers.first == GazetteerCode(code: "1562822", vocabulary: "G1", level: nil))
        #expect(activity.locations.first?.reach == "2" && activity.locations.first?.exactness == "2")
        #expect(activity.results.count == 2)
        #expect(activity.results.first?.type == "2")
        #expect(activity.results.first?.indicators.first?.measure == "5")
    }

    @Test("3FI: decimal amounts, explicit currency and value dates", .enabled(if: realV2 != nil, noReference))
    func threeFI() throws {
        let activity = try #require(try real("3fi-activity.xml").first)
        #expect(activity.identifier == "DK-CVR-31378028-SPA-2020")
        #expect(activity.transactions.count == 13)
        let value = try #require(activity.transactions.first?.value)
        #expect(value.amount == Decimal(string: "815132.15"))
        #expect(value.text == "815132.15")
        #expect(value.currency == "DKK" && value.hasExplicitCurrency)
        #expect(value.valueDate?.isoString == "2022-12-31")
    }

    @Test("GDI Hub: four activities, results with indicators, baselines and periods", .enabled(if: realV2 != nil, noReference))
    func gdiHub() throws {
        let activities = try real("gdihub-activity.xml")
        #expect(activities.count == 4)
        #expect(activities.map(\.identifier).prefix(3) == ["GB-COH-11126312-Cluster1", "GB-COH-11126312-Cluster2", "GB-COH-11126312-Cluster3"])
        let result = try #require(activities.first?.results.first)
        #expect(result.type == "1" && result.aggregationStatus == "1")
        #expect(result.documentLinks.first?.categories == ["A07"])
        #expect(result.documentLinks.first?.documentDate?.isoString == "2021-03-01")
        let indicator = try #require(result.indicators.first)
        #expect(indicator.measure == "1" && indicator.isAscending)
        #expect(indicator.baselines.first?.year == "2019" && indicator.baselines.first?.value?.value == 0)
        #expect(indicator.periods.count == 3)
        #expect(indicator.periods[1].start?.isoString == "2020-04-01")
        #expect(indicator.periods[1].targets.first?.value?.value == 14)
        #expect(indicator.periods[1].actuals.first?.value?.value == 47)
        #expect(activities.first?.transactions.first?.value?.amount == Decimal(string: "56826.74"))
    }

    @Test("fixture: default currency, contact info, 1.x-less narratives", .enabled(if: realV2 != nil, noReference))
    func fixture() throws {
        let activity = try #require(try real("iatikit-fixture-org-activities.xml").first)
        #expect(activity.isHumanitarian == true)
        #expect(activity.lastUpdated?.isoString == "2018-10-24")
        let value = try #require(activity.transactions.first?.value)
        #expect(value.currency == "GBP" && value.currencySource == .activityDefault)
        #expect(value.amount == Decimal(string: "171.19"))
        #expect(activity.transactions.first?.sectors.map(\.vocabulary) == ["99", "999"])
        #expect(activity.flowType(of: activity.transactions[0]) == "30")
        #expect(activity.aidTypes(of: activity.transactions[0]) == [AidType(code: "C01")])
        #expect(activity.contactInfo.first?.emails == ["no-reply@fixture.org"])
        #expect(activity.contactInfo.first?.personName.first?.text == "Steve Bobbins")
        #expect(activity.date(ofType: "3")?.isoString == "2019-09-30")
        #expect(activity.recipientRegions.first?.code == "998")
        #expect(activity.language == nil)
    }

    @Test("EC INTPA: a point's coordinates are exact decimals", .enabled(if: realV2 != nil, noReference))
    func point() throws {
        let activity = try #require(try real("ec-intpa-activity.xml").first)
        let point = try #require(activity.locations.first?.point)
        #expect(point.latitude == Decimal(string: "6.3106") && point.longitude == Decimal(string: "-10.8048"))
        #expect(activity.locations.first?.description.first?.text == "Liberia")
    }

    @Test("UNOPS: white space around amounts is trimmed", .enabled(if: realV2 != nil, noReference))
    func whitespace() throws {
        let activities = try real("unops-at-activity.xml")
        #expect(activities.count == 3)
        #expect(activities.first?.transactions.first?.value?.amount == 1_321_549)
        #expect(activities.first?.transactions.first?.value?.text == "1321549")
    }

    @Test("every real v2 file decodes, every amount is a valid decimal", .enabled(if: realV2 != nil, noReference))
    func everyFile() throws {
        let folder = try #require(realV2)
        let files = try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasSuffix(".xml") }.sorted()
        #expect(files.count >= 10)
        var transactions = 0
        for file in files {
            for activity in try activities(in: folder + "/" + file) {
                #expect(activity.identifier != nil, "\(file): activity without identifier")
                for transaction in activity.transactions {
                    transactions += 1
                    #expect(transaction.value?.amount != nil, "\(file):\(transaction.line): amount not decoded")
                    #expect(transaction.value?.currency != nil, "\(file):\(transaction.line): no currency")
                }
            }
        }
        #expect(transactions == 13 + 13 + 6 + 14 + 4 + 12 + 1 + 64 + 2 + 3)
    }

    // MARK: - The ILO sample

    @Test("ILO Viet Nam sample decodes", .enabled(if: iloSample != nil, "samples/ilo-vietnam-activities.xml not present yet; skipped"))
    func iloVietnamSample() throws {
        let activities = try activities(in: try #require(iloSample))
        #expect(!activities.isEmpty)
        for activity in activities {
            #expect(activity.identifier?.hasPrefix("XM-DAC-41302") == true, "ILO identifiers start with ILO's organisation identifier")
            #expect(activity.recipientCountries.contains { $0.code == "VN" } || !activity.recipientRegions.isEmpty)
            for transaction in activity.transactions {
                #expect(transaction.value?.amount != nil, "line \(transaction.line): amount not decoded")
            }
        }
    }
}

/// A small deterministic generator (SplitMix64), so that a failing case comes back.
private struct SplitMix {
    var state: UInt64

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
