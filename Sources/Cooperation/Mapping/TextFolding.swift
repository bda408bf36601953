import Foundation

/// Accent- and case-insensitive comparison of English and Vietnamese text.
///
/// Text is lowercased, decomposed, stripped of combining marks (so `lao động trẻ em` and
/// `lao dong tre em` compare equal), `đ` becomes `d`, and it is cut into words of letters and
/// digits. A phrase matches when its words appear consecutively.
public enum TextFolding {
    /// The folded form: lowercase, no diacritics, `đ` → `d`.
    public static func fold(_ text: String) -> String {
        var result = String.UnicodeScalarView()
        for scalar in text.lowercased().decomposedStringWithCanonicalMapping.unicodeScalars {
            switch scalar.properties.generalCategory {
            case .nonspacingMark, .spacingMark, .enclosingMark:
                continue
            default:
                switch scalar {
                case "đ": result.append("d")
                case "ð": result.append("d")
                case "ø": result.append("o")
                case "ł": result.append("l")
                default: result.append(scalar)
                }
            }
        }
        return String(result)
    }

    /// The folded words of `text`: runs of letters and digits.
    public static func words(_ text: String) -> [Substring] {
        fold(text).split { !($0.isLetter || $0.isNumber) }
    }

    /// Whether the words of `phrase` appear consecutively among `words`.
    public static func contains(_ words: [Substring], phrase: [Substring]) -> Bool {
        guard !phrase.isEmpty, phrase.count <= words.count else { return false }
        var index = 0
        while index + phrase.count <= words.count {
            if words[index] == phrase[0], words[index..<(index + phrase.count)].elementsEqual(phrase) { return true }
            index += 1
        }
        return false
    }
}
