import LibXML

/// The path of an element below its record: names from the record down, `[n]` marking the
/// position among same-named siblings when there are several
/// (`iati-activity/transaction[2]/transaction-type`).
///
/// Spelled out only when a change or a gap names it: the walks of an upgrade visit every
/// element, and most are never named. The paths of one element's children share one
/// ``Siblings``, which works out their positions the first time one of them is asked for, and
/// spells each path once.
struct UpgradePath: CustomStringConvertible {
    private enum Place {
        case record(String)
        case child(Siblings, Int)
    }

    private let place: Place

    /// The path of a record: its name.
    init(record name: String) {
        place = .record(name)
    }

    private init(_ siblings: Siblings, _ index: Int) {
        place = .child(siblings, index)
    }

    /// The paths of `children` (as they are now) below this one.
    func children(_ children: [Node]) -> Siblings {
        Siblings(parent: self, children: children)
    }

    var description: String {
        switch place {
        case .record(let name): name
        case .child(let siblings, let index): siblings.path(at: index)
        }
    }

    /// `path/@name` (with the prefix for a namespaced attribute).
    static func attribute(_ attribute: Attribute, of path: UpgradePath) -> String {
        "\(path)/@" + (attribute.namespace == XMLNamespace.xml ? "xml:" + attribute.name : attribute.qualifiedName)
    }

    /// The paths of one element's children. Not `Sendable`: it belongs to one record's walk.
    final class Siblings {
        private let parent: UpgradePath
        private let children: [Node]
        /// Worked out the first time a path is spelled: the parent's path and `/`, each
        /// child's position among those of its name (0 where it is the only one), and the
        /// paths spelled so far.
        private var layout: (below: String, positions: [Int], spelled: [String?])?

        fileprivate init(parent: UpgradePath, children: [Node]) {
            self.parent = parent
            self.children = children
        }

        /// The path of the child at `index`.
        subscript(index: Int) -> UpgradePath {
            UpgradePath(self, index)
        }

        /// The path of the child at `index`, spelled once.
        fileprivate func path(at index: Int) -> String {
            if layout == nil { layout = (parent.description + "/", positions(), Array(repeating: nil, count: children.count)) }
            if let path = layout!.spelled[index] { return path }
            let name = children[index].qualifiedName
            let position = layout!.positions[index]
            let path = layout!.below + (position > 0 ? "\(name)[\(position)]" : name)
            layout!.spelled[index] = path
            return path
        }

        /// Each child's position among the children of its name, 0 where it is the only one.
        private func positions() -> [Int] {
            // Each child's group of same-named siblings, numbered in order of first
            // appearance; a name is looked up once per run of siblings that share it.
            var groupOfName: [String: Int] = [:]
            var names: [String] = []
            var sizes: [Int] = []
            var groups: [Int] = []
            groups.reserveCapacity(children.count)
            for index in children.indices {
                let name = children[index].qualifiedName
                let group: Int
                if let previous = groups.last, names[previous] == name {
                    group = previous
                } else if let known = groupOfName[name] {
                    group = known
                } else {
                    group = names.count
                    groupOfName[name] = group
                    names.append(name)
                    sizes.append(0)
                }
                groups.append(group)
                sizes[group] += 1
            }
            var seen = [Int](repeating: 0, count: names.count)
            return groups.map { group in
                seen[group] += 1
                return sizes[group] > 1 ? seen[group] : 0
            }
        }
    }
}

extension UpgradePlace {
    /// The place of the element at `path`, spelled out.
    init(path: UpgradePath, value: String? = nil) {
        self.init(path: path.description, value: value)
    }
}
