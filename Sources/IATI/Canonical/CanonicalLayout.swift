import LibXML

/// The canonical form of a ``RawRecord`` of version 2.03, laid over the record without copying
/// it: each element's spec, its children in schema order, its attributes normalised in schema
/// order (others after, sorted), its text trimmed and normalised — what ``Canonicaliser`` makes
/// of the same record as a ``Node``, with the same notices in the same order.
///
/// Values stay ranges of the record's bytes where canonical form only trims them; what
/// canonical form changes (numbers, booleans, inherited languages and currencies) goes to
/// ``scratch``.
struct CanonicalLayout {
    /// A value: a range of the record's bytes or of ``scratch``.
    struct Value {
        var inScratch: Bool
        var start: Int32
        var count: Int32
    }

    /// A canonical attribute: its schema slot (-1 for one the standard does not define here)
    /// and its raw name (-1 when inherited rather than written).
    struct CanonicalAttribute {
        var slot: Int32
        var name: Int32
        var value: Value
    }

    /// Per element: its spec index (-1 for an element outside the standard, kept as written).
    var spec: [Int32] = []
    /// Per element of the standard: its slot among its parent's children (schema order).
    var slot: [Int32] = []
    var childStart: [Int32] = []
    var childCount: [Int32] = []
    var attributeStart: [Int32] = []
    var attributeCount: [Int32] = []
    var text: [Value] = []
    /// Children in canonical order, per element a contiguous run.
    var children: [Int32] = []
    var attributes: [CanonicalAttribute] = []
    var scratch: [UInt8] = []

    /// Why a record cannot take the compact road: it has 1.0x content, which only the upgrade
    /// (over nodes) handles.
    struct NeedsUpgrade: Error {}

    /// Lays out `record` (its element 0 has spec `root`), inheriting `language`, recording
    /// notices as ``Canonicaliser`` would.
    /// - Throws: ``NeedsUpgrade`` when the record shows 1.0x content (see ``VersionDetector``).
    init(record: RawRecord, root: Int32, language: String?, table: SpecTable, log: inout NoticeLog) throws(NeedsUpgrade) {
        let count = record.elements.count
        spec = [Int32](repeating: -1, count: count)
        slot = [Int32](repeating: -1, count: count)
        childStart = [Int32](repeating: 0, count: count)
        childCount = [Int32](repeating: 0, count: count)
        attributeStart = [Int32](repeating: 0, count: count)
        attributeCount = [Int32](repeating: 0, count: count)
        text = [Value](repeating: Value(inScratch: false, start: 0, count: 0), count: count)
        children.reserveCapacity(count)
        attributes.reserveCapacity(record.attributes.count + 8)
        if record.elements.isEmpty { return }
        // A record's own version attribute is 1.0x.
        if record.elements[0].attributeCount > 0 {
            for position in Int(record.elements[0].attributeStart)..<Int(record.elements[0].attributeStart + record.elements[0].attributeCount) {
                let name = table.name(record.attributes[position].name)
                if name.namespace == nil && name.local == "version" { throw NeedsUpgrade() }
            }
        }
        let builder = Builder(record: record, table: table)
        spec[0] = root
        try builder.layOut(0, scope: Scope(language: language, currency: nil), into: &self, log: &log)
    }

    /// What an element inherits from its ancestors.
    struct Scope {
        var language: String?
        var currency: String?
    }
}

extension CanonicalLayout {
    /// The walk that fills a layout, element by element in input order (as the notices come).
    fileprivate struct Builder {
        let record: RawRecord
        let table: SpecTable

        func layOut(_ index: Int, scope inherited: Scope, into layout: inout CanonicalLayout, log: inout NoticeLog) throws(NeedsUpgrade) {
            let specIndex = layout.spec[index]
            let info = table.info(specIndex)
            let element = record.elements[index]
            var scope = inherited
            updateScope(&scope, element: element, info: info)
            try checkVersion1(element: element, index: index, specIndex: specIndex, info: info)
            layOutAttributes(index, specIndex: specIndex, info: info, scope: scope, into: &layout, log: &log)
            layOutText(index, info: info, into: &layout, log: &log)
            // Children in input order (as the notices come), then put in schema order.
            // The children's run in `layout.children` is reserved first (their own subtrees'
            // runs come after it), then each child is laid out in input order.
            let (start, end) = reserveChildren(of: index, element: element, in: &layout)
            var inOrder = true
            var hasOthers = false
            var previous: Int32 = -1
            for position in start..<end {
                let child = Int(layout.children[position])
                let name = record.elements[child].name
                if let (slot, childSpec) = table.child(of: specIndex, name: name) {
                    if let version1 = info.version1Children, version1.contains(table.name(name).local) { throw NeedsUpgrade() }
                    layout.spec[child] = childSpec
                    layout.slot[child] = slot
                    try layOut(child, scope: scope, into: &layout, log: &log)
                    if hasOthers || slot < previous { inOrder = false }
                    previous = slot
                } else {
                    if let version1 = info.version1Children, table.name(name).namespace == nil, version1.contains(table.name(name).local) {
                        throw NeedsUpgrade()
                    }
                    hasOthers = true
                    noteUnknown(child, parent: index, info: info, log: &log)
                    layOutExtension(child, into: &layout, log: &log)
                }
            }
            if !inOrder {
                // A stable sort: same-named siblings keep their input order; others go last.
                let keyed = layout.children[start..<end].enumerated().map { position, child in
                    (key: layout.spec[Int(child)] >= 0 ? layout.slot[Int(child)] : Int32.max, position: position, child: child)
                }
                for (offset, entry) in keyed.sorted(by: { ($0.key, $0.position) < ($1.key, $1.position) }).enumerated() {
                    layout.children[start + offset] = entry.child
                }
            }
            layout.childStart[index] = Int32(start)
            layout.childCount[index] = Int32(end - start)
        }

        /// Appends the element's children, in input order, as one run of `layout.children`
        /// (their own subtrees' runs come after it); returns the run.
        private func reserveChildren(of index: Int, element: RawElement, in layout: inout CanonicalLayout) -> (start: Int, end: Int) {
            let start = layout.children.count
            var child = index + 1
            while child < Int(element.end) {
                layout.children.append(Int32(child))
                child = Int(record.elements[child].end)
            }
            return (start, layout.children.count)
        }

        private func updateScope(_ scope: inout Scope, element: RawElement, info: SpecTable.Info) {
            guard element.attributeCount > 0 else { return }
            for position in Int(element.attributeStart)..<Int(element.attributeStart + element.attributeCount) {
                let attribute = record.attributes[position]
                let facts = table.facts(ofName: attribute.name)
                if facts.contains(.language) {
                    let (start, count) = trimmed(attribute.valueStart, attribute.valueCount)
                    if count > 0 { scope.language = record.string(start, count) }
                } else if info.hasDefaultCurrency, facts.contains(.defaultCurrency) {
                    let (start, count) = trimmed(attribute.valueStart, attribute.valueCount)
                    if count > 0 { scope.currency = record.string(start, count) }
                }
            }
        }

        /// Throws when the element shows 1.0x content: text where 2.x has narratives, a
        /// textual 1.0x code, an attribute only 1.0x has.
        private func checkVersion1(element: RawElement, index: Int, specIndex: Int32, info: SpecTable.Info) throws(NeedsUpgrade) {
            if info.hasNarrativeChild, element.textCount > 0, trimmed(element.textStart, element.textCount).1 > 0 { throw NeedsUpgrade() }
            guard info.codeMappings != nil || info.version1Attributes != nil, element.attributeCount > 0 else { return }
            for position in Int(element.attributeStart)..<Int(element.attributeStart + element.attributeCount) {
                let attribute = record.attributes[position]
                let facts = table.attributeFacts(of: specIndex, name: attribute.name)
                if facts.isVersion1 { throw NeedsUpgrade() }
                if let mapping = facts.codeMapping,
                    V1Codes.textualCode(mapping, value: record.string(attribute.valueStart, attribute.valueCount)) != nil
                {
                    throw NeedsUpgrade()
                }
            }
        }

        private func layOutAttributes(_ index: Int, specIndex: Int32, info: SpecTable.Info, scope: Scope, into layout: inout CanonicalLayout, log: inout NoticeLog) {
            let element = record.elements[index]
            let start = layout.attributes.count
            let rawStart = Int(element.attributeStart)
            let rawEnd = rawStart + Int(element.attributeCount)
            // Each written attribute's slot, looked up once; the first of a slot counts. On the
            // stack: this runs for every element of every record.
            let slots = info.spec.attributes
            var others = 0
            withUnsafeTemporaryAllocation(of: Int32.self, capacity: slots.count) { found in
                found.initialize(repeating: -1)
                for position in rawStart..<rawEnd {
                    let slot = Int(table.attribute(of: specIndex, name: record.attributes[position].name))
                    if slot < 0 {
                        others += 1
                    } else if found[slot] < 0 {
                        found[slot] = Int32(position)
                    }
                }
                for slot in slots.indices {
                    var value: Value
                    if found[slot] >= 0 {
                        let attribute = record.attributes[Int(found[slot])]
                        value = Value(inScratch: false, start: attribute.valueStart, count: attribute.valueCount)
                    } else if let inherited = inheritedValue(slot: slot, info: info, element: element, index: index, scope: scope, log: &log) {
                        value = Value(inScratch: true, start: Int32(layout.scratch.count), count: Int32(inherited.utf8.count))
                        layout.scratch += inherited.utf8
                    } else {
                        continue
                    }
                    // The spec read in place, not copied: a copy retains its three strings.
                    value = normalise(value, type: slots[slot].type, layout: &layout) { raw in
                        let name = slots[slot].name
                        return Notice(
                            kind: .invalidValue, line: Int(element.line), path: path(of: index) + "/@" + name,
                            message: "\(name)=\"\(raw)\" is not a valid \(slots[slot].type.rawValue); kept as written")
                    } log: { log.record($0) }
                    layout.attributes.append(CanonicalAttribute(slot: Int32(slot), name: -1, value: value))
                }
            }
            if others > 0 {
                var others: [CanonicalAttribute] = []
                for position in rawStart..<rawEnd where table.attribute(of: specIndex, name: record.attributes[position].name) < 0 {
                    let attribute = record.attributes[position]
                    let name = table.name(attribute.name)
                    let (trimmedStart, trimmedCount) = trimmed(attribute.valueStart, attribute.valueCount)
                    if name.namespace == nil {
                        log.record(Notice(
                            kind: .unknownContent, line: Int(element.line), path: path(of: index) + "/@" + name.local,
                            message: "attribute \(name.local)=\"\(record.string(attribute.valueStart, attribute.valueCount))\" is not part of the standard on <\(info.spec.name)>; kept as an extension"))
                    } else if name.namespace != XMLNamespace.xml {
                        log.record(Notice(
                            kind: .extensionKept, line: Int(element.line), path: path(of: index) + "/@" + qualified(name),
                            message: "extension attribute \(qualified(name)) (\(name.namespace ?? "")) kept"))
                    }
                    others.append(CanonicalAttribute(slot: -1, name: attribute.name, value: Value(inScratch: false, start: trimmedStart, count: trimmedCount)))
                }
                sortByName(&others)
                layout.attributes += others
            }
            layout.attributeStart[index] = Int32(start)
            layout.attributeCount[index] = Int32(layout.attributes.count - start)
        }

        /// `xml:lang` of a narrative and `currency` of an amount that has none of its own.
        private func inheritedValue(slot: Int, info: SpecTable.Info, element: RawElement, index: Int, scope: Scope, log: inout NoticeLog) -> String? {
            let name = info.spec.attributes[slot].name
            if info.inheritsLanguage, name == "xml:lang" {
                if let language = scope.language { return language }
                log.record(Notice(
                    kind: .missingLanguage, line: Int(element.line), path: path(of: index),
                    message: "narrative has no xml:lang and neither its activity nor its file sets one"))
            } else if info.inheritsCurrency, name == "currency" {
                if let currency = scope.currency { return currency }
                log.record(Notice(
                    kind: .missingCurrency, line: Int(element.line), path: path(of: index),
                    message: "amount has no currency and its activity has no default-currency"))
            }
            return nil
        }

        private func layOutText(_ index: Int, info: SpecTable.Info, into layout: inout CanonicalLayout, log: inout NoticeLog) {
            let element = record.elements[index]
            guard element.textCount > 0 else { return }
            let (start, count) = trimmed(element.textStart, element.textCount)
            let trimmedValue = Value(inScratch: false, start: start, count: count)
            guard let content = info.spec.content else {
                if count > 0 {
                    log.record(Notice(
                        kind: .unexpectedText, line: Int(element.line), path: path(of: index),
                        message: "<\(info.spec.name)> holds text \"\(record.string(start, count).prefix(40))\" where the standard expects only elements; kept"))
                }
                layout.text[index] = trimmedValue
                return
            }
            if count == 0 || content == .string {
                layout.text[index] = trimmedValue
                return
            }
            layout.text[index] = normalise(trimmedValue, type: content, layout: &layout) { _ in
                Notice(
                    kind: .invalidValue, line: Int(element.line), path: path(of: index),
                    message: "<\(info.spec.name)> text \"\(record.string(start, count).prefix(40))\" is not a valid \(content.rawValue); kept as written")
            } log: { log.record($0) }
        }

        /// An element outside the standard (and everything in it) as written; its text and
        /// attributes trimmed, attributes sorted.
        private func layOutExtension(_ index: Int, into layout: inout CanonicalLayout, log: inout NoticeLog) {
            let element = record.elements[index]
            layout.spec[index] = -1
            let (textStart, textCount) = trimmed(element.textStart, element.textCount)
            layout.text[index] = Value(inScratch: false, start: textStart, count: textCount)
            var attributes: [CanonicalAttribute] = []
            if element.attributeCount > 0 {
                for position in Int(element.attributeStart)..<Int(element.attributeStart + element.attributeCount) {
                    let attribute = record.attributes[position]
                    let (start, count) = trimmed(attribute.valueStart, attribute.valueCount)
                    attributes.append(CanonicalAttribute(slot: -1, name: attribute.name, value: Value(inScratch: false, start: start, count: count)))
                }
                sortByName(&attributes)
            }
            layout.attributeStart[index] = Int32(layout.attributes.count)
            layout.attributeCount[index] = Int32(attributes.count)
            layout.attributes += attributes
            let (start, end) = reserveChildren(of: index, element: element, in: &layout)
            layout.childStart[index] = Int32(start)
            layout.childCount[index] = Int32(end - start)
            if textCount > 0 && end > start {
                let name = qualified(table.name(element.name))
                log.record(Notice(
                    kind: .extensionKept, line: Int(element.line), path: path(of: Int(element.parent)) + "/" + name,
                    message: Notice.mixedContent(name)))
            }
            for position in start..<end { layOutExtension(Int(layout.children[position]), into: &layout, log: &log) }
        }

        private func noteUnknown(_ child: Int, parent: Int, info: SpecTable.Info, log: inout NoticeLog) {
            let name = table.name(record.elements[child].name)
            let line = Int(record.elements[child].line)
            let where_ = path(of: parent) + "/" + qualified(name)
            if name.namespace == nil {
                log.record(Notice(
                    kind: .unknownContent, line: line, path: where_,
                    message: "element <\(name.local)> is not part of the standard inside <\(info.spec.name)>; kept as an extension"))
            } else {
                log.record(Notice(
                    kind: .extensionKept, line: line, path: where_,
                    message: "extension element <\(qualified(name))> (\(name.namespace ?? "")) kept"))
            }
        }

        // MARK: - Values

        /// The canonical form of a value of `type`; an invalid one stays trimmed and is noted.
        private func normalise(
            _ value: Value, type: DataType, layout: inout CanonicalLayout, notice: (String) -> Notice, log record: (Notice) -> Void
        ) -> Value {
            let bytes = value.inScratch ? layout.scratch : self.record.bytes
            return bytes.withUnsafeBufferPointer { buffer -> Value in
                let raw = UnsafeBufferPointer(rebasing: buffer[Int(value.start)..<Int(value.start + value.count)])
                var from = 0
                var to = raw.count
                while from < to, Lexical.isSpace(raw[from]) { from += 1 }
                while to > from, Lexical.isSpace(raw[to - 1]) { to -= 1 }
                let text = UnsafeBufferPointer(rebasing: raw[from..<to])
                let trimmedValue = Value(inScratch: value.inScratch, start: value.start + Int32(from), count: Int32(to - from))
                if type == .string { return trimmedValue }
                guard type.accepts(bytes: text) else {
                    record(notice(String(decoding: raw, as: UTF8.self)))
                    return trimmedValue
                }
                switch type {
                case .decimal, .integer, .int, .nonNegativeInteger, .positiveInteger:
                    let string = String(decoding: text, as: UTF8.self)
                    if Lexical.isNormalNumber(Substring(string)) { return trimmedValue }
                    let normal = Lexical.normalisedNumber(Substring(string))
                    let start = Int32(layout.scratch.count)
                    layout.scratch += normal.utf8
                    return Value(inScratch: true, start: start, count: Int32(normal.utf8.count))
                case .boolean:
                    let isTrue = text.elementsEqual("true".utf8) || text.elementsEqual("1".utf8)
                    let start = Int32(layout.scratch.count)
                    layout.scratch.append(isTrue ? UInt8(ascii: "1") : UInt8(ascii: "0"))
                    return Value(inScratch: true, start: start, count: 1)
                default:
                    return trimmedValue
                }
            }
        }

        /// A range without the XML white space around it.
        private func trimmed(_ start: Int32, _ count: Int32) -> (Int32, Int32) {
            var from = Int(start)
            var to = Int(start + count)
            while from < to, Lexical.isSpace(record.bytes[from]) { from += 1 }
            while to > from, Lexical.isSpace(record.bytes[to - 1]) { to -= 1 }
            return (Int32(from), Int32(to - from))
        }

        /// Attributes the standard does not define here, in the order canonical form gives them.
        private func sortByName(_ attributes: inout [CanonicalAttribute]) {
            guard attributes.count > 1 else { return }
            attributes.sort { left, right in
                let a = table.name(left.name)
                let b = table.name(right.name)
                return (a.namespace ?? "", a.local) < (b.namespace ?? "", b.local)
            }
        }

        /// The element path of an element of the standard, for notices.
        private func path(of index: Int) -> String {
            var components: [String] = []
            var current = index
            while current >= 0 {
                components.append(table.name(record.elements[current].name).local)
                current = Int(record.elements[current].parent)
            }
            return components.reversed().joined(separator: "/")
        }

        private func qualified(_ name: XMLName) -> String {
            if let prefix = name.prefix, !prefix.isEmpty { return "\(prefix):\(name.local)" }
            return name.local
        }
    }
}

extension CanonicalLayout {
    /// The bytes of a value: a range of the record's buffer or of ``scratch``.
    func withBytes(_ value: Value, of record: RawRecord, _ body: (UnsafeBufferPointer<UInt8>) -> Void) {
        let source = value.inScratch ? scratch : record.bytes
        source.withUnsafeBufferPointer { buffer in
            body(UnsafeBufferPointer(rebasing: buffer[Int(value.start)..<Int(value.start + value.count)]))
        }
    }

    /// An element's name in canonical form: elements of the standard are in no namespace.
    func elementName(_ index: Int, of record: RawRecord, table: SpecTable) -> XMLName {
        let specIndex = spec[index]
        if specIndex >= 0 { return XMLName(local: table.info(specIndex).spec.name) }
        return table.name(record.elements[index].name)
    }

    /// An attribute's name in canonical form: the standard's as the catalogue spells it
    /// (`xml:lang` in the XML namespace), others as read, with `xml` as the XML namespace's prefix.
    func attributeName(_ position: Int, owner index: Int, table: SpecTable) -> XMLName {
        let attribute = attributes[position]
        if attribute.slot >= 0 {
            let attributeSpec = table.info(spec[index]).spec.attributes[Int(attribute.slot)]
            return attributeSpec.isXMLNamespace
                ? XMLName(local: attributeSpec.localName, namespace: XMLNamespace.xml, prefix: "xml") : XMLName(local: attributeSpec.name)
        }
        var name = table.name(attribute.name)
        if name.namespace == XMLNamespace.xml { name.prefix = "xml" }
        return name
    }
}
