/// A document's text read the way iatix numbers positions: lines split at LF, columns counted
/// in Unicode scalars from 1 (a tab, a CR, an `é` each one). Tests slice it at a finding's
/// line and column, and list where its start tags and attributes begin, independently of
/// libxml2.
public struct SourceText {
    /// The lines, without their LF.
    public let lines: [[Unicode.Scalar]]

    public init(_ text: String) {
        var lines: [[Unicode.Scalar]] = [[]]
        for scalar in text.unicodeScalars {
            if scalar == "\n" { lines.append([]) } else { lines[lines.count - 1].append(scalar) }
        }
        self.lines = lines
    }

    /// The text from `column` of `line` on, at most `length` scalars (within the line); ""
    /// outside the text.
    public func text(line: Int, column: Int, length: Int = 60) -> String {
        guard line >= 1, line <= lines.count, column >= 1, column <= lines[line - 1].count + 1 else { return "" }
        var out = String.UnicodeScalarView()
        out.append(contentsOf: lines[line - 1][(column - 1)...].prefix(length))
        return String(out)
    }

    /// The scalar just before `column` of `line`, if any.
    public func scalar(before line: Int, column: Int) -> Unicode.Scalar? {
        guard line >= 1, line <= lines.count, column >= 2, column - 2 < lines[line - 1].count else { return nil }
        return lines[line - 1][column - 2]
    }

    /// A start tag as written: where its `<` is, its name, and its attributes (namespace
    /// declarations left out) with where their names start.
    public struct StartTag: Equatable, CustomStringConvertible {
        public var name: String
        public var line: Int
        public var column: Int
        public var attributes: [Attribute]

        /// An attribute of a start tag.
        public struct Attribute: Equatable, CustomStringConvertible {
            public var name: String
            public var line: Int
            public var column: Int
            public var description: String { "\(name)@\(line):\(column)" }

            public init(name: String, line: Int, column: Int) {
                self.name = name
                self.line = line
                self.column = column
            }
        }

        public init(name: String, line: Int, column: Int, attributes: [Attribute]) {
            self.name = name
            self.line = line
            self.column = column
            self.attributes = attributes
        }

        public var description: String { "<\(name)@\(line):\(column) \(attributes)" }
    }

    /// Every start tag in document order (comments, CDATA sections, processing instructions,
    /// the DOCTYPE and end tags skipped).
    public func startTags() -> [StartTag] {
        var walk = Walk(lines: lines)
        var tags: [StartTag] = []
        while let scalar = walk.current {
            guard scalar == "<" else {
                walk.advance()
                continue
            }
            if walk.skip(past: "<!--", to: "-->") || walk.skip(past: "<![CDATA[", to: "]]>") || walk.skip(past: "<?", to: "?>")
                || walk.skipDeclaration() || walk.skip(past: "</", to: ">")
            {
                continue
            }
            var tag = StartTag(name: "", line: walk.line, column: walk.column, attributes: [])
            walk.advance()
            tag.name = walk.name()
            while true {
                walk.skipSpaces()
                guard let next = walk.current, next != "/", next != ">" else { break }
                let (line, column) = (walk.line, walk.column)
                let name = walk.name()
                walk.skipSpaces()
                walk.advance()  // =
                walk.skipSpaces()
                let quote = walk.current
                walk.advance()
                while let current = walk.current, current != quote { walk.advance() }
                walk.advance()
                if name != "xmlns" && !name.hasPrefix("xmlns:") {
                    tag.attributes.append(.init(name: name, line: line, column: column))
                }
            }
            tags.append(tag)
        }
        return tags
    }
}

/// Steps through lines of scalars, keeping the line and column.
private struct Walk {
    let lines: [[Unicode.Scalar]]
    var line = 1
    var column = 1

    var current: Unicode.Scalar? {
        guard line <= lines.count else { return nil }
        let row = lines[line - 1]
        if column <= row.count { return row[column - 1] }
        return line < lines.count ? "\n" : nil
    }

    mutating func advance() {
        guard line <= lines.count else { return }
        if column <= lines[line - 1].count {
            column += 1
        } else {
            line += 1
            column = 1
        }
    }

    func starts(with text: String) -> Bool {
        var probe = self
        for scalar in text.unicodeScalars {
            guard probe.current == scalar else { return false }
            probe.advance()
        }
        return true
    }

    /// Moves past `end` when the text here starts with `start`.
    mutating func skip(past start: String, to end: String) -> Bool {
        guard starts(with: start) else { return false }
        while current != nil, !starts(with: end) { advance() }
        for _ in end.unicodeScalars { advance() }
        return true
    }

    /// Moves past a `<!DOCTYPE …>` with its internal subset.
    mutating func skipDeclaration() -> Bool {
        guard starts(with: "<!") else { return false }
        var depth = 0
        while let scalar = current {
            advance()
            if scalar == "[" { depth += 1 }
            if scalar == "]" { depth -= 1 }
            if scalar == ">" && depth == 0 { break }
        }
        return true
    }

    mutating func skipSpaces() {
        while let scalar = current, scalar == " " || scalar == "\t" || scalar == "\n" || scalar == "\r" { advance() }
    }

    mutating func name() -> String {
        var name = String.UnicodeScalarView()
        while let scalar = current, !" \t\n\r=/>".unicodeScalars.contains(scalar) {
            name.append(scalar)
            advance()
        }
        return String(name)
    }
}
