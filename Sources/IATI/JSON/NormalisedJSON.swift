public import LibXML

/// The normalised JSON form of canonical IATI elements, driven by the catalogue.
///
/// - An element is an object: its attributes (schema order), then its text under
///   ``ElementSpec/contentKey``, then its children (schema order; a list when the child may
///   repeat), then `extensions` (`attributes` and `elements` the standard does not define).
/// - An element whose spec has only text content (no attributes, no children) is its bare
///   value, unless the instance carries extensions.
/// - Codes and other strings are JSON strings; decimals and integers are JSON numbers with
///   the exact digits of the input; booleans are `true`/`false`. A value that is not valid
///   for its datatype stays a string, as written.
public enum NormalisedJSON {
    // MARK: - Encoding

    /// Appends the JSON form of a canonical element.
    public static func append(_ node: Node, spec: ElementSpec, to out: inout [UInt8]) {
        if isBare(node, spec: spec) {
            appendScalar(node.text, type: spec.content ?? .string, to: &out)
            return
        }
        out += "{"
        var first = true
        func key(_ name: String) {
            if !first { out += "," }
            first = false
            JSONText.appendString(name, to: &out)
            out += ":"
        }
        // Canonical attributes come in schema order, so they can be written as they stand.
        var extensionAttributes: [Attribute] = []
        for attribute in node.attributes {
            guard let attributeSpec = spec.attributes.first(where: { matches(attribute, $0) }) else {
                extensionAttributes.append(attribute)
                continue
            }
            key(attributeSpec.jsonKey)
            appendScalar(attribute.value, type: attributeSpec.type, to: &out)
        }
        if !node.text.isEmpty {
            key(spec.contentKey)
            appendScalar(node.text, type: spec.content ?? .string, to: &out)
        }
        // Canonical children: those of the standard in schema order, then the rest.
        var childIndex = 0
        var extensionElements: [Node] = []
        for childSpec in spec.children {
            let start = childIndex
            while childIndex < node.children.count, node.children[childIndex].namespace == nil,
                node.children[childIndex].name == childSpec.element.name
            {
                childIndex += 1
            }
            guard childIndex > start else { continue }
            key(childSpec.jsonKey)
            if childSpec.isRepeated {
                out += "["
                for index in start..<childIndex {
                    if index > start { out += "," }
                    append(node.children[index], spec: childSpec.element, to: &out)
                }
                out += "]"
            } else {
                // More than one where the standard allows one: the first here, the rest kept
                // with the extensions (canonical order puts them back beside the first).
                append(node.children[start], spec: childSpec.element, to: &out)
                extensionElements += node.children[(start + 1)..<childIndex]
            }
        }
        extensionElements += node.children[childIndex...]
        if !extensionAttributes.isEmpty || !extensionElements.isEmpty {
            key("extensions")
            appendExtensions(attributes: extensionAttributes, elements: extensionElements, to: &out)
        }
        out += "}"
    }

    private static func matches(_ attribute: Attribute, _ spec: AttributeSpec) -> Bool {
        if spec.isXMLNamespace { return attribute.namespace == XMLNamespace.xml && attribute.name == spec.localName }
        return attribute.namespace == nil && attribute.name == spec.name
    }

    private static func isBare(_ node: Node, spec: ElementSpec) -> Bool {
        spec.content != nil && spec.attributes.isEmpty && spec.children.isEmpty
            && node.attributes.isEmpty && node.children.isEmpty
    }

    static func appendScalar(_ text: String, type: DataType, to out: inout [UInt8]) {
        if type.isNumeric, !text.isEmpty, type.accepts(Substring(text)) {
            out += text
        } else if type == .boolean, text == "1" || text == "0" {
            out += text == "1" ? "true" : "false"
        } else {
            JSONText.appendString(text, to: &out)
        }
    }

    static func appendExtensions(attributes: [Attribute], elements: [Node], to out: inout [UInt8]) {
        out += "{"
        if !attributes.isEmpty {
            out += "\"attributes\":"
            appendList(attributes, to: &out, appendGeneric)
        }
        if !elements.isEmpty {
            if !attributes.isEmpty { out += "," }
            out += "\"elements\":"
            appendList(elements, to: &out, appendGeneric)
        }
        out += "}"
    }

    /// `[a,b,…]`, each item written by `each`.
    private static func appendList<Item>(_ items: [Item], to out: inout [UInt8], _ each: (Item, inout [UInt8]) -> Void) {
        out += "["
        for (index, item) in items.enumerated() {
            if index > 0 { out += "," }
            each(item, &out)
        }
        out += "]"
    }

    private static func appendName(_ name: String, namespace: String?, prefix: String?, to out: inout [UInt8]) {
        out += "\"name\":"
        JSONText.appendString(name, to: &out)
        if let namespace {
            out += ",\"namespace\":"
            JSONText.appendString(namespace, to: &out)
        }
        if let prefix, !prefix.isEmpty {
            out += ",\"prefix\":"
            JSONText.appendString(prefix, to: &out)
        }
    }

    private static func appendGeneric(_ attribute: Attribute, to out: inout [UInt8]) {
        out += "{"
        appendName(attribute.name, namespace: attribute.namespace, prefix: attribute.prefix, to: &out)
        out += ",\"value\":"
        JSONText.appendString(attribute.value, to: &out)
        out += "}"
    }

    /// An element outside the standard, as a generic tree.
    static func appendGeneric(_ node: Node, to out: inout [UInt8]) {
        out += "{"
        appendName(node.name, namespace: node.namespace, prefix: node.prefix, to: &out)
        if !node.attributes.isEmpty {
            out += ",\"attributes\":"
            appendList(node.attributes, to: &out, appendGeneric)
        }
        if !node.text.isEmpty {
            out += ",\"text\":"
            JSONText.appendString(node.text, to: &out)
        }
        if !node.children.isEmpty {
            out += ",\"children\":"
            appendList(node.children, to: &out, appendGeneric)
        }
        out += "}"
    }

    // MARK: - Decoding

    /// Where a decoding error is, for messages: the JSON path.
    public struct DecodingError: Error, Sendable, CustomStringConvertible {
        public var path: String
        public var message: String
        public var description: String { "\(path): \(message)" }
    }

    /// The element a JSON value describes, under `spec`. The result is not yet canonical
    /// (run it through ``Canonicaliser``). JSON values carry no lines of their own: each element
    /// gets the line its value starts on from `values` (the places ``JSONReader/takePlaces()``
    /// gives for `value`), else `line`, where the record starts, for what is noted of it.
    public static func node(
        from value: JSONValue, spec: ElementSpec, path: String, line: Int = 0, values: [JSONReader.ValuePlace] = []
    ) throws(DecodingError) -> Node {
        try node(from: value, spec: spec, path: path, at: ValueLines(places: values, fallback: line), 0)
    }

    /// What a key of an element's object stands for, in the order they are looked for.
    private enum KeyRole {
        case extensions
        case attribute(Int)
        case text
        case child(Int)

        /// The role of `key` in an object for `spec`; `nil` for a key the element does not have.
        init?(_ key: String, in spec: ElementSpec) {
            if key == "extensions" {
                self = .extensions
            } else if let index = spec.attributeJSONKeys.firstIndex(of: key) {
                self = .attribute(index)
            } else if key == spec.contentKey {
                self = .text
            } else if let index = spec.childJSONKeys.firstIndex(of: key) {
                self = .child(index)
            } else {
                return nil
            }
        }

        /// A number of its own among the roles of `spec`'s keys: the extensions 0, the text 1,
        /// the attributes from 2, then the children.
        func number(in spec: ElementSpec) -> Int {
            switch self {
            case .extensions: 0
            case .text: 1
            case .attribute(let index): 2 + index
            case .child(let index): 2 + spec.attributes.count + index
            }
        }
    }

    /// The keys of one object met so far, by the numbers of their roles (``KeyRole``): bits on
    /// the stack for the first 256, which every element of the standard keeps within.
    private struct KeysMet {
        private var words = InlineArray<4, UInt64>(repeating: 0)
        private var beyond: Set<Int> = []

        /// Notes `slot`; false when it was met before.
        mutating func insert(_ slot: Int) -> Bool {
            guard slot < 256 else { return beyond.insert(slot).inserted }
            let bit: UInt64 = 1 << UInt64(slot & 63)
            guard words[slot >> 6] & bit == 0 else { return false }
            words[slot >> 6] |= bit
            return true
        }
    }

    /// Where a record's values are, in the order they start, and the line for a value past
    /// them (none recorded: the record's).
    private struct ValueLines {
        let places: [JSONReader.ValuePlace]
        let fallback: Int

        /// The line of the value that starts `index`-th (0: the record itself).
        func line(_ index: Int) -> Int { index < places.count ? Int(places[index].line) : fallback }

        /// The indexes of the values held by the value at `container`, one after another.
        func members(of container: Int) -> Members { Members(places: places, next: container + 1) }

        /// The index of each value a container holds, in turn: the first right after the
        /// container, each next one after every value the one before spans.
        struct Members {
            let places: [JSONReader.ValuePlace]
            var next: Int

            mutating func take() -> Int {
                defer { next += next < places.count ? Int(places[next].span) : 1 }
                return next
            }
        }
    }

    // The JSON path of each value is made only for a message: a path built for every value
    // (two strings joined per attribute, text and element) took an eighth of JSON to XML.
    private static func node(from value: JSONValue, spec: ElementSpec, path: @autoclosure () -> String, at lines: ValueLines, _ index: Int) throws(DecodingError) -> Node {
        var node = Node(name: spec.name, line: lines.line(index))
        switch value {
        case .object(let members):
            var met = KeysMet()
            var indexes = lines.members(of: index)
            for (key, member) in members {
                let memberIndex = indexes.take()
                guard let role = KeyRole(key, in: spec) else {
                    throw DecodingError(path: path() + "." + key, message: "unknown key for <\(spec.name)>")
                }
                // A key given twice would make an element of the standard occur twice, or lose one.
                guard met.insert(role.number(in: spec)) else {
                    throw DecodingError(path: path() + "." + key, message: "the key is given twice in one object")
                }
                switch role {
                case .extensions:
                    try decodeExtensions(member, into: &node, path: path() + ".extensions", at: lines, memberIndex)
                case .attribute(let attributeIndex):
                    let attributeSpec = spec.attributes[attributeIndex]
                    let text = try scalarText(member, path: path() + "." + key)
                    node.attributes.append(attributeSpec.isXMLNamespace
                        ? Attribute(name: attributeSpec.localName, namespace: XMLNamespace.xml, prefix: "xml", value: text)
                        : Attribute(name: attributeSpec.name, value: text))
                case .text:
                    node.text = try scalarText(member, path: path() + "." + key)
                case .child(let childIndex):
                    let childSpec = spec.children[childIndex]
                    if childSpec.isRepeated {
                        guard case .array(let elements) = member else {
                            throw DecodingError(path: path() + "." + key, message: "expected a list, found \(member.kindName)")
                        }
                        var elementIndexes = lines.members(of: memberIndex)
                        for (offset, element) in elements.enumerated() {
                            node.children.append(
                                try self.node(from: element, spec: childSpec.element, path: "\(path()).\(key)[\(offset)]", at: lines, elementIndexes.take()))
                        }
                    } else {
                        node.children.append(try self.node(from: member, spec: childSpec.element, path: path() + "." + key, at: lines, memberIndex))
                    }
                }
            }
        case .string, .number, .bool:
            guard spec.content != nil else {
                throw DecodingError(path: path(), message: "expected an object for <\(spec.name)>, found \(value.kindName)")
            }
            node.text = try scalarText(value, path: path())
        case .array, .null:
            throw DecodingError(path: path(), message: "expected an object for <\(spec.name)>, found \(value.kindName)")
        }
        return node
    }

    private static func scalarText(_ value: JSONValue, path: @autoclosure () -> String) throws(DecodingError) -> String {
        switch value {
        case .string(let text): return text
        case .number(let text): return Lexical.plainNumber(json: text) ?? text
        // As written: a boolean field takes it (canonical `1`/`0`), any other type notes it.
        case .bool(let flag): return flag ? "true" : "false"
        default: throw DecodingError(path: path(), message: "expected a string, number or boolean, found \(value.kindName)")
        }
    }

    private static func decodeExtensions(_ value: JSONValue, into node: inout Node, path: @autoclosure () -> String, at lines: ValueLines, _ index: Int) throws(DecodingError) {
        guard case .object(let members) = value else {
            throw DecodingError(path: path(), message: "expected an object, found \(value.kindName)")
        }
        var indexes = lines.members(of: index)
        for (key, member) in members {
            let memberIndex = indexes.take()
            guard case .array(let items) = member else {
                throw DecodingError(path: path() + "." + key, message: "expected a list, found \(member.kindName)")
            }
            switch key {
            case "attributes":
                for (index, item) in items.enumerated() {
                    node.attributes.append(try genericAttribute(item, path: "\(path()).attributes[\(index)]"))
                }
            case "elements":
                var itemIndexes = lines.members(of: memberIndex)
                for (offset, item) in items.enumerated() {
                    node.children.append(try genericNode(item, path: "\(path()).elements[\(offset)]", at: lines, itemIndexes.take()))
                }
            default:
                throw DecodingError(path: path() + "." + key, message: "unknown key (expected attributes or elements)")
            }
        }
    }

    private static func genericName(_ members: [(key: String, value: JSONValue)], path: @autoclosure () -> String) throws(DecodingError) -> (String, String?, String?) {
        var name: String?
        var namespace: String?
        var prefix: String?
        for (key, value) in members {
            guard case .string(let text) = value else { continue }
            switch key {
            case "name": name = text
            case "namespace": namespace = text
            case "prefix": prefix = text
            default: break
            }
        }
        guard let name, !name.isEmpty else { throw DecodingError(path: path(), message: "an extension needs a \"name\"") }
        // What is written must read back as the same XML: names without colons or spaces,
        // a prefix only with its namespace, no namespace declarations posing as attributes.
        guard XMLSyntax.isNCName(name) else {
            throw DecodingError(path: path() + ".name", message: "\"\(name)\" is not an XML name (a letter or _ first, then letters, digits, ., - or _; no colon: the prefix goes in \"prefix\")")
        }
        if namespace?.isEmpty == true { throw DecodingError(path: path() + ".namespace", message: "a namespace cannot be empty: leave the key out for none") }
        if let prefix {
            guard XMLSyntax.isNCName(prefix), prefix != "xmlns", prefix != "xml" || namespace == XMLNamespace.xml else {
                throw DecodingError(path: path() + ".prefix", message: "\"\(prefix)\" is not a usable prefix (an XML name other than xmlns, and xml only for the XML namespace)")
            }
            guard let namespace, !namespace.isEmpty else {
                throw DecodingError(path: path() + ".prefix", message: "a prefix needs its \"namespace\"")
            }
        }
        if namespace == "http://www.w3.org/2000/xmlns/" || (namespace == XMLNamespace.xml && prefix != "xml") {
            throw DecodingError(path: path() + ".namespace", message: "\(namespace ?? "") is reserved: the XML namespace takes the prefix xml, the xmlns one none")
        }
        if name == "xmlns" && namespace == nil {
            throw DecodingError(path: path() + ".name", message: "xmlns declares a namespace and is not an attribute: give the extension its \"namespace\" and \"prefix\"")
        }
        return (name, namespace, prefix)
    }

    private static func genericAttribute(_ value: JSONValue, path: @autoclosure () -> String) throws(DecodingError) -> Attribute {
        guard case .object(let members) = value else { throw DecodingError(path: path(), message: "expected an object") }
        let (name, namespace, prefix) = try genericName(members, path: path())
        guard case .string(let text)? = value["value"] else { throw DecodingError(path: path(), message: "an attribute needs a string \"value\"") }
        return Attribute(name: name, namespace: namespace, prefix: prefix, value: text)
    }

    private static func genericNode(_ value: JSONValue, path: @autoclosure () -> String, at lines: ValueLines, _ index: Int) throws(DecodingError) -> Node {
        guard case .object(let members) = value else { throw DecodingError(path: path(), message: "expected an object") }
        let (name, namespace, prefix) = try genericName(members, path: path())
        var node = Node(name: name, namespace: namespace, prefix: prefix, line: lines.line(index))
        var indexes = lines.members(of: index)
        for (key, member) in members {
            let memberIndex = indexes.take()
            switch (key, member) {
            case ("name", _), ("namespace", _), ("prefix", _): break
            case ("text", .string(let text)): node.text = text
            case ("attributes", .array(let items)):
                for (index, item) in items.enumerated() {
                    node.attributes.append(try genericAttribute(item, path: "\(path()).attributes[\(index)]"))
                }
            case ("children", .array(let items)):
                var itemIndexes = lines.members(of: memberIndex)
                for (offset, item) in items.enumerated() {
                    node.children.append(try genericNode(item, path: "\(path()).children[\(offset)]", at: lines, itemIndexes.take()))
                }
            default:
                throw DecodingError(path: path() + "." + key, message: "unexpected key or value in an extension element")
            }
        }
        return node
    }
}
