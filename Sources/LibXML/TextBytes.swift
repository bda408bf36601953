/// Text output is built as UTF-8 bytes, which is what goes to the file anyway; these let
/// writers append strings and scalars to a byte buffer without going through `String`.
extension Array where Element == UInt8 {
    @inlinable
    package static func += (bytes: inout [UInt8], text: String) {
        // Native strings are contiguous UTF-8: one copy, not a byte-by-byte loop.
        if text.utf8.withContiguousStorageIfAvailable({ bytes.append(contentsOf: $0) }) == nil {
            bytes.append(contentsOf: text.utf8)
        }
    }

    @inlinable
    package static func += (bytes: inout [UInt8], text: Substring) {
        if text.utf8.withContiguousStorageIfAvailable({ bytes.append(contentsOf: $0) }) == nil {
            bytes.append(contentsOf: text.utf8)
        }
    }

    @inlinable
    package mutating func append(scalar: Unicode.Scalar) {
        if let encoded = UTF8.encode(scalar) {
            append(contentsOf: encoded)
        } else {
            append(contentsOf: [0xEF, 0xBF, 0xBD])  // U+FFFD; unreachable for a valid scalar
        }
    }
}
