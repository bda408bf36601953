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
            isBareSpec = spec.content != nil && spec.attributes.isEmpty && spec.children.isEmpty
            hasNarrativeChild = spec.child("narrative") != nil
            inheritsLanguage = spec.name == "narrative"
            inheritsCurrency = spec.name == "value" || spec.name == "forecast" || spec.name == "loan-status"
            hasDefaultCurrency = spec.attribute("default-currency") != nil
            codeMappings = V1Codes.mappings(element: spec.name)
            version1Attributes = V1Codes.version1OnlyAttributes(element: spec.name)
            version1Children = V1Codes.version1OnlyChildren(element: spec.name)
        }
    }

    /// The table's state, behind a pointer this object owns: no run-time exclusivity checks
    /// on lookups made for every element and attribute.
    private struct State {
        var infos: [Info] = []
        var indexOfSpec: [ObjectIdentifier: Int32] = [:]
        /// (spec, element name) → child slot and its spec, or none.
        var childMemo: [Int64: (slot: Int32, spec: Int32)] = [:]
        /// (spec, attribute name) → attribute slot, or -1.
        var attributeMemo: [Int64: Int32] = [:]
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

    var infos: [Info] { state.pointee.infos }
    var names: NameTable { state.pointee.names }

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
        return index
    }

    /// Takes the names a record met first.
    func apply(_ record: RawRecord) {
        state.pointee.names.apply(record)
        while state.pointee.attributeNames.count < state.pointee.names.count {
            let name = state.pointee.names[Int32(state.pointee.attributeNames.count)]
            state.pointee.attributeNames.append(name.namespace == nil ? name.local : name.namespace == XMLNamespace.xml ? "xml:" + name.local : nil)
        }
    }

    /// The child slot of an element named `name` under `spec`, and the slot's spec index.
    func child(of spec: Int32, name: Int32) -> (slot: Int32, spec: Int32)? {
        let key = Int64(spec) << 32 | Int64(name)
        if let known = state.pointee.childMemo[key] { return known.slot < 0 ? nil : known }
        let xmlName = state.pointee.names[name]
        let parent = state.pointee.infos[Int(spec)].spec
        var result: (slot: Int32, spec: Int32) = (-1, -1)
        if xmlName.namespace == nil, let slot = parent.order(of: xmlName.local) {
            result = (Int32(slot), index(of: parent.children[slot].element))
        }
        state.pointee.childMemo[key] = result
        return result.slot < 0 ? nil : result
    }

    /// The attribute slot of an attribute named `name` under `spec`, or -1.
    func attribute(of spec: Int32, name: Int32) -> Int32 {
        let key = Int64(spec) << 32 | Int64(name)
        if let known = state.pointee.attributeMemo[key] { return known }
        var slot: Int32 = -1
        if let attributeName = state.pointee.attributeNames[Int(name)],
            let position = state.pointee.infos[Int(spec)].spec.attributes.firstIndex(where: { $0.name == attributeName })
        {
            slot = Int32(position)
        }
        state.pointee.attributeMemo[key] = slot
        return slot
    }

    /// `"key":` as bytes.
    fileprivate static func key(_ name: String) -> [UInt8] {
        var bytes: [UInt8] = []
        JSONText.appendString(name, to: &bytes)
        bytes.append(UInt8(ascii: ":"))
        return bytes
    }
}
