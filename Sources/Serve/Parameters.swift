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

    /// Language codes (`vi`, `en`, `zh-Hant`): letters, digits and hyphens.
    static func languages(_ query: FlatDictionary<Substring, Substring>, _ name: String) throws(APIError) -> [String] {
        let codes = list(query, name)
        if let bad = codes.first(where: { $0.count > 35 || !$0.allSatisfy({ ($0.isASCII && ($0.isLetter || $0.isNumber)) || $0 == "-" }) }) {
            throw APIError(.badRequest, "bad-parameter", "\(name)=\(bad) is not a language code (e.g. vi, en)")
        }
        return codes
    }

    /// The file name a client gives its upload (`name=`): shown in reports and tables, never
    /// a path (no `/`, no control characters, at most 200 bytes).
    static func fileName(_ query: FlatDictionary<Substring, Substring>, default value: String) throws(APIError) -> String {
        guard let text = query["name"].map(String.init) else { return value }
        guard !text.isEmpty, text.utf8.count <= 200, !text.hasPrefix("."),
            !text.contains(where: { $0 == "/" || $0 == "\\" || $0.unicodeScalars.contains { $0.properties.generalCategory == .control } })
        else {
            throw APIError(.badRequest, "bad-parameter", "name=\(text) is not a file name: give the file's own name (no folders), e.g. name=partner.xml")
        }
        return text
    }
}

extension Result where Failure == any Error {
    /// The outcome of `body`, kept to be looked at after other work is done.
    static func of(_ body: () async throws -> Success) async -> Result {
        do { return .success(try await body()) } catch { return .failure(error) }
    }
}
