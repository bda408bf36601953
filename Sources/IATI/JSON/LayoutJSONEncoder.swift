import LibXML

/// Writes the normalised JSON of a record laid out by ``CanonicalLayout``: byte for byte what
/// ``NormalisedJSON/append(_:spec:to:)`` writes for the same record as a canonical ``Node``,
/// in one walk over the record, without building nodes or strings.
struct LayoutJSONEncoder {
    let record: RawRecord
    let layout: CanonicalLayout
    let table: SpecTable

    /// Appends the element at `index` (an element of the standard) and its subtree.
    func append(_ index: Int, to out: inout [UInt8]) {
        let info = table.info(layout.spec[index])
        let attributeStart = Int(layout.attributeStart[index])
        let attributeEnd = attributeStart + Int(layout.attributeCount[index])
        let childStart = Int(layout.childStart[index])
        let childEnd = childStart + Int(layout.childCount[index])
        let text = layout.text[index]
        if info.isBareSpec && attributeEnd == attributeStart && childEnd == childStart {
            appendScalar(text, type: info.spec.content ?? .string, to: &out)
            return
        }
        out.append(UInt8(ascii: "{"))
        var first = true
        var extensionAttributes: [Int] = []
        for position in attributeStart..<attributeEnd {
            let attribute = layout.attributes[position]
            guard attribute.slot >= 0 else {
                extensionAttributes.append(position)
                continue
            }
            if !first { out.append(UInt8(ascii: ",")) }
            first = false
            out += info.attributeKeys[Int(attribute.slot)]
            appendScalar(attribute.value, type: info.attributeTypes[Int(attribute.slot)], to: &out)
        }
        if text.count > 0 {
            if !first { out.append(UInt8(ascii: ",")) }
            first = false
            out += info.contentKey
            appendScalar(text, type: info.spec.content ?? .string, to: &out)
        }
        var position = childStart
        var extensionElements: [Int32] = []
        while position < childEnd {
            let child = Int(layout.children[position])
            let slot = layout.slot[child]
            guard layout.spec[child] >= 0, slot >= 0 else { break }
            var runEnd = position + 1
            while runEnd < childEnd, layout.spec[Int(layout.children[runEnd])] >= 0, layout.slot[Int(layout.children[runEnd])] == slot { runEnd += 1 }
            if !first { out.append(UInt8(ascii: ",")) }
            first = false
            out += info.childKeys[Int(slot)]
            if info.childRepeats[Int(slot)] {
                out.append(UInt8(ascii: "["))
                for member in position..<runEnd {
                    if member > position { out.append(UInt8(ascii: ",")) }
                    append(Int(layout.children[member]), to: &out)
                }
                out.append(UInt8(ascii: "]"))
            } else {
                // More than one where the standard allows one: the rest go with the extensions.
                append(child, to: &out)
                extensionElements += layout.children[(position + 1)..<runEnd]
            }
            position = runEnd
        }
        extensionElements += layout.children[position..<childEnd]
        if !extensionAttributes.isEmpty || !extensionElements.isEmpty {
            if !first { out.append(UInt8(ascii: ",")) }
            out += "\"extensions\":{"
            if !extensionAttributes.isEmpty {
                out += "\"attributes\":["
                for (offset, position) in extensionAttributes.enumerated() {
                    if offset > 0 { out.append(UInt8(ascii: ",")) }
                    appendGenericAttribute(position, owner: index, to: &out)
                }
                out.append(UInt8(ascii: "]"))
            }
            if !extensionElements.isEmpty {
                if !extensionAttributes.isEmpty { out.append(UInt8(ascii: ",")) }
                out += "\"elements\":["
                for (offset, element) in extensionElements.enumerated() {
                    if offset > 0 { out.append(UInt8(ascii: ",")) }
                    appendGeneric(Int(element), to: &out)
                }
                out.append(UInt8(ascii: "]"))
            }
            out.append(UInt8(ascii: "}"))
        }
        out.append(UInt8(ascii: "}"))
    }

    /// An element as a generic tree: `{name, namespace, prefix, attributes, text, children}`.
    private func appendGeneric(_ index: Int, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "{"))
        appendName(layout.elementName(index, of: record, table: table), to: &out)
        let attributeStart = Int(layout.attributeStart[index])
        let attributeCount = Int(layout.attributeCount[index])
        if attributeCount > 0 {
            out += ",\"attributes\":["
            for position in attributeStart..<(attributeStart + attributeCount) {
                if position > attributeStart { out.append(UInt8(ascii: ",")) }
                appendGenericAttribute(position, owner: index, to: &out)
            }
            out.append(UInt8(ascii: "]"))
        }
        let text = layout.text[index]
        if text.count > 0 {
            out += ",\"text\":"
            appendString(text, to: &out)
        }
        let childStart = Int(layout.childStart[index])
        let childCount = Int(layout.childCount[index])
        if childCount > 0 {
            out += ",\"children\":["
            for position in childStart..<(childStart + childCount) {
                if position > childStart { out.append(UInt8(ascii: ",")) }
                appendGeneric(Int(layout.children[position]), to: &out)
            }
            out.append(UInt8(ascii: "]"))
        }
        out.append(UInt8(ascii: "}"))
    }

    private func appendGenericAttribute(_ position: Int, owner index: Int, to out: inout [UInt8]) {
        let attribute = layout.attributes[position]
        out.append(UInt8(ascii: "{"))
        appendName(layout.attributeName(position, owner: index, table: table), to: &out)
        out += ",\"value\":"
        appendString(attribute.value, to: &out)
        out.append(UInt8(ascii: "}"))
    }

    private func appendName(_ name: XMLName, to out: inout [UInt8]) {
        out += "\"name\":"
        JSONText.appendString(name.local, to: &out)
        if let namespace = name.namespace {
            out += ",\"namespace\":"
            JSONText.appendString(namespace, to: &out)
        }
        if let prefix = name.prefix, !prefix.isEmpty {
            out += ",\"prefix\":"
            JSONText.appendString(prefix, to: &out)
        }
    }

    // MARK: - Scalars

    /// A number as it stands, a boolean as `true`/`false`, anything else as a string.
    private func appendScalar(_ value: CanonicalLayout.Value, type: DataType, to out: inout [UInt8]) {
        withBytes(value) { bytes in
            if type.isNumeric, !bytes.isEmpty, type.accepts(bytes: bytes) {
                out.append(contentsOf: bytes)
            } else if type == .boolean, bytes.count == 1, bytes[0] == UInt8(ascii: "1") || bytes[0] == UInt8(ascii: "0") {
                out += bytes[0] == UInt8(ascii: "1") ? "true" : "false"
            } else {
                JSONText.appendString(bytes: bytes, to: &out)
            }
        }
    }

    private func appendString(_ value: CanonicalLayout.Value, to out: inout [UInt8]) {
        withBytes(value) { JSONText.appendString(bytes: $0, to: &out) }
    }

    private func withBytes(_ value: CanonicalLayout.Value, _ body: (UnsafeBufferPointer<UInt8>) -> Void) {
        layout.withBytes(value, of: record, body)
    }
}
