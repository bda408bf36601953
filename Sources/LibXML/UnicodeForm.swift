internal import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Text in composed Unicode (NFC) on the way in: the same words written decomposed (NFD, as
/// some Mac and web tools write Vietnamese) or composed then compare and convert equal.
///
/// A record is looked at once, when the SAX reader completes it: only a record whose buffer
/// holds a combining mark of U+0300–U+036F (UTF-8 lead bytes 0xCC and 0xCD, found with two
/// `memchr` calls) is rewritten, each of its texts and attribute values that holds one put in
/// NFC; other records pass untouched. Decompositions outside that block (other scripts'
/// combining marks) are left as written.
extension RawRecord {
    /// Whether any text or attribute value may be decomposed: the buffer holds a byte 0xCC or 0xCD.
    var mayHoldDecomposedText: Bool {
        bytes.withUnsafeBytes { buffer in
            guard let base = buffer.baseAddress, buffer.count > 0 else { return false }
            return memchr(base, 0xCC, buffer.count) != nil || memchr(base, 0xCD, buffer.count) != nil
        }
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
            if slice.contains(where: { $0 == 0xCC || $0 == 0xCD }) {
                let composed = Array(String(decoding: slice, as: UTF8.self).precomposedStringWithCanonicalMapping.utf8)
                if !composed.elementsEqual(slice) { changed += 1 }
                rewritten += composed
            } else {
                rewritten += slice
            }
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
