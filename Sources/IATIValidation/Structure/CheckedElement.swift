import LibXML

/// What ``ElementChecker`` reads of an element: a copied ``Node``, or an ``XMLElementView``
/// of a record the reader detached, read in place without a copy.
protocol CheckedElement {
    associatedtype Children: Sequence where Children.Element == Self
    /// Local name, without prefix.
    var name: String { get }
    /// Namespace URI, `nil` for no namespace.
    var namespace: String? { get }
    /// `prefix:name` as the input spelled it.
    var qualifiedName: String { get }
    /// Line of the start tag.
    var line: Int { get }
    /// Where the start tag's `<` is (the line alone when the column is unknown).
    var position: SourcePosition { get }
    /// Where the element's text starts (the element's position when unknown).
    var textPosition: SourcePosition { get }
    /// The attributes (the checker reads them once per element).
    var attributes: [Attribute] { get }
    /// Where the attribute at `index` of ``attributes`` starts (the element's position when
    /// unknown); asked only for a finding, as the other positions are.
    func position(ofAttributeAt index: Int) -> SourcePosition
    /// The element's own character data.
    var text: String { get }
    /// Whether ``text`` holds anything but XML white space; asked for every element that holds
    /// elements, so it need not copy the text out.
    var hasNonSpaceText: Bool { get }
    /// The element children, in document order.
    var children: Children { get }
}

extension Node: CheckedElement {
    /// A node keeps no position for its text: its element's.
    var textPosition: SourcePosition { position }

    var hasNonSpaceText: Bool { XMLSpace.hasContent(text) }

    func position(ofAttributeAt index: Int) -> SourcePosition {
        attributes[index].position(orElement: position)
    }
}

extension Attribute {
    /// Where the attribute's name starts, else (unknown) `element`'s position.
    func position(orElement element: SourcePosition) -> SourcePosition {
        position.isKnown ? position : element
    }
}
extension XMLElementView: CheckedElement {}
