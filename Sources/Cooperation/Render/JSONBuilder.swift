import IATI
import Foundation

/// A small JSON writer: keys in the order written, two-space indentation, numbers from
/// `Decimal` text (exact), strings escaped per RFC 8259.
struct JSONBuilder {
    private(set) var text = ""
    private var indent = 0
    private var first = [true]

    private mutating func separator() {
        if first[first.count - 1] {
            first[first.count - 1] = false
        } else {
            text += ","
        }
        if indent > 0 || !text.isEmpty { text += "\n" }
        text += String(repeating: "  ", count: indent)
    }

    private mutating func key(_ key: String?) {
        separator()
        if let key {
            Self.appendString(key, to: &text)
            text += ": "
        }
    }

    mutating func object(_ name: String? = nil, _ body: (inout JSONBuilder) -> Void) {
        key(name)
        text += "{"
        indent += 1
        first.append(true)
        body(&self)
        close("}")
    }

    mutating func array(_ name: String? = nil, _ body: (inout JSONBuilder) -> Void) {
        key(name)
        text += "["
        indent += 1
        first.append(true)
        body(&self)
        close("]")
    }

    private mutating func close(_ bracket: String) {
        let empty = first.removeLast()
        indent -= 1
        if !empty { text += "\n" + String(repeating: "  ", count: indent) }
        text += bracket
    }

    mutating func string(_ name: String? = nil, _ value: String?) {
        key(name)
        if let value { Self.appendString(value, to: &text) } else { text += "null" }
    }

    /// A string item of an array.
    mutating func element(_ value: String) {
        string(nil, value)
    }

    mutating func number(_ name: String? = nil, _ value: Decimal?) {
        key(name)
        text += value.map(Self.decimalText) ?? "null"
    }

    mutating func integer(_ name: String? = nil, _ value: Int?) {
        key(name)
        text += value.map(String.init) ?? "null"
    }

    mutating func bool(_ name: String? = nil, _ value: Bool) {
        key(name)
        text += value ? "true" : "false"
    }

    /// Plain decimal text with no exponent (Decimal's description never uses one).
    static func decimalText(_ value: Decimal) -> String {
        value.description
    }

    static func appendString(_ value: String, to out: inout String) {
        JSONText.appendString(value, to: &out)
    }
}
