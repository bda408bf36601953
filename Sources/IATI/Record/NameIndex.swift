/// Ids of names by local name: what the model looks up for every field it reads. Open
/// addressing on an FNV-1a hash of the name's UTF-8 bytes, names compared on a hash match: a
/// look-up costs a fraction of a `Dictionary`'s seeded hashing of a `String`.
struct NameIndex: Sendable {
    private struct Slot: Sendable {
        var hash: UInt64 = 0
        var name: String?
        var id: Int32 = 0
    }

    /// A power of two, at most half full.
    private var slots = [Slot](repeating: Slot(), count: 64)
    private var count = 0

    /// The id of `name`, `nil` when it has none.
    subscript(name: String) -> Int32? {
        let hash = Self.hash(name)
        return slots.withUnsafeBufferPointer { slots in
            let mask = slots.count - 1
            var index = Int(truncatingIfNeeded: hash) & mask
            while let stored = slots[index].name {
                if slots[index].hash == hash, stored == name { return slots[index].id }
                index = (index + 1) & mask
            }
            return nil
        }
    }

    /// Gives `name` the id `id` (replacing the one it had).
    mutating func set(_ name: String, id: Int32) {
        if (count + 1) * 2 > slots.count { grow() }
        place(Slot(hash: Self.hash(name), name: name, id: id))
    }

    private mutating func place(_ slot: Slot) {
        let mask = slots.count - 1
        var index = Int(truncatingIfNeeded: slot.hash) & mask
        while let stored = slots[index].name {
            if slots[index].hash == slot.hash, stored == slot.name {
                slots[index].id = slot.id
                return
            }
            index = (index + 1) & mask
        }
        slots[index] = slot
        count += 1
    }

    private mutating func grow() {
        let old = slots
        slots = [Slot](repeating: Slot(), count: old.count * 2)
        count = 0
        for slot in old where slot.name != nil { place(slot) }
    }

    private static func hash(_ name: String) -> UInt64 {
        var name = name
        return name.withUTF8 { bytes in
            var hash: UInt64 = 0xcbf2_9ce4_8422_2325
            for byte in bytes { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01b3 }
            return hash
        }
    }
}

/// Ids by integer key (a spec index, a reader's name id): open addressing with a
/// multiplicative hash. The keys are the program's own, so no seeded hashing is needed, and
/// a tree looks one up for every element and attribute it lays out.
struct KeyIndex: Sendable {
    /// No key: the program's keys are far from it.
    private static let vacant = Int.min
    /// A power of two, at most half full.
    private var keys = [Int](repeating: KeyIndex.vacant, count: 64)
    private var values = [Int32](repeating: 0, count: 64)
    private var count = 0

    subscript(key: Int) -> Int32? {
        let mask = keys.count - 1
        var index = Self.slot(key, mask: mask)
        while true {
            let stored = keys[index]
            if stored == key { return values[index] }
            if stored == Self.vacant { return nil }
            index = (index + 1) & mask
        }
    }

    mutating func set(_ key: Int, _ value: Int32) {
        precondition(key != Self.vacant, "a key the index keeps for vacant slots")
        if (count + 1) * 2 > keys.count {
            let (oldKeys, oldValues) = (keys, values)
            keys = [Int](repeating: Self.vacant, count: oldKeys.count * 2)
            values = [Int32](repeating: 0, count: oldKeys.count * 2)
            count = 0
            for (key, value) in zip(oldKeys, oldValues) where key != Self.vacant { place(key, value) }
        }
        place(key, value)
    }

    private mutating func place(_ key: Int, _ value: Int32) {
        let mask = keys.count - 1
        var index = Self.slot(key, mask: mask)
        while keys[index] != Self.vacant && keys[index] != key { index = (index + 1) & mask }
        if keys[index] == Self.vacant { count += 1 }
        keys[index] = key
        values[index] = value
    }

    private static func slot(_ key: Int, mask: Int) -> Int {
        Int(truncatingIfNeeded: (UInt64(bitPattern: Int64(key)) &* 0x9E37_79B9_7F4A_7C15) >> 32) & mask
    }
}
