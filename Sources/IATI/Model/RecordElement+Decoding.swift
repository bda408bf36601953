import LibXML

/// Small readers over ``RecordElement`` shared by the model's views.
extension RecordElement {
    /// An attribute's value, trimmed; `nil` when absent or blank.
    func value(_ name: String) -> String? {
        attribute(name).nonEmptyTrimmed
    }

    /// `xml:lang`, trimmed; `nil` when absent or blank.
    var xmlLang: String? {
        attribute("lang", namespace: XMLNamespace.xml).nonEmptyTrimmed
    }

    /// The element's own text, trimmed; `nil` when blank.
    var trimmedText: String? {
        Optional(text).nonEmptyTrimmed
    }

    /// The `narrative` children as ``Narrative`` values.
    ///
    /// An element written in the 1.0x style, with its text directly inside and no
    /// `narrative` child, gives one narrative with that text and the element's `xml:lang`.
    func narratives(_ context: DecodingContext) -> [Narrative] {
        let found = children(named: "narrative").map { Narrative(element: $0, context: context) }
        if found.isEmpty, let text = trimmedText {
            return [Narrative(text: text, language: xmlLang ?? context.defaultLanguage, statedLanguage: xmlLang)]
        }
        return found
    }

    /// The narratives of the first child with this name (`title`, `description`, ...).
    func narratives(of child: String, _ context: DecodingContext) -> [Narrative] {
        self.child(child)?.narratives(context) ?? []
    }

    /// A `code` attribute of the first child with this name (`activity-status/@code`, ...).
    func code(of child: String) -> String? {
        self.child(child)?.value("code")
    }

    /// A date from an attribute of the first child with this name.
    func date(of child: String, attribute: String = "iso-date") -> IATIDate? {
        self.child(child)?.value(attribute).map(IATIDate.init(text:))
    }

    /// A decimal from an attribute.
    func decimal(_ name: String) -> DecimalValue? {
        value(name).map(DecimalValue.init(text:))
    }
}
