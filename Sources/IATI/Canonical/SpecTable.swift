import LibXML

/// The catalogue as the compact road reads it: specs by index, and what an element name or an
/// attribute name means under each spec, looked up once per input and name, not per element.
///
/// One table belongs to one input's consumer (not `Sendable`): its memo tables grow with the
/// names of that input.
final class SpecTable {
    /// What the compact road needs of one spec, prepared once (a class: handed around per
    /// element, it costs one reference count, not one per field).
    final class Info {
        let spec: ElementSpec
        /// `"jsonKey":` of each attribute, in schema order.
        let attributeKeys: [[UInt8]]
        /// `"jsonKey":` of each child slot, in schema order.
        let childKeys: [[UInt8]]
        /// `"contentKey":`.
        let contentKey: [UInt8]
        /// The datatype of each attribute, in schema order.
        let attributeTypes: [DataType]
        /// Whether each child slot may repeat (a JSON list).
        let childRepeats: [Bool]
        /// Text only: the JSON value is the bare text when an instance adds nothing.
        let isBareSpec: Bool
        /// 2.x gives this element narratives: text directly in it is 1.0x.
        let hasNarrativeChild: Bool
        /// Whether the element inherits `xml:lang` (a narrative) or `currency` (an amount).
        let inheritsLanguage: Bool
        let inheritsCurrency: Bool
        let hasDefaultCurrency: Bool
        /// 1.0x evidence tables of this element name (see ``VersionDetector``).
        let codeMappings: [String: CodeMapping]?
        let version1Attributes: Set<String>?
        let version1Children: Set<String>?

        init(spec: ElementSpec) {
            self.spec = spec
            attributeKeys = spec.attributes.map { SpecTable.key($0.jsonKey) }
            childKeys = spec.children.map { SpecTable.key($0.jsonKey) }
            contentKey = SpecTable.key(spec.contentKey)
            attributeTypes = spec.attributes.map(\.type)
            childRepeats = spec.children.map(\.isRepeated)
            isBareSpec = spec.content != nil && spec.attributes.isEmpty && spec.children.isEmpty
            hasNarrativeChild = spec.child("narrative") != nil
            inheritsLanguage = spec.name == "narrative"
            inheritsCurrency = spec.name == "value" || spec.name == "forecast" || spec.name == "loan-status"
            hasDefaultCurrency = spec.attribute("default-currency") != nil
            codeMappings = spec.version1.codeMappings
            version1Attributes = spec.version1.attributes
            version1Children = spec.version1.children
        }
    }

    /// The table's state, behind a pointer this object owns: no run-time exclusivity checks
    /// on lookups made for every element and attribute.
    private struct State {
        var infos: [Info] = []
        var indexOfSpec: [ObjectIdentifier: Int32] = [:]
        /// Per spec, per element name id: child slot and its spec packed (slot << 32 | spec),
        /// -1 for none, ``unknown`` before the first lookup.
        var childMemo: [[Int64]] = []
        /// Per spec, per attribute name id: the attribute's slot (-1 for none) and its 1.0x
        /// evidence packed (see ``AttributeFacts``), ``unknown`` before the first lookup.
        var attributeMemo: [[Int64]] = []
        /// Per name id: what the canonical form looks for in any attribute (``NameFacts``).
        var nameFacts: [NameFacts] = []
        /// The names of the input, as records add them.
        var names = NameTable()
        /// Per name id: the attribute's spec name (`iso-date`, `xml:lang`), `nil` for other namespaces.
        var attributeNames: [String?] = []
    }

    private let state: UnsafeMutablePointer<State>

    init() {
        state = .allocate(capacity: 1)
        state.initialize(to: State())
    }

    deinit {
        state.deinitialize(count: 1)
        state.deallocate()
    }

    private static let unknown = Int64.min

    /// What an attribute name is, whatever its element.
    struct NameFacts: OptionSet {
        let rawValue: UInt8
        /// `xml:lang`.
        static let language = NameFacts(rawValue: 1)
        /// `default-currency` in no namespace.
        static let defaultCurrency = NameFacts(rawValue: 2)
    }

    /// What an attribute name is under one spec.
    struct AttributeFacts {
        /// Its slot in the spec's attributes, -1 for none.
        var slot: Int32
        /// Only 1.0x has it here.
        var isVersion1: Bool
        /// A 1.0x code table that renames codes applies to it here.
        var codeMapping: CodeMapping?
    }

    /// The spec information of spec index `index`.
    @inline(__always)
    func info(_ index: Int32) -> Info { state.pointee.infos[Int(index)] }

    /// The name with id `id`.
    @inline(__always)
    func name(_ id: Int32) -> XMLName { state.pointee.names[id] }

    /// The index of `spec`, registering it.
    func index(of spec: ElementSpec) -> Int32 {
        if let index = state.pointee.indexOfSpec[ObjectIdentifier(spec)] { return index }
        let index = Int32(state.pointee.infos.count)
        state.pointee.indexOfSpec[ObjectIdentifier(spec)] = index
        state.pointee.infos.append(Info(spec: spec))
        state.pointee.childMemo.append([])
        state.pointee.attributeMemo.append([])
        return index
    }

    /// Takes the names a record met first.
    func apply(_ record: RawRecord) {
        state.pointee.names.apply(record)
        while state.pointee.attributeNames.count < state.pointee.names.count {
            let name = state.pointee.names[Int32(state.pointee.attributeNames.count)]
            state.pointee.attributeNames.append(name.namespace == nil ? name.local : name.namespace == XMLNamespace.xml ? "xml:" + name.local : nil)
            var facts: NameFacts = []
            if name.namespace == nil && name.local == "default-currency" { facts.insert(.defaultCurrency) }
            if name.namespace == XMLNamespace.xml && name.local == "lang" { facts.insert(.language) }
            state.pointee.nameFacts.append(facts)
        }
    }

    /// The child slot of an element named `name` under `spec`, and the slot's spec index.
    func child(of spec: Int32, name: Int32) -> (slot: Int32, spec: Int32)? {
        var known = Self.unknown
        if Int(name) < state.pointee.childMemo[Int(spec)].count { known = state.pointee.childMemo[Int(spec)][Int(name)] }
        if known == Self.unknown {
            let xmlName = state.pointee.names[name]
            let parent = state.pointee.infos[Int(spec)].spec
            known = -1
            if xmlName.namespace == nil, let slot = parent.order(of: xmlName.local) {
                known = Int64(slot) << 32 | Int64(index(of: parent.children[slot].element))
            }
            Self.store(known, at: Int(name), in: &state.pointee.childMemo[Int(spec)])
        }
        return known < 0 ? nil : (Int32(truncatingIfNeeded: known >> 32), Int32(truncatingIfNeeded: known))
    }

    /// What the canonical form looks for in an attribute name.
    @inline(__always)
    func facts(ofName name: Int32) -> NameFacts { state.pointee.nameFacts[Int(name)] }

    /// The attribute slot of an attribute named `name` under `spec`, or -1.
    @inline(__always)
    func attribute(of spec: Int32, name: Int32) -> Int32 {
        Int32(truncatingIfNeeded: packedAttribute(of: spec, name: name) >> 8)
    }

    /// What an attribute name is under `spec`: its slot and its 1.0x evidence (the code table
    /// is looked up only for an attribute that has one).
    func attributeFacts(of spec: Int32, name: Int32) -> AttributeFacts {
        let known = packedAttribute(of: spec, name: name)
        let flags = known & 0xFF
        let info = state.pointee.infos[Int(spec)]
        let mapping = flags & 2 != 0 ? info.codeMappings?[state.pointee.names[name].local] : nil
        return AttributeFacts(slot: Int32(truncatingIfNeeded: known >> 8), isVersion1: flags & 1 != 0, codeMapping: mapping)
    }

    /// The memo entry of an attribute name under `spec`, looked up the first time.
    private func packedAttribute(of spec: Int32, name: Int32) -> Int64 {
        if Int(name) < state.pointee.attributeMemo[Int(spec)].count {
            let known = state.pointee.attributeMemo[Int(spec)][Int(name)]
            if known != Self.unknown { return known }
        }
        let known = lookUpAttribute(of: spec, name: name)
        Self.store(known, at: Int(name), in: &state.pointee.attributeMemo[Int(spec)])
        return known
    }

    /// Packs slot << 8 | 2 (a renaming code table applies) | 1 (only 1.0x has it).
    private func lookUpAttribute(of spec: Int32, name: Int32) -> Int64 {
        let info = state.pointee.infos[Int(spec)]
        var slot: Int64 = -1
        if let attributeName = state.pointee.attributeNames[Int(name)],
            let position = info.spec.attributes.firstIndex(where: { $0.name == attributeName })
        {
            slot = Int64(position)
        }
        var flags: Int64 = 0
        let xmlName = state.pointee.names[name]
        if xmlName.namespace == nil {
            if info.version1Attributes?.contains(xmlName.local) == true { flags |= 1 }
            if info.codeMappings?[xmlName.local]?.changesCodes == true { flags |= 2 }
        }
        return slot << 8 | flags
    }

    private static func store(_ value: Int64, at index: Int, in memo: inout [Int64]) {
        if memo.count <= index { memo += repeatElement(unknown, count: index + 1 - memo.count) }
        memo[index] = value
    }

    /// `"key":` as bytes.
    fileprivate static func key(_ name: String) -> [UInt8] {
        var bytes: [UInt8] = []
        JSONText.appendString(name, to: &bytes)
        bytes.append(UInt8(ascii: ":"))
        return bytes
    }
}
