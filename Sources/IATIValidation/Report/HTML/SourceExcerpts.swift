import LibXML

/// The lines of an input around the findings, read in one streaming pass (gzip too): for each
/// wanted line, its start and a window around each column a finding names, so that a file
/// written on one line still shows the place. Inputs that cannot be read again (standard
/// input, archive members) give none.
struct SourceExcerpts {
    /// Bytes kept from the start of a line, and on each side of a column.
    static let width = 160

    /// Text per line number; a line cut short ends (or starts) with "…".
    private(set) var lines: [Int: String] = [:]

    /// Reads `path` for the lines (and columns) of `places`: each place's line and the lines
    /// before and after it.
    init(path: String, places: [(line: Int, column: Int)]) {
        var windows: [Int: [Range<Int>]] = [:]
        for place in places where place.line > 0 {
            for line in max(1, place.line - 1)...(place.line + 1) {
                windows[line, default: []].append(0..<Self.width)
            }
            if place.column > Self.width / 2 {
                windows[place.line, default: []].append((place.column - 1 - Self.width / 2)..<(place.column - 1 + Self.width / 2))
            }
        }
        guard !windows.isEmpty, let source = try? FileSource(path: path) else { return }
        lines = Self.read(source, windows: windows)
    }

    private static func read(_ source: FileSource, windows: [Int: [Range<Int>]]) -> [Int: String] {
        var found: [Int: [UInt8]] = [:]
        var cut: Set<Int> = []
        var line = 1
        var offset = 0
        var kept = windows[1]
        let last = windows.keys.max() ?? 0
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while line <= last {
            guard let count = try? chunk.withUnsafeMutableBytes({ try source.read(into: $0) }), count > 0 else { break }
            for byte in chunk[..<count] {
                if byte == 0x0A {
                    line += 1
                    offset = 0
                    kept = windows[line]
                    continue
                }
                if let ranges = kept {
                    if ranges.contains(where: { $0.contains(offset) }) {
                        if offset > 0, found[line] != nil, !ranges.contains(where: { $0.contains(offset - 1) }) {
                            found[line, default: []].append(contentsOf: " … ".utf8)
                        }
                        found[line, default: []].append(byte)
                    } else {
                        cut.insert(line)
                    }
                }
                offset += 1
            }
        }
        var text: [Int: String] = [:]
        for (number, bytes) in found {
            var line = String(decoding: bytes, as: UTF8.self).replacingTabs()
            if cut.contains(number) { line += " …" }
            text[number] = line
        }
        return text
    }
}

private extension String {
    func replacingTabs() -> String { String(map { $0 == "\t" ? " " : $0 }) }
}
