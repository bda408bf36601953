import Foundation
import Hummingbird
import NIOPosix
import Platform

/// A response body read from a file as it is sent, in pieces of 256 KiB read on the pool's
/// reading threads, with the file's `Content-Length`. The workspace the file is in is
/// kept until the body has been sent (or dropped), then removed.
enum FileBody {
    static func response(path: String, keeping workspace: Workspace, reading threads: NIOThreadPool) throws -> ResponseBody {
        let file: OpenFile
        do {
            file = OpenFile(try FileDescriptor.openForReading(path))
        } catch {
            throw APIError(.internalServerError, "lost-output", "the result could not be read back: \(error.reason)")
        }
        let length = (try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? Int
        return ResponseBody(contentLength: length) { writer in
            while true {
                let chunk = try await threads.runIfActive { try file.read(count: 256 << 10) }
                guard chunk.readableBytes > 0 else { break }
                try await writer.write(chunk)
            }
            try await writer.finish(nil)
            withExtendedLifetime(workspace) {}
        }
    }

    /// The descriptor, closed when the body is done with it.
    private final class OpenFile: Sendable {
        let descriptor: FileDescriptor
        init(_ descriptor: FileDescriptor) { self.descriptor = descriptor }

        func read(count: Int) throws -> ByteBuffer {
            var buffer = ByteBuffer()
            var failure: SystemError?
            _ = buffer.writeWithUnsafeMutableBytes(minimumWritableBytes: count) { bytes in
                do throws(SystemError) {
                    return try descriptor.read(into: UnsafeMutableRawBufferPointer(rebasing: bytes[0..<count]))
                } catch {
                    failure = error
                    return 0
                }
            }
            if let failure { throw APIError(.internalServerError, "lost-output", "the result could not be read back: \(failure.reason)") }
            return buffer
        }

        deinit { descriptor.close() }
    }
}
