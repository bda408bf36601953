import IATI
import Cooperation
import Foundation
import Testing

/// The time written in the sample run's header: fixed, so that two runs compare byte for byte.
private let sampleTime = Date(timeIntervalSince1970: 1_790_000_000)

/// The outputs of the sample, written once for the tests here.
private let sampleRun: (summary: OutputsSummary, folder: String)? = {
    guard let sample = Fixtures.iloSample, let folder = try? Fixtures.temporaryFolder() else { return nil }
    let rates = try? Fixtures.file("rates.csv", """
        date,currency,rate,target
        2023-01-01,AUD,0.68,USD
        2023-01-01,KRW,0.00077,USD
        2023-01-01,VND,0.0000425,USD
        """)
    let options = OutputsOptions(
        framework: Fixtures.defaultFramework, inputs: [sample], outputDirectory: folder, rates: rates, generatedAt: sampleTime)
    guard let summary = try? runOutputs(options) else { return nil }
    return (summary, folder)
}()

@Suite("Outputs: JSON, XML, CSV, HTML")
struct RenderTests {
    @Test("runOutputs writes the four outputs and everything reconciles", .enabled(if: Fixtures.iloSample != nil, Fixtures.noSample))
    func writesAll() throws {
        let (summary, folder) = try #require(sampleRun)
        let names = summary.written.map { $0.replacingOccurrences(of: folder + "/", with: "") }
        #expect(names.contains("cooperation-outputs.json"))
        #expect(names.contains("cooperation-outputs.xml"))
        #expect(names.contains("cooperation-outputs.html"))
        #expect(names.contains("cooperation-outputs-csv/funding.csv"))
        #expect(names.contains("cooperation-outputs-csv/reconciliation.csv"))
        #expect(summary.reconciles && summary.inputsReadCompletely)
        #expect(summary.outputs.unconverted.contains { $0.currency == "JPY" }, "no JPY rate: listed, in JPY")
    }

    @Test("JSON validates against schemas/cooperation-outputs.schema.json",
          .enabled(if: Fixtures.iloSample != nil && SchemaCheck.hasJSONSchemaValidator, "needs the sample and python3 with jsonschema"))
    func jsonSchema() throws {
        let (_, folder) = try #require(sampleRun)
        let result = try #require(try SchemaCheck.json(folder + "/cooperation-outputs.json"))
        #expect(result.status == 0, "\(result.output)")
    }

    @Test("the default framework validates against schemas/framework.schema.json",
          .enabled(if: SchemaCheck.hasJSONSchemaValidator, "needs python3 with jsonschema and yaml"))
    func frameworkSchema() throws {
        let script = """
            import json, sys, datetime, jsonschema, yaml
            def plain(o):
                if isinstance(o, dict): return {k: plain(v) for k, v in o.items()}
                if isinstance(o, list): return [plain(v) for v in o]
                if isinstance(o, datetime.date): return o.isoformat()
                return o
            schema = json.load(open(sys.argv[1]))
            errors = list(jsonschema.Draft202012Validator(schema).iter_errors(plain(yaml.safe_load(open(sys.argv[2])))))
            for e in errors: print(list(e.absolute_path), e.message)
            sys.exit(1 if errors else 0)
            """
        let result = try #require(try SchemaCheck.run("python3", ["-c", script, Fixtures.path("schemas/framework.schema.json"), Fixtures.defaultFramework]))
        #expect(result.status == 0 || result.output.contains("No module named 'yaml'"), "\(result.output)")
    }

    @Test("XML validates against schemas/cooperation-outputs.xsd with libxml2",
          .enabled(if: Fixtures.iloSample != nil && SchemaCheck.hasXMLLint, "needs the sample and xmllint"))
    func xmlSchema() throws {
        let (_, folder) = try #require(sampleRun)
        let result = try #require(try SchemaCheck.xml(folder + "/cooperation-outputs.xml"))
        #expect(result.status == 0, "\(result.output)")
    }

    @Test("real v2 outputs validate too", .enabled(if: Fixtures.realV2 != nil && SchemaCheck.hasXMLLint, Fixtures.noReference))
    func realOutputs() throws {
        let folder = try Fixtures.temporaryFolder()
        let summary = try runOutputs(OutputsOptions(
            framework: Fixtures.defaultFramework, inputs: [try #require(Fixtures.realV2)], outputDirectory: folder,
            formats: [.xml, .json]))
        #expect(summary.reconciles)
        let result = try #require(try SchemaCheck.xml(folder + "/cooperation-outputs.xml"))
        #expect(result.status == 0, "\(result.output)")
    }

    @Test("same input, same bytes", .enabled(if: Fixtures.iloSample != nil, Fixtures.noSample))
    func deterministic() throws {
        let (summary, _) = try #require(sampleRun)
        let again = try runOutputs(OutputsOptions(
            framework: Fixtures.defaultFramework, inputs: summary.outputs.run.inputs.map(\.name), outputDirectory: try Fixtures.temporaryFolder(),
            rates: summary.outputs.run.ratesSource, generatedAt: sampleTime))
        #expect(again.outputs.json() == summary.outputs.json())
        #expect(again.outputs.xml() == summary.outputs.xml())
        #expect(again.outputs.html(language: .vi) == summary.outputs.html(language: .vi))
    }

    @Test("HTML is self-contained, with charts and labels in both languages", .enabled(if: Fixtures.iloSample != nil, Fixtures.noSample))
    func html() throws {
        let (summary, _) = try #require(sampleRun)
        let english = summary.outputs.html(language: .en)
        let vietnamese = summary.outputs.html(language: .vi)
        for page in [english, vietnamese] {
            #expect(page.hasPrefix("<!DOCTYPE html>"))
            #expect(page.components(separatedBy: "<svg").count - 1 >= 6, "a chart per outcome with money")
            #expect(!page.contains("<script"), "no scripts")
            #expect(!page.contains("<link"), "no external style sheets")
            #expect(!page.contains("src="), "no external images")
            #expect(!page.contains("url("), "no external fonts or images in CSS")
            #expect(!page.replacingOccurrences(of: "http://www.w3.org/2000/svg", with: "").contains("http"), "no links out")
            #expect(page.contains("XM-DAC-41302-VNM353"), "the ambiguous activity is listed")
        }
        #expect(english.contains("<html lang=\"en\">") && english.contains("Funding per year") && english.contains("Reconciliation"))
        #expect(vietnamese.contains("<html lang=\"vi\">") && vietnamese.contains("Nguồn vốn theo năm") && vietnamese.contains("Đối chiếu"))
        #expect(vietnamese.contains("Chương trình Quốc gia về Việc làm bền vững"))
        #expect(english.contains("Working structure, to be aligned with the signed programme document"))
    }

    @Test("CSV tables: header rows, quoting, one row per funding total", .enabled(if: Fixtures.iloSample != nil, Fixtures.noSample))
    func csv() throws {
        let (summary, _) = try #require(sampleRun)
        let tables = Dictionary(uniqueKeysWithValues: summary.outputs.csvTables().map { ($0.name, $0.text) })
        let funding = try #require(tables["funding.csv"])
        #expect(funding.hasPrefix("level,code,measure,year,currency,amount\r\n"))
        let rows = summary.outputs.priorities.flatMap { [$0] + $0.allDescendants }.map(\.funding.count).reduce(0, +)
        #expect(funding.components(separatedBy: "\r\n").count - 2 == rows)
        #expect(tables["contributions.csv"]?.contains("\"Skills development, TVET and human resource development\"") == true)
        #expect(tables["reconciliation.csv"]?.contains(",false\r\n") == false)
    }

    @Test("CSV files start with a UTF-8 byte order mark, for Excel", .enabled(if: Fixtures.iloSample != nil, Fixtures.noSample))
    func csvByteOrderMark() throws {
        let (summary, _) = try #require(sampleRun)
        let files = summary.written.filter { $0.hasSuffix(".csv") }
        #expect(files.count == summary.outputs.csvTables().count)
        for file in files {
            let bytes = try Data(contentsOf: URL(fileURLWithPath: file))
            #expect(Array(bytes.prefix(3)) == [0xEF, 0xBB, 0xBF], "\(file)")
            #expect(!bytes.dropFirst(3).starts(with: [0xEF, 0xBB, 0xBF]), "one mark, not two")
        }
    }

    @Test("a broken framework stops the run before any input is read")
    func brokenFramework() throws {
        let framework = try Fixtures.file("bad.yaml", "programme:\n  id: X\n  name: X\npriorities:\n  - code: P\n    name: P\nrules:\n  - {id: r, target: NOPE, sectors: [\"16020\"]}\n")
        let folder = try Fixtures.temporaryFolder()
        do {
            _ = try runOutputs(OutputsOptions(framework: framework, inputs: ["/nonexistent.xml"], outputDirectory: folder))
            Issue.record("the broken framework was accepted")
        } catch {
            #expect(error.description.contains("bad.yaml:8"))
            #expect(error.description.contains("points at \"NOPE\""))
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder).isEmpty)
    }

    @Test("an unreadable input is listed and the run goes on", .enabled(if: Fixtures.iloSample != nil, Fixtures.noSample))
    func unreadableInput() throws {
        let broken = try Fixtures.file("broken.xml", "<iati-activities version=\"2.03\"><iati-activity><iati-identifier>X</iati")
        let summary = try runOutputs(OutputsOptions(
            framework: Fixtures.defaultFramework, inputs: [broken, "/nonexistent/file.xml", try #require(Fixtures.iloSample)],
            outputDirectory: try Fixtures.temporaryFolder(), formats: [.json]))
        #expect(summary.outputs.inputProblems.count == 2)
        #expect(!summary.inputsReadCompletely)
        #expect(summary.outputs.run.activities == 6)
    }
}
