/// A shell-style pattern for `--include` and `--exclude`, matched against paths relative to
/// the input folder (archive members: the member path, or the archive's relative path, `/`,
/// the member path).
///
/// `*` matches within one path component, `**` across components (`**/` also matches no
/// folder at all), `?` one character, `[abc]`, `[a-z]` and `[!abc]` one character of a set,
/// and `\` escapes the next character. A pattern without `/` is matched against the last
/// component only (`*.xml` matches `a/b/c.xml`); a pattern with `/` against the whole path.
public struct Glob: Sendable, Hashable, CustomStringConvertible {
    /// The pattern as written.
    public let pattern: String
    private let bytes: [UInt8]
    private let matchesWholePath: Bool

    /// Parses `pattern`.
    public init(_ pattern: String) {
        self.pattern = pattern
        var bytes = Array(pattern.utf8)
        while bytes.first == UInt8(ascii: "/") { bytes.removeFirst() }
        if bytes.starts(with: Array("./".utf8)) { bytes.removeFirst(2) }
        self.bytes = bytes
        self.matchesWholePath = bytes.contains(UInt8(ascii: "/"))
    }

    /// The pattern as written.
    public var description: String { pattern }

    /// Whether `path` (relative, `/`-separated) matches.
    public func matches(_ path: String) -> Bool {
        var text = Array(path.utf8)
        if !matchesWholePath, let slash = text.lastIndex(of: UInt8(ascii: "/")) {
            text = Array(text[(slash + 1)...])
        }
        return Self.match(bytes[...], text[...])
    }

    private static let slash = UInt8(ascii: "/")

    private static func match(_ pattern: ArraySlice<UInt8>, _ text: ArraySlice<UInt8>) -> Bool {
        var p = pattern.startIndex
        var t = text.startIndex
        while p < pattern.endIndex {
            let byte = pattern[p]
            switch byte {
            case UInt8(ascii: "*"):
                if p + 1 < pattern.endIndex, pattern[p + 1] == UInt8(ascii: "*") {
                    // `**`: any run of characters, slashes included; `**/` also matches nothing.
                    var rest = p + 2
                    if rest < pattern.endIndex, pattern[rest] == slash {
                        rest += 1
                        if match(pattern[rest...], text[t...]) { return true }
                    }
                    var candidate = t
                    while candidate <= text.endIndex {
                        if match(pattern[rest...], text[candidate...]) { return true }
                        candidate += 1
                    }
                    return false
                }
                var candidate = t
                while true {
                    if match(pattern[(p + 1)...], text[candidate...]) { return true }
                    guard candidate < text.endIndex, text[candidate] != slash else { return false }
                    candidate += 1
                }
            case UInt8(ascii: "?"):
                guard t < text.endIndex, text[t] != slash else { return false }
                p += 1
                t += 1
            case UInt8(ascii: "["):
                guard t < text.endIndex, text[t] != slash else { return false }
                if let (matched, next) = matchClass(pattern, from: p, byte: text[t]) {
                    guard matched else { return false }
                    p = next
                } else {
                    // An unclosed `[` is an ordinary character.
                    guard text[t] == byte else { return false }
                    p += 1
                }
                t += 1
            case UInt8(ascii: "\\") where p + 1 < pattern.endIndex:
                guard t < text.endIndex, text[t] == pattern[p + 1] else { return false }
                p += 2
                t += 1
            default:
                guard t < text.endIndex, text[t] == byte else { return false }
                p += 1
                t += 1
            }
        }
        return t == text.endIndex
    }

    /// Matches `byte` against the class opening at `start`; `nil` when the class is not closed.
    private static func matchClass(_ pattern: ArraySlice<UInt8>, from start: Int, byte: UInt8) -> (Bool, Int)? {
        var p = start + 1
        var negated = false
        if p < pattern.endIndex, pattern[p] == UInt8(ascii: "!") || pattern[p] == UInt8(ascii: "^") {
            negated = true
            p += 1
        }
        var matched = false
        var first = true
        while p < pattern.endIndex {
            let low = pattern[p]
            if low == UInt8(ascii: "]"), !first { return (matched != negated, p + 1) }
            first = false
            if p + 2 < pattern.endIndex, pattern[p + 1] == UInt8(ascii: "-"), pattern[p + 2] != UInt8(ascii: "]") {
                if low <= byte && byte <= pattern[p + 2] { matched = true }
                p += 3
            } else {
                if low == byte { matched = true }
                p += 1
            }
        }
        return nil
    }
}
