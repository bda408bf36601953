import IATI

/// Which narrative of an activity the outputs show: the report's language, then the
/// activity's default language (its `xml:lang`, else the file's), then any.
struct NarrativeChoice {
    /// Languages to look for, in order.
    let languages: [String]

    /// The choice for one activity in a report in `language`.
    init(_ language: ReportLanguage, activity: Activity) {
        languages = [language.rawValue] + [activity.language].compactMap { $0 }
    }

    /// The chosen text of `narratives`; `nil` when there are none.
    func text(_ narratives: [Narrative]) -> String? {
        narratives.text(preferring: languages)
    }
}
