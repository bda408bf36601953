internal import CLibXML2

/// What ``XMLReader`` records of where its nodes start, one ``NodePositions`` table per child
/// of the root (the record a finding will name) and one for the root itself, filled from the
/// SAX callbacks as libxml2 builds the tree.
///
/// Elements get the position of their `<`, attributes of their name, text and CDATA nodes of
/// their first character: after a start or end tag that is where the parser stood; after
/// anything else (a comment, an entity reference) it is counted back from libxml2's position
/// when the text came straight from its buffer, else left unknown.
final class ReaderPositions {
    // Reached from every SAX callback on the parser's thread: no run-time exclusivity checks
    // (no access overlaps another: each method reads or writes them in one go).

    /// Tables by the element they belong to: the root, and each child of the root not yet
    /// handed out or freed.
    @exclusivity(unchecked) private var tables: [UnsafeMutableRawPointer: NodePositions] = [:]
    @exclusivity(unchecked) private var root: NodePositions?
    /// The table nodes now go to.
    @exclusivity(unchecked) private var current: NodePositions?
    /// Where a text starting now would start: known right after a start or end tag.
    @exclusivity(unchecked) private var textStart = SourcePosition.unknown

    /// A start tag was read and its element made (`node`, at `depth`, 0 for the root);
    /// `attributes` are the callback's (5 pointers each: local name, prefix, URI, value, end).
    func startElement(
        _ node: xmlNodePtr, depth: Int, parser: xmlParserCtxtPtr, attributes: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?, count: Int
    ) {
        if depth <= 1 {
            let table = NodePositions()
            tables[UnsafeMutableRawPointer(node)] = table
            if depth == 0 { root = table }
            current = table
        }
        textStart = InputPositions.afterStartTag(parser)
        guard let table = current, let tag = InputPositions.startTag(parser) else { return }
        table.record(UnsafeRawPointer(node), tag.position)
        // Each attribute from where libxml2 says its value is (libxml2 makes them in the order of
        // its list); reading the tag only when that cannot tell.
        var attribute = node.pointee.properties
        for index in 0..<count {
            guard let made = attribute, let attributes else { return }
            guard let place = InputPositions.attribute(prefix: attributes[5 * index + 1], local: attributes[5 * index], value: attributes[5 * index + 3], in: tag)
            else {
                record(attributesOf: node, tag: tag, in: table)
                return
            }
            table.record(UnsafeRawPointer(made), place)
            attribute = made.pointee.next
        }
    }

    /// Records the attributes of `node` as `tag` writes them.
    private func record(attributesOf node: xmlNodePtr, tag: InputPositions.StartTag, in table: NodePositions) {
        var attribute = node.pointee.properties
        InputPositions.attributes(of: tag) { written, position in
            guard let next = attribute else { return }
            if InputPositions.spells(written, prefix: next.pointee.ns?.pointee.prefix, local: next.pointee.name) {
                table.record(UnsafeRawPointer(next), position)
                attribute = next.pointee.next
            } else {
                // Not the attribute libxml2 made next: give up on the others rather than mismatch.
                attribute = nil
            }
        }
    }

    /// An end tag was read; `depth` is the depth of the element it ends.
    func endElement(depth: Int, parser: xmlParserCtxtPtr) {
        if depth == 1 { current = root }
        textStart = InputPositions.current(parser)
    }

    /// Characters were added under `parent`; `before` was its last child until then. A text
    /// node made for them starts where the text starts.
    func text(_ parser: xmlParserCtxtPtr, _ characters: UnsafePointer<UInt8>?, count: Int, parent: xmlNodePtr?, before: xmlNodePtr?) {
        defer { textStart = .unknown }
        guard let table = current, let made = parent?.pointee.last, made != before,
            made.pointee.type == XML_TEXT_NODE || made.pointee.type == XML_CDATA_SECTION_NODE
        else { return }
        var position = textStart
        if !position.isKnown || position.column == 0, let characters {
            position = InputPositions.text(parser, characters, count: count)
        }
        table.record(UnsafeRawPointer(made), position)
    }

    /// Markup that is not a tag (a comment, a processing instruction, an entity reference) or
    /// white space the parser dropped: a text after it starts elsewhere.
    func otherContent() {
        textStart = .unknown
    }

    /// The table of `node`'s record (or of the root), found through its ancestors.
    func table(for node: xmlNodePtr) -> NodePositions? {
        var element = node
        while true {
            if let table = tables[UnsafeMutableRawPointer(element)] { return table }
            guard let parent = element.pointee.parent, parent.pointee.type == XML_ELEMENT_NODE else { return nil }
            element = parent
        }
    }

    /// Hands out the table of a child of the root that leaves the reader's tree.
    func take(_ node: xmlNodePtr) -> NodePositions? {
        tables.removeValue(forKey: UnsafeMutableRawPointer(node))
    }

    /// A child of the root is freed: its table goes too.
    func forget(_ node: xmlNodePtr) {
        if node.pointee.type == XML_ELEMENT_NODE { tables[UnsafeMutableRawPointer(node)] = nil }
    }
}
