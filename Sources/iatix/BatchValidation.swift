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

/// `iatix validate`'s checks plugged into batch conversion: each file gets a ``RecordValidator``
/// on its worker thread, findings are counted by severity in the manifest, and activities are
/// rejected according to ``RejectLevel``.
struct BatchValidation: BatchValidator {
    let rules: RulesProvider?
    let rulesName: String
    let rejectLevel: RejectLevel

    var identity: String {
        "iatix validate \(Iatix.configuration.version); rules: \(rulesName); reject: \(rejectLevel.rawValue)"
    }

    func makeSession(file: String, header: DocumentHeader) -> any BatchValidationSession {
        Session(validator: RecordValidator(root: header.root, file: file, rules: rules), rejectLevel: rejectLevel)
    }

    private final class Session: BatchValidationSession {
        let validator: RecordValidator
        let rejectLevel: RejectLevel
        var counts: [Severity: Int] = [:]

        init(validator: RecordValidator, rejectLevel: RejectLevel) {
            self.validator = validator
            self.rejectLevel = rejectLevel
        }

        func check(record: Node) -> RecordVerdict {
            let findings = validator.check(record).findings
            for finding in findings { counts[finding.severity, default: 0] += 1 }
            guard let worst = findings.map(\.severity).max(), rejectLevel.rejects(worst) else { return .keep }
            return .reject(reason: "\(worst.rawValue) finding")
        }

        func finish() -> [String: Int] {
            var result: [String: Int] = [:]
            for severity in Severity.allCases { result[severity.rawValue] = counts[severity, default: 0] }
            return result
        }
    }
}
