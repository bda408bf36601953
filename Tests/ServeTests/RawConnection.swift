import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// An HTTP/1.1 client on a socket of its own, for what curl will not do on request: send the
/// headers and part of a body, then stall (or trickle the rest), holding the connection open.
final class RawConnection {
    private let socket: Int32

    enum Failure: Error, CustomStringConvertible {
        case cannotConnect(String, Int32)
        case cannotSend(Int32)
        var description: String {
            switch self {
            case .cannotConnect(let address, let code): "cannot connect to \(address): \(String(cString: strerror(code)))"
            case .cannotSend(let code): "cannot send: \(String(cString: strerror(code)))"
            }
        }
    }

    /// Connects to `base` (`http://127.0.0.1:PORT`, as ``RunningServer/base``).
    init(_ base: String) throws {
        let port = UInt16(base.split(separator: ":").last.flatMap { Int($0) } ?? 0)
        socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else {
            let code = errno
            close(socket)
            throw Failure.cannotConnect(base, code)
        }
    }

    deinit { close(socket) }

    /// Sends the head of a POST to `path` declaring `length` bytes of XML, and `body` (which may be
    /// only the start of them).
    func post(_ path: String, declaring length: Int, body: Data) throws {
        let head = "POST \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/xml\r\nContent-Length: \(length)\r\n\r\n"
        try send(Data(head.utf8) + body)
    }

    func send(_ bytes: Data) throws {
        var sent = 0
        while sent < bytes.count {
            let count = bytes.withUnsafeBytes { Glibc.send(socket, $0.baseAddress! + sent, bytes.count - sent, Int32(MSG_NOSIGNAL)) }
            guard count > 0 else { throw Failure.cannotSend(errno) }
            sent += count
        }
    }

    /// The answer once it has fully arrived, or `nil` when it has not within `seconds` (or the
    /// server closed the connection without one).
    func answer(within seconds: Double) -> Exchange? {
        let deadline = Date().addingTimeInterval(seconds)
        var received = Data()
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            if let answer = Self.parse(received) { return answer }
            let left = deadline.timeIntervalSinceNow
            guard left > 0 else { return nil }
            var ready = pollfd(fd: socket, events: Int16(POLLIN), revents: 0)
            guard poll(&ready, 1, Int32(left * 1000) + 1) > 0 else { continue }
            let count = recv(socket, &buffer, buffer.count, 0)
            guard count > 0 else { return Self.parse(received) }
            received.append(contentsOf: buffer[0..<count])
        }
    }

    /// An answer, once all of it is in `bytes` (its length declared, or its chunks ended).
    private static func parse(_ bytes: Data) -> Exchange? {
        guard let end = bytes.range(of: Data("\r\n\r\n".utf8)) else { return nil }
        let lines = String(decoding: bytes[..<end.lowerBound], as: UTF8.self).components(separatedBy: "\r\n")
        guard let status = lines.first?.split(separator: " ").dropFirst().first.flatMap({ Int($0) }) else { return nil }
        let headers = Exchange.headerFields(Array(lines.dropFirst()))
        let rest = Data(bytes[end.upperBound...])
        if headers["transfer-encoding"]?.lowercased() == "chunked" {
            return unchunked(rest).map { Exchange(status: status, headers: headers, body: $0) }
        }
        let length = headers["content-length"].flatMap { Int($0) } ?? 0
        guard rest.count >= length else { return nil }
        return Exchange(status: status, headers: headers, body: rest.prefix(length))
    }

    /// The body sent in chunks, once its last (empty) chunk is in.
    private static func unchunked(_ bytes: Data) -> Data? {
        var body = Data()
        var position = bytes.startIndex
        while let lineEnd = bytes[position...].range(of: Data("\r\n".utf8)) {
            let sizeText = String(decoding: bytes[position..<lineEnd.lowerBound], as: UTF8.self)
            guard let size = Int(sizeText.split(separator: ";").first ?? "", radix: 16) else { return nil }
            if size == 0 { return body }
            let start = lineEnd.upperBound
            guard bytes.endIndex - start >= size + 2 else { return nil }
            body += bytes[start..<start + size]
            position = start + size + 2
        }
        return nil
    }
}

extension RawConnection {
    /// A client that sends the headers of a POST declaring all of `file`, then its first 1,000
    /// bytes, then nothing.
    static func stalling(_ server: RunningServer, _ path: String, _ file: Data) throws -> RawConnection {
        let connection = try RawConnection(server.base)
        try connection.post(path, declaring: file.count, body: file.prefix(1000))
        return connection
    }
}
