import Foundation
@testable import Load

/// A throwaway PostgreSQL cluster for the tests: `initdb` in a temporary folder, a server on a
/// free local port, stopped and removed by ``stop()``. As root, the server runs as the
/// `postgres` user (initdb refuses root), in a folder that user owns.
final class PostgresCluster {
    let port: Int
    private let bin: String
    private let folder: String
    private let asUser: String?

    /// The folder of PostgreSQL's programs (`initdb`, `pg_ctl`): the newest under
    /// /usr/lib/postgresql, or `$PG_BIN`; `nil` when there is none.
    static var binaries: String? {
        if let bin = ProcessInfo.processInfo.environment["PG_BIN"], FileManager.default.fileExists(atPath: bin + "/initdb") { return bin }
        let root = "/usr/lib/postgresql"
        let versions = (try? FileManager.default.contentsOfDirectory(atPath: root)) ?? []
        return versions.sorted { (Int($0) ?? 0) > (Int($1) ?? 0) }.map { "\(root)/\($0)/bin" }
            .first { FileManager.default.fileExists(atPath: $0 + "/initdb") }
    }

    /// Makes and starts a cluster.
    init(bin: String) throws {
        self.bin = bin
        asUser = getuid() == 0 ? "postgres" : nil
        port = try Self.freePort()
        folder = "/tmp/iatix-pg-\(getpid())-\(port)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        if let user = asUser { try Self.run("/bin/chown", [user, folder]) }
        try run("\(bin)/initdb", ["-D", "\(folder)/data", "-A", "trust", "-U", "postgres", "-E", "UTF8", "--no-sync"])
        try run("\(bin)/pg_ctl", [
            "-D", "\(folder)/data", "-l", "\(folder)/log", "-w", "-o",
            "-p \(port) -k \(folder) -c listen_addresses=127.0.0.1 -c fsync=off", "start",
        ])
    }

    /// The address of a new database `name` in the cluster.
    func newDatabase(_ name: String) async throws -> DatabaseURL {
        let admin = DatabaseURL.postgresql(.init(host: "127.0.0.1", port: port, user: "postgres", password: nil, database: "postgres"))
        _ = try await LoadScenarios.query(admin, "CREATE DATABASE \(name)")
        return .postgresql(.init(host: "127.0.0.1", port: port, user: "postgres", password: nil, database: name))
    }

    /// Stops the server and removes its folder.
    func stop() {
        try? run("\(bin)/pg_ctl", ["-D", "\(folder)/data", "-m", "fast", "-w", "stop"])
        try? FileManager.default.removeItem(atPath: folder)
    }

    private func run(_ program: String, _ arguments: [String]) throws {
        if let user = asUser {
            try Self.run("/usr/sbin/runuser", ["-u", user, "--", program] + arguments)
        } else {
            try Self.run(program, arguments)
        }
    }

    /// Runs a program to its end, its output in a file. Through posix_spawn and waitpid, not
    /// Foundation's Process, whose wait never ends when the program leaves a server running.
    private static func run(_ program: String, _ arguments: [String]) throws {
        let log = FileManager.default.temporaryDirectory.path + "/iatix-pg-\(getpid())-\(UUID().uuidString).log"
        defer { try? FileManager.default.removeItem(atPath: log) }
        let argv = ["/bin/sh", "-c", "exec \"$0\" \"$@\" >'\(log)' 2>&1 </dev/null", program] + arguments
        var cArguments = argv.map { strdup($0) } + [nil]
        defer { for pointer in cArguments { free(pointer) } }
        var pid: pid_t = 0
        guard posix_spawn(&pid, "/bin/sh", nil, nil, &cArguments, environ) == 0 else {
            throw ClusterError(message: "cannot start \(program)")
        }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        guard status == 0 else {
            let text = (try? String(contentsOfFile: log, encoding: .utf8)) ?? ""
            throw ClusterError(message: "\(program) \(arguments.joined(separator: " ")) failed (\(status)):\n\(text)")
        }
    }

    /// A port nothing listens on now: the kernel's pick for a socket bound to port 0.
    private static func freePort() throws -> Int {
        let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard socket >= 0 else { throw ClusterError(message: "socket() failed") }
        defer { close(socket) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(socket, $0, length) == 0 && getsockname(socket, $0, &length) == 0 }
        }
        guard bound else { throw ClusterError(message: "bind() failed") }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    struct ClusterError: Error, CustomStringConvertible {
        var message: String
        var description: String { message }
    }
}
