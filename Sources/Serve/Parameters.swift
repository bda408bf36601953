import Hummingbird
import HummingbirdCore

/// Query parameters read strictly: a value that is not one of the choices is a 400 that lists them.
enum Parameter {
    static func choice<T: RawRepresentable & CaseIterable>(
        _ query: FlatDictionary<Substring, Substring>, _ name: String, default value: T
    ) throws(APIError) -> T where T.RawValue == String {
        guard let text = query[Substring(name)] else { return value }
        guard let chosen = T(rawValue: String(text).lowercased()) else {
            throw APIError(.badRequest, "bad-parameter", "\(name)=\(text) is not one of \(T.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        return chosen
    }

    static func flag(_ query: FlatDictionary<Substring, Substring>, _ name: String, default value: Bool) throws(APIError) -> Bool {
        guard let text = query[Substring(name)] else { return value }
        switch text.lowercased() {
        case "true", "1", "yes", "": return true
        case "false", "0", "no": return false
        default: throw APIError(.badRequest, "bad-parameter", "\(name)=\(text) is not true or false")
        }
    }

    /// Every value of a repeatable parameter (`lang=vi&lang=en`), also comma-separated.
    static func list(_ query: FlatDictionary<Substring, Substring>, _ name: String) -> [String] {
        query[values: Substring(name)].flatMap { $0.split(separator: ",") }.map { String($0) }.filter { !$0.isEmpty }
    }
}

extension Result where Failure == any Error {
    /// The outcome of `body`, kept to be looked at after other work is done.
    static func of(_ body: () async throws -> Success) async -> Result {
        do { return .success(try await body()) } catch { return .failure(error) }
    }
}
