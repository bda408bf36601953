/// The language of the words of a report meant for people (the cooperation outputs, the HTML
/// validation report): English or Vietnamese.
public enum ReportLanguage: String, Sendable, Hashable, CaseIterable {
    case en
    case vi
}
