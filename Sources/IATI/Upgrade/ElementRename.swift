/// An element 2.03 knows under another name.
public struct ElementRename: Sendable, Hashable {
    /// The parent's name (`crs-add`).
    public let parent: String
    /// The 1.0x name (`aidtype-flag`).
    public let from: String
    /// The 2.03 name (`other-flags`).
    public let to: String
    /// Where the rename comes from.
    public let note: String

    /// Every rename, in the order the documentation lists them.
    public static let all: [ElementRename] = [
        ElementRename(parent: "crs-add", from: "aidtype-flag", to: "other-flags", note: "renamed in 2.01 (codelist AidTypeFlag → CRSAddOtherFlags, same codes)"),
        ElementRename(parent: "iati-organisation", from: "iati-identifier", to: "organisation-identifier", note: "renamed in 2.01"),
        ElementRename(parent: "iati-activity", from: "flow-type", to: "default-flow-type", note: "1.0 drafts; renamed in 1.01"),
        ElementRename(parent: "iati-activity", from: "finance-type", to: "default-finance-type", note: "1.0 drafts; renamed in 1.01"),
        ElementRename(parent: "iati-activity", from: "aid-type", to: "default-aid-type", note: "1.0 drafts; renamed in 1.01"),
        ElementRename(parent: "iati-activity", from: "tied-status", to: "default-tied-status", note: "1.0 drafts; renamed in 1.01"),
    ]

    /// The rename of a child of `parent`, if any.
    static func of(_ child: String, in parent: String) -> ElementRename? {
        all.first { $0.parent == parent && $0.from == child }
    }
}
