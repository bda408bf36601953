@testable import IATI
import Testing

/// The index of standard names the model looks fields up by: every name set is found with
/// its last id, every other is not, through the growth of the table.
@Suite("name index")
struct NameIndexTests {
    @Test func namesAreFoundWithTheirLastIdsAndOthersAreNot() {
        var index = NameIndex()
        var expected: [String: Int32] = [:]
        // Names of every length, ASCII and not, including ones that differ in one byte.
        let names = (0..<500).map { "name-\($0)" } + ["", "a", "b", "narrative", "narrativf", "Tên hoạt động", "tên hoạt động"]
        for (id, name) in names.enumerated() {
            index.set(name, id: Int32(id))
            expected[name] = Int32(id)
        }
        for name in names.prefix(50) {
            index.set(name, id: 9_000)
            expected[name] = 9_000
        }
        for name in names { #expect(index[name] == expected[name], "\(name)") }
        for name in ["name-500", "narrativ", "nam", "Tên hoạt độnG", "x"] { #expect(index[name] == nil, "\(name)") }
    }

    @Test func keysAreFoundWithTheirLastValuesAndOthersAreNot() {
        var index = KeyIndex()
        var expected: [Int: Int32] = [:]
        // The four kinds of keys a tree uses: spec indexes, reader names, attribute slots and names.
        let keys = Array(0..<300) + (0..<300).map { -1 - $0 } + (0..<300).map { (1 << 40) + ($0 << 16) + $0 % 7 } + (0..<300).map { -(1 << 40) - $0 }
        for (value, key) in keys.enumerated() {
            index.set(key, Int32(value))
            expected[key] = Int32(value)
        }
        for key in keys.prefix(40) {
            index.set(key, -5)
            expected[key] = -5
        }
        for key in keys { #expect(index[key] == expected[key], "\(key)") }
        for key in [300, -301, (1 << 40) + (300 << 16), -(1 << 40) - 300, Int.max] { #expect(index[key] == nil, "\(key)") }
    }
}
