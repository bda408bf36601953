import ArgumentParser
import Batch
import IATI
import IATIValidation
import LibXML

/// Which findings keep an activity out of `iatix batch --validate` output.
enum RejectLevel: String, CaseIterable, ExpressibleByArgument {
    /// Findings are counted; every activity is written.
    case none
    /// Activities with a critical finding are left out.
    case critical
    /// Activities with an error or critical finding are left out.
    case error

    func rejects(_ severity: Severity) -> Bool {
        switch self {
        case .none: false
        case .critical: severity >= .critical
        case .error: severity >= .error
        }
    }
}

/// `iatix validate`'s checks plugged into batch conversion: each file is read once, by the
/// same file pass as `iatix validate`, on its worker thread; its records go on to conversion
/// as they are checked, findings are counted by severity in the manifest, and activities are
/// rejected according to ``RejectLevel``.
struct BatchValidation: BatchValidator {
    let rules: RulesProvider?
    let rulesName: String
    let rejectLevel: RejectLevel

    var identity: String {
        "iatix validate \(Iatix.configuration.version), file pass; rules: \(rulesName); reject: \(rejectLevel.rawValue)"
    }

    func validate(reader: XMLReader, into conversion: any ValidatedDocument) throws -> [String: Int] {
        let validator = Validator(options: ValidationOptions(checkingThreads: 0), rules: rules)
        let summary = try validator.validate(
            reader: reader, into: IgnoredReport(),
            consumer: Handover(conversion: conversion, rejectLevel: rejectLevel))
        let counts = summary.counts
        return ["critical": counts.critical, "error": counts.error, "warning": counts.warning, "info": counts.info]
    }

    /// Hands the checked records on to conversion, with their verdicts.
    private final class Handover: RecordConsumer {
        let conversion: any ValidatedDocument
        let rejectLevel: RejectLevel
        let copier = XMLNodeCopier()

        init(conversion: any ValidatedDocument, rejectLevel: RejectLevel) {
            self.conversion = conversion
            self.rejectLevel = rejectLevel
        }

        func begin(root: ElementStart) throws { try conversion.begin(root: root) }

        func record(_ record: RuleRecord, findings: [Finding]) throws {
            let node = switch record {
            case .tree(let tree): tree.node(using: copier)
            case .node(let node): node
            }
            guard let worst = findings.map(\.severity).max(), rejectLevel.rejects(worst) else {
                return try conversion.record(node, verdict: .keep)
            }
            try conversion.record(node, verdict: .reject(reason: "\(worst.rawValue) finding"))
        }

        func other(_ element: Node) throws { try conversion.other(element) }

        func end(failure: XMLError?) { conversion.end(failure: failure) }
    }

    /// The report of a batch file: only its totals are kept, from the summary.
    private final class IgnoredReport: ReportSink {
        func beginFile(_ name: String, fileType: String?) {}
        func record(_ record: RecordInfo, findings: [Finding]) {}
        func endFile(_ summary: FileSummary) {}
        func finish() {}
    }
}
