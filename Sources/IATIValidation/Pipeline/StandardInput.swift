#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import LibXML

/// Reading standard input whole (decompressing gzip), for the `--xsd` pass that needs the
/// input twice.
enum StandardInput {
    static func readAll() throws(XMLError) -> [UInt8] {
        let source = try FileSource(path: "-")
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count: Int
            do {
                count = try buffer.withUnsafeMutableBytes { try source.read(into: $0) }
            } catch let error as XMLError {
                throw error
            } catch {
                throw XMLError(level: .fatal, file: "-", message: "cannot read standard input: \(error)")
            }
            if count == 0 { return bytes }
            bytes += buffer[0..<count]
        }
    }
}
