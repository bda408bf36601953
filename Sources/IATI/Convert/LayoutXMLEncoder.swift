import LibXML

/// Writes the canonical IATI XML of a record laid out by ``CanonicalLayout``: byte for byte
/// what ``XMLWriter/write(_:level:scope:into:)`` writes for the same record as a canonical
/// ``Node`` (two-space indentation, namespaces the root does not declare declared on the
/// record, one prefix per namespace).
struct LayoutXMLEncoder {
    let record: RawRecord
    let layout: CanonicalLayout
    let table: SpecTable

    /// Appends the record (element 0) at indentation `level`, given the prefixes the root
    /// declares (prefix → URI).
    func append(level: Int, scope: [String: String], to out: inout [UInt8]) {
        var prefixes = NamespacePrefixes(scope: scope)
        gather(0, into: &prefixes)
        prefixes.assign()
        write(0, level: level, prefixes: prefixes, declare: prefixes.newDeclarations, to: &out)
    }

    private func write(_ index: Int, level: Int, prefixes: NamespacePrefixes, declare: [NamespaceDeclaration], to out: inout [UInt8]) {
        for _ in 0..<level { out += "  " }
        let name = qualifiedElementName(index, prefixes: prefixes)
        out.append(UInt8(ascii: "<"))
        out += name
        for declaration in declare {
            out += " xmlns:"
            out += declaration.prefix ?? ""
            out += "=\""
            XMLWriter.appendEscaped(declaration.uri, attribute: true, to: &out)
            out.append(UInt8(ascii: "\""))
        }
        let attributeStart = Int(layout.attributeStart[index])
        for position in attributeStart..<(attributeStart + Int(layout.attributeCount[index])) {
            out.append(UInt8(ascii: " "))
            out += qualifiedAttributeName(position, owner: index, prefixes: prefixes)
            out += "=\""
            withBytes(layout.attributes[position].value) { XMLWriter.appendEscaped(bytes: $0, attribute: true, to: &out) }
            out.append(UInt8(ascii: "\""))
        }
        let text = layout.text[index]
        let childStart = Int(layout.childStart[index])
        let childCount = Int(layout.childCount[index])
        if childCount == 0 && text.count == 0 {
            out += "/>\n"
            return
        }
        out.append(UInt8(ascii: ">"))
        withBytes(text) { XMLWriter.appendEscaped(bytes: $0, attribute: false, to: &out) }
        if childCount > 0 {
            out.append(UInt8(ascii: "\n"))
            for position in childStart..<(childStart + childCount) {
                write(Int(layout.children[position]), level: level + 1, prefixes: prefixes, declare: [], to: &out)
            }
            for _ in 0..<level { out += "  " }
        }
        out += "</"
        out += name
        out += ">\n"
    }

    // MARK: - Names

    private func qualifiedElementName(_ index: Int, prefixes: NamespacePrefixes) -> String {
        let name = layout.elementName(index, of: record, table: table)
        return prefixes.qualified(name.local, namespace: name.namespace, prefix: name.prefix)
    }

    private func qualifiedAttributeName(_ position: Int, owner index: Int, prefixes: NamespacePrefixes) -> String {
        let name = layout.attributeName(position, owner: index, table: table)
        return prefixes.qualified(name.local, namespace: name.namespace, prefix: name.prefix)
    }

    /// The namespaces the subtree uses, in document order of the canonical form.
    private func gather(_ index: Int, into prefixes: inout NamespacePrefixes) {
        let name = layout.elementName(index, of: record, table: table)
        if let uri = name.namespace { prefixes.note(uri, name.prefix) }
        let attributeStart = Int(layout.attributeStart[index])
        for position in attributeStart..<(attributeStart + Int(layout.attributeCount[index])) {
            let attribute = layout.attributeName(position, owner: index, table: table)
            if let uri = attribute.namespace { prefixes.note(uri, attribute.prefix) }
        }
        let childStart = Int(layout.childStart[index])
        for position in childStart..<(childStart + Int(layout.childCount[index])) {
            gather(Int(layout.children[position]), into: &prefixes)
        }
    }

    private func withBytes(_ value: CanonicalLayout.Value, _ body: (UnsafeBufferPointer<UInt8>) -> Void) {
        layout.withBytes(value, of: record, body)
    }
}
