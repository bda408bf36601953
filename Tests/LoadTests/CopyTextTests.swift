import Foundation
@testable import Load
import PostgresNIO
import Tables
import Testing

/// The text format of `COPY … FROM STDIN`.
@Suite struct CopyTextTests {
    @Test func escapesSeparatorsAndMarksNull() {
        var buffer = ByteBufferAllocator().buffer(capacity: 64)
        CopyText.append([.text("a\tb\nc\\d\re"), .empty, .integer(-3), .boolean(true), .decimal(Decimal(string: "1234.50")!)], to: &buffer)
        #expect(buffer.readString(length: buffer.readableBytes) == "a\\tb\\nc\\\\d\\re\t\\N\t-3\tt\t1234.5\n")
    }

    @Test func readsDatabaseAddresses() {
        #expect(DatabaseURL("sqlite:/tmp/a.db") == .sqlite(path: "/tmp/a.db"))
        #expect(DatabaseURL("postgresql://iati:secret@db.example.org:5433/reports")
            == .postgresql(.init(host: "db.example.org", port: 5433, user: "iati", password: "secret", database: "reports")))
        #expect(DatabaseURL("postgres://iati@localhost/iati")?.description == "postgresql://iati@localhost:5432/iati")
        #expect(DatabaseURL("mysql://x") == nil)
        #expect(DatabaseURL("sqlite:") == nil)
    }
}
