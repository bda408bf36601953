internal import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Text in composed Unicode (NFC) on the way in: the same words written decomposed (NFD, as
/// some Mac and web tools write Vietnamese) or composed then compare and convert equal. The
/// one place that decides what is looked at and how it is composed, for records
/// (``RawRecord``) and for what `validate` quotes.
///
/// A record is looked at once, when the SAX reader completes it: only a record whose buffer
/// holds a combining mark of U+0300–U+036F (UTF-8 lead bytes 0xCC and 0xCD, found with two
/// `memchr` calls) is rewritten, each of its texts and attribute values that holds one put in
/// NFC; other records pass untouched. Decompositions outside that block (other scripts'
/// combining marks) are left as written.
public enum UnicodeForm {
    /// Whether `bytes` (UTF-8) may hold decomposed text: a byte 0xCC or 0xCD, the lead bytes
    /// of U+0300–U+036F.
    public static func mayBeDecomposed(_ bytes: UnsafeRawBufferPointer) -> Bool {
        guard let base = bytes.baseAddress, bytes.count > 0 else { return false }
        return memchr(base, 0xCC, bytes.count) != nil || memchr(base, 0xCD, bytes.count) != nil
    }

    /// `text` in NFC when it may be decomposed; otherwise `text` itself, unexamined further.
    public static func composed(_ text: String) -> String {
        mayBeDecomposed(text) ? text.precomposedStringWithCanonicalMapping : text
    }

    /// Whether `text` may hold decomposed text: a byte 0xCC or 0xCD in its UTF-8.
    static func mayBeDecomposed(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { mayBeDecomposed(UnsafeRawBufferPointer($0)) }
    }
}

extension RawRecord {
    /// Whether any text or attribute value may be decomposed (see ``UnicodeForm``).
    var mayHoldDecomposedText: Bool {
        bytes.withUnsafeBytes { UnicodeForm.mayBeDecomposed($0) }
    }

    /// Rewrites the texts and attribute values that hold combining marks in NFC, into a new
    /// buffer; ``normalisedTexts`` counts those that changed.
    mutating func normaliseToNFC() {
        var rewritten: [UInt8] = []
        rewritten.reserveCapacity(bytes.count)
        var changed = 0
        func moved(_ start: Int32, _ count: Int32) -> Int32 {
            let newStart = Int32(rewritten.count)
            let slice = bytes[Int(start)..<Int(start + count)]
            let composed = Array(UnicodeForm.composed(String(decoding: slice, as: UTF8.self)).utf8)
            if !composed.elementsEqual(slice) { changed += 1 }
            rewritten += composed
            return newStart
        }
        for index in elements.indices where elements[index].textCount > 0 {
            let start = moved(elements[index].textStart, elements[index].textCount)
            elements[index].textCount = Int32(rewritten.count) - start
            elements[index].textStart = start
        }
        for index in attributes.indices where attributes[index].valueCount > 0 {
            let start = moved(attributes[index].valueStart, attributes[index].valueCount)
            attributes[index].valueCount = Int32(rewritten.count) - start
            attributes[index].valueStart = start
        }
        bytes = rewritten
        normalisedTexts = changed
    }
}

extension Node {
    /// The node with its texts and attribute values in NFC, for nodes that did not come
    /// through the SAX reader (the tree reader of `batch --validate`); `changed` counts the
    /// values rewritten.
    public func composedUnicode(changed: inout Int) -> Node {
        // Almost every record has nothing decomposed: looked through once, and kept as it is.
        guard mayHoldDecomposedText else { return self }
        return rewrittenInNFC(changed: &changed)
    }

    /// Whether a text or attribute value of the node or of a descendant may be decomposed
    /// (see ``UnicodeForm``).
    private var mayHoldDecomposedText: Bool {
        UnicodeForm.mayBeDecomposed(text) || attributes.contains { UnicodeForm.mayBeDecomposed($0.value) }
            || children.contains { $0.mayHoldDecomposedText }
    }

    private func rewrittenInNFC(changed: inout Int) -> Node {
        var node = self
        let text = UnicodeForm.composed(node.text)
        if !text.utf8.elementsEqual(node.text.utf8) {
            node.text = text
            changed += 1
        }
        for index in node.attributes.indices {
            let value = UnicodeForm.composed(node.attributes[index].value)
            if !value.utf8.elementsEqual(node.attributes[index].value.utf8) {
                node.attributes[index].value = value
                changed += 1
            }
        }
        node.children = node.children.map { $0.rewrittenInNFC(changed: &changed) }
        return node
    }
}
