import Testing
import Inputs

@Suite("SHA-256")
struct SHA256Tests {
    private func digest(_ text: String) -> String {
        var hash = SHA256()
        hash.update(Array(text.utf8))
        return hash.hexDigest()
    }

    @Test("FIPS 180-4 example messages")
    func vectors() {
        #expect(digest("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(digest("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(digest("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq")
            == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
        #expect(digest(String(repeating: "a", count: 1_000_000)) == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    @Test("Feeding in pieces of any size gives the same digest")
    func pieces() {
        let bytes = (0..<1000).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) }
        var whole = SHA256()
        whole.update(bytes)
        for size in [1, 3, 55, 56, 63, 64, 65, 127, 999] {
            var hash = SHA256()
            var offset = 0
            while offset < bytes.count {
                hash.update(bytes[offset..<min(offset + size, bytes.count)])
                offset += size
            }
            #expect(hash.hexDigest() == whole.hexDigest(), "pieces of \(size)")
        }
    }
}
