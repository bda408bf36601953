import Foundation
import Hummingbird
import NIOPosix
#if canImport(Glibc)
import Glibc
#endif

/// A response body read from a file as it is sent, in pieces of 256 KiB read on NIO's shared
/// blocking-I/O threads, with the file's `Content-Length`. The workspace the file is in is
/// kept until the body has been sent (or dropped), then removed.
enum FileBody {
    static func response(path: String, keeping workspace: Workspace) throws -> ResponseBody {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            throw APIError(.internalServerError, "lost-output", "the result could not be read back: \(String(cString: strerror(errno)))")
        }
        let file = OpenFile(descriptor: descriptor)
        let length = (try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? Int
        return ResponseBody(contentLength: length) { writer in
            while true {
                let chunk = try await NIOThreadPool.singleton.runIfActive { try file.read(count: 256 << 10) }
                guard chunk.readableBytes > 0 else { break }
                try await writer.write(chunk)
            }
            try await writer.finish(nil)
            withExtendedLifetime(workspace) {}
        }
    }

    /// The descriptor, closed when the body is done with it.
    private final class OpenFile: Sendable {
        let descriptor: Int32
        init(descriptor: Int32) { self.descriptor = descriptor }

        func read(count: Int) throws -> ByteBuffer {
            var buffer = ByteBuffer()
            var failed = false
            _ = buffer.writeWithUnsafeMutableBytes(minimumWritableBytes: count) { bytes in
                let read = Glibc.read(descriptor, bytes.baseAddress, count)
                failed = read < 0
                return max(read, 0)
            }
            if failed { throw APIError(.internalServerError, "lost-output", "the result could not be read back: \(String(cString: strerror(errno)))") }
            return buffer
        }

        deinit { close(descriptor) }
    }
}
