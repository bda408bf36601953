import LibXML

/// The records of a JSON input, read one after another: each parsed and made an element
/// (``NormalisedJSON``), composed to NFC unless the input's form is kept. The one way records
/// are read, on the thread that reads ahead (``JSONReadAhead``) or on the caller's.
struct JSONRecords: Sendable {
    /// Where the records are: one per line to the end of the input, or the elements of a
    /// document's list under `key` (the reader inside the list).
    enum Layout: Sendable {
        case lines
        case list(key: String)
    }

    /// One record as it was made: its element, the line it starts on and how many of its
    /// values were composed to NFC.
    struct Record: Sendable {
        let element: Node
        let line: Int
        let composed: Int
    }

    let layout: Layout
    /// The input's name, for messages.
    let name: String
    let spec: ElementSpec
    let keepsUnicodeForm: Bool
    /// A list's next element's position, for messages.
    private var index = 0

    init(layout: Layout, name: String, spec: ElementSpec, keepsUnicodeForm: Bool) {
        self.layout = layout
        self.name = name
        self.spec = spec
        self.keepsUnicodeForm = keepsUnicodeForm
    }

    /// The next record of `reader`; `nil` after the last.
    mutating func next(from reader: JSONReader) throws(XMLError) -> Record? {
        switch layout {
        case .lines:
            guard !(try reader.isAtEnd()) else { return nil }
            let line = reader.location.line
            return try lineRecord(Self.lineValue(of: reader, startingOn: line), line: line)
        case .list(let key):
            guard try reader.nextElement() else { return nil }
            let line = reader.location.line
            defer { index += 1 }
            // A document may be pretty-printed: each element gets the line its value starts on.
            reader.recordsPlaces = true
            defer { reader.recordsPlaces = false }
            let value = try reader.value()
            return try record(value, line: line, places: reader.takePlaces(), path: "$.\(key)[\(index)]")
        }
    }

    /// The record of JSON Lines `value`, which starts on `line`.
    func lineRecord(_ value: JSONValue, line: Int) throws(XMLError) -> Record {
        try record(value, line: line, path: "line \(line)")
    }

    /// The record of JSON Lines that starts on `line`. One that is not whole there (JSON Lines
    /// holds one record per line) is reported at its own line, not where the parser gave up
    /// on the lines after it.
    static func lineValue(of reader: JSONReader, startingOn line: Int) throws(XMLError) -> JSONValue {
        do {
            return try reader.value()
        } catch {
            guard error.line > line else { throw error }
            var atLine = error
            atLine.line = line
            atLine.column = 0
            atLine.message = "the record that starts on this line does not end on it (JSON Lines holds one whole record per line); the parser then found: \(error.message)"
            throw atLine
        }
    }

    /// The record `value` that starts on `line` (`places`: where its values are, for its
    /// elements' own lines); `path` names it in messages.
    private func record(_ value: JSONValue, line: Int, places: [JSONReader.ValuePlace] = [], path: String) throws(XMLError) -> Record {
        var element: Node
        do {
            element = try NormalisedJSON.node(from: value, spec: spec, path: path, line: line, values: places)
        } catch {
            throw InputError(file: name, line: line, message: error.description)
        }
        var composed = 0
        if !keepsUnicodeForm { element = element.composedUnicode(changed: &composed) }
        return Record(element: element, line: line, composed: composed)
    }
}
