import Foundation
import Testing
import TestSupport

private let sample = Reference.sample("ilo-vietnam-activities.xml")

/// A rates file with one VND rate (January 2024), in `folder`.
private func vndRates(in folder: TemporaryFolder) throws -> String {
    try folder.write("rates.csv", "Date,Rate,Currency,Frequency,Source\n2024-01-31,25000,VND,M,IMF\n")
}

/// `iatix flatten` as a user runs it: the sample's tables, languages, Excel, bad inputs, usage.
@Suite struct FlattenCLITests {
    @Test func theGeneratedDocumentationIsCommitted() throws {
        for (format, path) in [("markdown", "docs/tables.md"), ("json", "schemas/tables.json")] {
            let result = try Command.iatix(["flatten", "--describe", format])
            let committed = try String(contentsOfFile: Reference.packageRoot + "/" + path, encoding: .utf8)
            #expect(result.standardOutput == committed, "\(path) differs from `iatix flatten --describe \(format)`: regenerate it")
        }
    }

    @Test func theSampleGivesEveryTableWithVietnameseAndABOMForExcel() throws {
        let folder = try TemporaryFolder()
        let result = try Command.iatix(["flatten", sample, "--out", folder.file("t"), "--excel", "--lang", "vi", "--lang", "en"])
        #expect(result.status == 0, "\(result.standardError)")
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.file("t")).sorted()
        #expect(names.count == 16 && names.allSatisfy { $0.hasSuffix(".csv") }, "\(names)")
        let data = try Data(contentsOf: URL(fileURLWithPath: folder.file("t/activities.csv")))
        #expect(Array(data.prefix(3)) == [0xEF, 0xBB, 0xBF])
        let text = String(decoding: data.dropFirst(3), as: UTF8.self)
        let header = text.prefix { $0 != "\r" && $0 != "\n" }.split(separator: ",").map(String.init)
        #expect(header.starts(with: ["iati_identifier", "activity_index", "title", "title_vi", "title_en"]))
        let title = try #require(header.firstIndex(of: "title"))
        #expect(Array(header[title...].prefix(3)) == ["title", "title_vi", "title_en"])
        // The column without suffix prefers the first --lang: Vietnamese.
        #expect(text.contains("XM-DAC-41302-VNM151,1,Việc làm bền vững cho thanh niên và người lao động trong khu vực kinh tế phi chính thức,Việc làm bền vững"))
        #expect(result.standardError.contains("activities 6"))
    }

    @Test func aBrokenInputIsNamedWithItsLineAndTheOthersAreStillFlattened() throws {
        let folder = try TemporaryFolder()
        let broken = Reference.sample("not-well-formed.xml")
        let result = try Command.iatix(["flatten", broken, sample, "--out", folder.file("t"), "--tables", "activities"])
        #expect(result.status == 1)
        #expect(result.standardError.contains("not-well-formed.xml:"), "\(result.standardError)")
        let rows = try String(contentsOfFile: folder.file("t/activities.csv"), encoding: .utf8).split(separator: "\r\n")
        #expect(rows.count == 7, "header and the sample's 6 activities")
    }

    @Test func aBrokenInputGivesTheSameTablesOnOneThreadAndTwo() throws {
        let folder = try TemporaryFolder()
        var tables: [[String: String]] = []
        for threads in ["1", "2"] {
            let out = folder.file("t\(threads)")
            let result = try Command.iatix([
                "flatten", sample, Reference.sample("not-well-formed.xml"), sample, "--out", out, "--threads", threads,
                "--tables", "activities,transactions,transaction_splits,budgets,budget_splits",
            ])
            #expect(result.status == 1, "\(result.standardError)")
            #expect(result.standardError.contains("not-well-formed.xml:"), "\(result.standardError)")
            var files: [String: String] = [:]
            for name in try FileManager.default.contentsOfDirectory(atPath: out) {
                files[name] = try String(contentsOfFile: "\(out)/\(name)", encoding: .utf8)
            }
            tables.append(files)
        }
        #expect(tables[0].count == 5 && tables[0] == tables[1])
        #expect(tables[1]["budget_splits.csv"]?.split(separator: "\r\n").count ?? 0 > 12, "the sample's budgets, twice")
        let usage = try Command.iatix(["flatten", sample, "--out", folder.file("t3"), "--threads", "3"])
        #expect(usage.status == 2 && usage.standardError.contains("--threads must be 1 or 2"), "\(usage.standardError)")
    }

    @Test func whenNothingCanBeReadNothingIsWritten() throws {
        let folder = try TemporaryFolder()
        let result = try Command.iatix(["flatten", folder.file("missing.xml"), Reference.sample("not-well-formed.xml"), "--out", folder.file("t")])
        #expect(result.status == 1)
        #expect(result.standardError.contains("none of the inputs could be read, no tables written"), "\(result.standardError)")
        #expect(result.standardError.contains("missing.xml: cannot open"))
        #expect((try? FileManager.default.contentsOfDirectory(atPath: folder.file("t")))?.isEmpty ?? true)
    }

    @Test func wrongUsageExitsWithTwoAndSaysWhatToDo() throws {
        let folder = try TemporaryFolder()
        let unknown = try Command.iatix(["flatten", sample, "--out", folder.path, "--tables", "activities,transfers"])
        #expect(unknown.status == 2)
        #expect(unknown.standardError.contains("no table 'transfers'; the tables are activities"))
        let noRates = try Command.iatix(["flatten", sample, "--out", folder.path, "--currency", "USD"])
        #expect(noRates.status == 2)
        #expect(noRates.standardError.contains("--currency needs --rates FILE"))
        let noOut = try Command.iatix(["flatten", sample])
        #expect(noOut.status == 2)
        #expect(noOut.standardError.contains("--out DIR"))
        let rates = try vndRates(in: folder)
        for (arguments, says) in [
            (["--rates", rates], "--rates converts amounts into the currencies named by --currency"),
            (["--excel", "--format", "jsonl"], "--excel marks CSV files for Excel"),
            (["--lang", ""], "--lang needs a language code"),
            (["--sector-vocabulary", "77"], "--sector-vocabulary 77: not a code of the SectorVocabulary codelist"),
        ] {
            let result = try Command.iatix(["flatten", sample, "--out", folder.file("u")] + arguments)
            #expect(result.status == 2 && result.standardError.contains(says), "\(arguments): \(result.standardError)")
        }
    }

    @Test func aCurrencyOrLanguageNamedTwiceIsOneColumn() throws {
        let folder = try TemporaryFolder()
        let rates = try vndRates(in: folder)
        let result = try Command.iatix([
            "flatten", sample, "--out", folder.file("t"), "--tables", "activities,transactions", "--lang", "en", "--lang", "EN",
            "--currency", "vnd", "--currency", "VND", "--rates", rates,
        ])
        #expect(result.status == 0, "\(result.standardError)")
        let activities = try String(contentsOfFile: folder.file("t/activities.csv"), encoding: .utf8)
        let header = activities.prefix { $0 != "\r" }.split(separator: ",")
        #expect(header.filter { $0 == "title_en" }.count == 1, "\(header)")
        let transactions = try String(contentsOfFile: folder.file("t/transactions.csv"), encoding: .utf8)
        #expect(transactions.prefix { $0 != "\r" }.split(separator: ",").filter { $0 == "value_vnd" }.count == 1)
    }

    @Test func amountsThatAreNotNumbersAreNotedInTheSplitsAndCounted() throws {
        let folder = try TemporaryFolder()
        let input = try folder.write("values.xml", """
            <iati-activities version="2.03"><iati-activity default-currency="VND"><iati-identifier>X-1</iati-identifier>
            <recipient-country code="VN"/><sector code="16020"/>
            <transaction><transaction-type code="3"/><transaction-date iso-date="2024-01-15"/><value>1,000.50</value></transaction>
            <transaction><transaction-type code="3"/><transaction-date iso-date="2024-01-15"/><value>2500000</value></transaction>
            </iati-activity></iati-activities>
            """)
        let rates = try vndRates(in: folder)
        let result = try Command.iatix([
            "flatten", input, "--out", folder.file("t"), "--currency", "USD", "--rates", rates, "--tables", "transactions,transaction_splits",
        ])
        #expect(result.status == 0, "\(result.standardError)")
        #expect(result.standardError.contains("1 amount(s) not converted to USD, left empty: 1 value missing or not a number"), "\(result.standardError)")
        let splits = try String(contentsOfFile: folder.file("t/transaction_splits.csv"), encoding: .utf8)
        #expect(splits.contains(#"value ""1,000.50"" is not a number: value_split left empty"#), "\(splits)")
        #expect(splits.contains(",2500000,VND,VN,"))
    }

    @Test func aWorkbookSaysWhatExcelCannotHold() throws {
        let folder = try TemporaryFolder()
        let input = try folder.write("big.xml", """
            <iati-activities version="2.03"><iati-activity default-currency="VND" xml:lang="vi"><iati-identifier>X-1</iati-identifier>
            <description><narrative>\(String(repeating: "Việc làm. ", count: 4_000))</narrative></description>
            <transaction><transaction-type code="3"/><transaction-date iso-date="2024-01-15"/><value>12345678901234.56</value></transaction>
            </iati-activity></iati-activities>
            """)
        let result = try Command.iatix(["flatten", input, "--out", folder.file("t"), "--format", "xlsx", "--tables", "activities,transactions"])
        #expect(result.status == 0, "\(result.standardError)")
        // The description's two cells: `description` and `description_vi`.
        #expect(result.standardError.contains("warning: 2 text(s) longer than an Excel cell's 32,767 characters cut"), "\(result.standardError)")
        #expect(result.standardError.contains("warning: 1 number(s) of more than 15 significant digits held rounded"), "\(result.standardError)")
        let csv = try Command.iatix(["flatten", input, "--out", folder.file("c"), "--tables", "activities,transactions"])
        #expect(csv.status == 0 && !csv.standardError.contains("warning"), "\(csv.standardError)")
    }

    @Test func theActivitiesTableGivesTheVersionTheFileDeclares() throws {
        let folder = try TemporaryFolder()
        let input = try folder.write("old.xml", """
            <iati-activities version="1.03"><iati-activity default-currency="USD"><iati-identifier>X-1</iati-identifier></iati-activity></iati-activities>
            """)
        let result = try Command.iatix(["flatten", input, "--out", folder.file("t"), "--tables", "activities"])
        #expect(result.status == 0, "\(result.standardError)")
        let text = try String(contentsOfFile: folder.file("t/activities.csv"), encoding: .utf8)
        let rows = text.split(separator: "\r\n").map { $0.split(separator: ",", omittingEmptySubsequences: false) }
        let version = try #require(rows.first?.firstIndex(of: "version"))
        #expect(rows.dropFirst().first?[version] == "1.03", "\(text)")
    }

    @Test func narrativesInsideExtensionsAreInTheNarrativesTable() throws {
        let folder = try TemporaryFolder()
        let input = try folder.write("ext.xml", """
            <iati-activities version="2.03" xmlns:x="http://example.org/x"><iati-activity xml:lang="en"><iati-identifier>X-1</iati-identifier>
            <title><narrative>Title</narrative></title><x:extra><narrative xml:lang="vi">Thêm</narrative></x:extra>
            </iati-activity></iati-activities>
            """)
        let result = try Command.iatix(["flatten", input, "--out", folder.file("t"), "--tables", "narratives"])
        #expect(result.status == 0, "\(result.standardError)")
        let text = try String(contentsOfFile: folder.file("t/narratives.csv"), encoding: .utf8)
        #expect(text.contains("x:extra[1]/narrative[1],extra,vi,true,Thêm"), "\(text)")
        #expect(text.contains("title[1]/narrative[1],title,en,"), "\(text)")
    }

    @Test func anOutputFolderUnderAFileIsRefusedNamingTheFile() throws {
        let folder = try TemporaryFolder()
        let file = try folder.write("afile", "x")
        let under = try Command.iatix(["flatten", sample, "--out", file + "/sub"])
        #expect(under.status == 1)
        #expect(under.standardError.contains("cannot create the folder: \(file) is a file, not a folder"), "\(under.standardError)")
        let onto = try Command.iatix(["flatten", sample, "--out", file])
        #expect(onto.status == 1)
        #expect(onto.standardError.contains("cannot use it as the output folder: it is not a folder"), "\(onto.standardError)")
        #expect(try String(contentsOfFile: file, encoding: .utf8) == "x")
    }

    @Test func aBrokenRatesFileStopsBeforeAnythingIsRead() throws {
        let folder = try TemporaryFolder()
        let rates = try folder.write("rates.csv", "Date,Rate,Currency,Frequency,Source\n2024-01-31,zero,VND,M,IMF\n")
        let result = try Command.iatix(["flatten", sample, "--out", folder.file("t"), "--currency", "USD", "--rates", rates])
        #expect(result.status == 1)
        #expect(result.standardError.contains("rates.csv:2: rate \"zero\" for VND must be a positive decimal"), "\(result.standardError)")
        #expect(!FileManager.default.fileExists(atPath: folder.file("t/activities.csv")))
    }

    @Test func amountsWithoutARateAreLeftEmptyAndCounted() throws {
        let folder = try TemporaryFolder()
        let rates = try vndRates(in: folder)
        let result = try Command.iatix([
            "flatten", sample, "--out", folder.file("t"), "--currency", "VND", "--rates", rates, "--tables", "transactions",
        ])
        #expect(result.status == 0, "\(result.standardError)")
        // The sample has AUD and EUR amounts, for which the file has no rate.
        #expect(result.standardError.contains("not converted to VND, left empty"), "\(result.standardError)")
        let text = try String(contentsOfFile: folder.file("t/transactions.csv"), encoding: .utf8)
        #expect(text.contains(",AUD,,,,"), "an unconverted AUD amount has empty value_vnd, rate_vnd, rate_date_vnd")
        #expect(!text.contains(",AUD,0,"))
    }

    @Test func amountsConvertedWithARateOfAnotherMonthAreCounted() throws {
        let folder = try TemporaryFolder()
        let rates = try vndRates(in: folder)
        func transaction(_ value: String, _ currency: String, _ date: String) -> String {
            "<transaction><transaction-type code=\"3\"/><transaction-date iso-date=\"\(date)\"/>"
                + "<value currency=\"\(currency)\" value-date=\"\(date)\">\(value)</value></transaction>"
        }
        let transactions = [("100", "USD", "2024-01-15"), ("200", "USD", "2023-06-01"), ("300", "USD", "2024-03-02"), ("400", "VND", "2019-01-01")]
        let input = try oneActivity(in: folder, "a.xml", attributes: #"default-currency="USD""#, transactions.map(transaction).joined())
        let result = try Command.iatix(["flatten", input, "--out", folder.file("t"), "--currency", "VND", "--rates", rates, "--tables", "transactions"])
        #expect(result.status == 0, "\(result.standardError)")
        // January's amount takes its month's rate; June's and March's the nearest, January's;
        // the VND amount needs no rate.
        #expect(
            result.standardError.contains("warning: 2 amount(s) converted to VND with the nearest rate in time, of another month than their value date"),
            "\(result.standardError)")
        let text = try String(contentsOfFile: folder.file("t/transactions.csv"), encoding: .utf8)
        #expect(text.contains("2023-06-01,200,USD,5000000"), "\(text)")
    }

    @Test func aCurrencyInLowerCaseIsLeftUnconvertedWithAHint() throws {
        let folder = try TemporaryFolder()
        let rates = try vndRates(in: folder)
        let input = try oneActivity(in: folder, "lower.xml", attributes: #"default-currency="usd""#,
            "<transaction><transaction-type code=\"3\"/><transaction-date iso-date=\"2024-01-15\"/><value>100</value></transaction>")
        let result = try Command.iatix(["flatten", input, "--out", folder.file("t"), "--currency", "VND", "--rates", rates, "--tables", "transactions", "-q"])
        #expect(result.status == 0, "\(result.standardError)")
        #expect(
            result.standardError.contains("1 the rates file has no rate for usd (currency codes are upper case: USD)"), "\(result.standardError)")
    }

    @Test func amountsMissingOrNotANumberAreCountedWithoutACurrency() throws {
        let folder = try TemporaryFolder()
        let input = try oneActivity(in: folder, "nan.xml", attributes: #"default-currency="USD""#,
            "<transaction><transaction-type code=\"3\"/><transaction-date iso-date=\"2021-08-15\"/><value>1,000</value></transaction>"
                + "<transaction><transaction-type code=\"3\"/><transaction-date iso-date=\"2021-08-15\"/><value>5</value></transaction>"
                + "<budget><period-start iso-date=\"2021-01-01\"/><period-end iso-date=\"2021-12-31\"/><value>abc</value></budget>")
        let result = try Command.iatix(["flatten", input, "--out", folder.file("t"), "-q"])
        #expect(result.status == 0, "\(result.standardError)")
        #expect(
            result.standardError.contains("warning: 2 amount(s) missing or not a number: their split rows have no value_split"),
            "\(result.standardError)")
    }

    @Test func aLanguageCodeThatIsNotOneIsWrongUsage() throws {
        let folder = try TemporaryFolder()
        for code in ["en,vi", "e n", "-en"] {
            let result = try Command.iatix(["flatten", sample, "--out", folder.file("t"), "--lang=\(code)"])
            #expect(result.status == 2, "\(code): \(result.standardError)")
            #expect(result.standardError.contains("--lang takes one language code each time"), "\(result.standardError)")
        }
        let regional = try Command.iatix(["flatten", sample, "--out", folder.file("r"), "--lang", "en-GB", "--tables", "activities", "-q"])
        #expect(regional.status == 0, "\(regional.standardError)")
    }

    @Test func aFieldsColumnHoldsWhatItsLanguagesColumnHolds() throws {
        let folder = try TemporaryFolder()
        let input = try oneActivity(in: folder, "two.xml", attributes: #"xml:lang="en""#,
            "<title><narrative>First</narrative><narrative>Second</narrative><narrative xml:lang=\"fr\">Titre</narrative></title>")
        let line = try jsonLines(of: "activities", flattening: input, in: folder).joined(separator: "\n")
        #expect(line.contains(#""title":"First\nSecond","title_en":"First\nSecond","title_fr":"Titre""#), "\(line)")
    }

    @Test func aTransactionGivingACountryAndARegionIsSplitByTheCountryAndSaysSo() throws {
        let folder = try TemporaryFolder()
        let input = try oneActivity(in: folder, "both.xml", attributes: #"default-currency="USD""#,
            "<recipient-country code=\"VN\" percentage=\"50\"/><recipient-region code=\"789\" vocabulary=\"1\" percentage=\"50\"/>"
                + "<transaction><transaction-type code=\"3\"/><transaction-date iso-date=\"2021-08-15\"/><value>100</value>"
                + "<recipient-country code=\"TH\"/><recipient-region code=\"298\" vocabulary=\"1\"/></transaction>")
        let rows = try jsonLines(of: "transaction_splits", flattening: input, in: folder)
        #expect(rows.count == 1)
        #expect(rows.first?.contains(#""country_code":"TH""#) == true, "\(rows)")
        #expect(rows.first?.contains("the transaction gives a country (TH) and a region (298): the country is used") == true, "\(rows)")
    }

    @Test func aBaselineValueThatIsNotANumberIsKeptAsWritten() throws {
        let folder = try TemporaryFolder()
        let indicator = { (value: String) in
            "<indicator measure=\"1\"><title><narrative>I</narrative></title><baseline year=\"2020\" value=\"\(value)\"/></indicator>"
        }
        let input = try oneActivity(in: folder, "b.xml", attributes: #"xml:lang="en""#,
            "<result type=\"1\"><title><narrative>R</narrative></title>" + indicator("about 40%") + indicator("12.50") + "</result>")
        let rows = try jsonLines(of: "indicators", flattening: input, in: folder)
        #expect(rows.count == 2)
        #expect(rows.first?.contains(#""baseline_value":null,"baseline_value_text":"about 40%""#) == true, "\(rows)")
        #expect(rows.last?.contains(#""baseline_value":12.5,"baseline_value_text":null"#) == true, "\(rows)")
    }

    @Test(.enabled(if: Command.which("python3") != nil, "python3 is missing"))
    func theWorkbookOpensInOpenpyxlWithTypedCells() throws {
        let folder = try TemporaryFolder()
        let result = try Command.iatix(["flatten", sample, "--out", folder.file("t"), "--format", "xlsx", "--lang", "en", "--lang", "vi"])
        #expect(result.status == 0, "\(result.standardError)")
        let script = """
            import json, sys, openpyxl
            book = openpyxl.load_workbook(sys.argv[1], read_only=True)
            activities = [list(r) for r in book["activities"].iter_rows(values_only=True)]
            splits = [list(r) for r in book["transaction_splits"].iter_rows(values_only=True)]
            head = splits[0]
            print(json.dumps({
              "sheets": book.sheetnames,
              "header": activities[0][:3],
              "title_vi": activities[1][activities[0].index("title_vi")],
              "identifier_type": type(activities[1][0]).__name__,
              "sector_type": type(splits[1][head.index("sector_code")]).__name__,
              "value_type": type(splits[1][head.index("value_split")]).__name__,
              "date_type": type(splits[1][head.index("transaction_date")]).__name__,
            }, ensure_ascii=False))
            """
        guard let output = try python(script, folder.file("t/tables.xlsx")) else { return }
        let facts = try #require(try JSONSerialization.jsonObject(with: output) as? [String: Any])
        #expect(facts["sheets"] as? [String] == [
            "activities", "participating_orgs", "sectors", "countries", "regions", "locations", "transactions", "transaction_splits",
            "budgets", "budget_splits", "planned_disbursements", "results", "indicators", "periods", "documents", "narratives",
        ])
        #expect(facts["header"] as? [String] == ["iati_identifier", "activity_index", "title"])
        #expect((facts["title_vi"] as? String)?.hasPrefix("Việc làm bền vững cho thanh niên") == true)
        #expect(facts["identifier_type"] as? String == "str")
        #expect(facts["sector_type"] as? String == "str", "codes stay text")
        #expect(["int", "float"].contains(facts["value_type"] as? String ?? ""), "amounts are numbers")
        #expect(facts["date_type"] as? String == "datetime", "dates are dates")
    }

    @Test(.enabled(if: Command.which("python3") != nil, "python3 is missing"))
    func aWorkbookKeepsTextThatLooksLikeAnEscape() throws {
        let folder = try TemporaryFolder()
        let input = try oneActivity(in: folder, "x.xml", attributes: #"xml:lang="en""#,
            "<title><narrative>a&#13;b</narrative><narrative xml:lang=\"fr\">a_x000D_b _x00e9_</narrative></title>")
        let result = try Command.iatix(["flatten", input, "--out", folder.file("t"), "--format", "xlsx", "--tables", "narratives", "-q"])
        #expect(result.status == 0, "\(result.standardError)")
        // The cells' strings as a spreadsheet reads them: the workbook's XML text, with
        // ECMA-376's _xHHHH_ escapes decoded (openpyxl's decoder; its reader leaves them).
        let script = """
            import json, re, sys, zipfile
            from openpyxl.utils.escape import unescape
            book = zipfile.ZipFile(sys.argv[1])
            texts = []
            for name in sorted(book.namelist()):
                if name == "xl/sharedStrings.xml" or name.startswith("xl/worksheets/sheet"):
                    texts += [unescape(t) for t in re.findall(r"<t[^>]*>([^<]*)</t>", book.read(name).decode())]
            print(json.dumps([t for t in texts if t.startswith("a") and "b" in t]))
            """
        guard let output = try python(script, folder.file("t/tables.xlsx")) else { return }
        let texts = try #require(try JSONSerialization.jsonObject(with: output) as? [String])
        #expect(texts == ["a\rb", "a_x000D_b _x00e9_"])
    }

    /// What a Python script with openpyxl prints about `file`; `nil`, with an issue recorded,
    /// when openpyxl is missing or the script fails.
    private func python(_ script: String, _ file: String) throws -> Data? {
        guard (try? Command.run("/usr/bin/env", ["python3", "-c", "import openpyxl"]))?.status == 0 else {
            Issue.record("openpyxl is missing: pip install openpyxl (.ci/run installs it)")
            return nil
        }
        let check = try Command.run("/usr/bin/env", ["python3", "-c", script, file])
        #expect(check.status == 0, "\(check.standardError)")
        return check.status == 0 ? Data(check.standardOutput.utf8) : nil
    }

    /// The rows of `table`, as JSON Lines, of `input` flattened into `folder`.
    private func jsonLines(of table: String, flattening input: String, in folder: TemporaryFolder) throws -> [Substring] {
        let result = try Command.iatix(["flatten", input, "--out", folder.file("t"), "--tables", table, "--format", "jsonl", "-q"])
        #expect(result.status == 0, "\(result.standardError)")
        return try String(contentsOfFile: folder.file("t/\(table).jsonl"), encoding: .utf8).split(separator: "\n")
    }

    /// A file of one activity `XM-1` with `attributes` and `content`, in `folder`.
    private func oneActivity(in folder: TemporaryFolder, _ name: String, attributes: String, _ content: String) throws -> String {
        try folder.write(
            name,
            "<iati-activities version=\"2.03\"><iati-activity \(attributes)><iati-identifier>XM-1</iati-identifier>"
                + content + "</iati-activity></iati-activities>")
    }
}
