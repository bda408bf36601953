/// Follows an element's children through its `xsd:sequence`, one child at a time, the way an
/// XSD validator does: each child must fill the current particle or a later one, and every
/// required particle passed over is missing.
///
/// On a child that fits nowhere the matcher stays where it was (and reports it), so one
/// misplaced element yields one finding, not a cascade.
struct SequenceMatcher {
    /// What a child turned out to be.
    enum Outcome {
        /// It fills a slot of the sequence; `ordinal` counts it within that slot (1-based).
        case element(ElementModel, ordinal: Int, repeats: Bool)
        /// An element of another namespace where the schema allows them.
        case extensionElement
        /// Not allowed here; the finding's message.
        case unexpected(String)
    }

    private let parent: ElementModel
    private var position = 0
    private var count = 0

    init(_ parent: ElementModel) {
        self.parent = parent
    }

    /// Matches the next child (`namespace` `nil` for IATI elements). Required particles passed
    /// over are reported through `missing`, each as a message.
    mutating func accept(name: String, namespace: String?, qualifiedName: String, missing: (String) -> Void) -> Outcome {
        let particles = parent.particles
        var index = position
        var seen = count
        var skipped: [Particle] = []
        while index < particles.count {
            let particle = particles[index]
            let fits = namespace == nil ? particle.element?.name == name : particle.isWildcard
            if fits {
                if particle.max.map({ seen < $0 }) ?? true {
                    for required in skipped {
                        missing("missing required element \(required.displayName) in <\(parent.name)> before <\(qualifiedName)>")
                    }
                    position = index
                    count = seen + 1
                    if let element = particle.element {
                        return .element(element, ordinal: count, repeats: particle.repeats)
                    }
                    return .extensionElement
                }
                let limit = particle.max ?? 0
                return .unexpected("unexpected element <\(qualifiedName)> in <\(parent.name)>: at most \(limit == 1 ? "one" : String(limit)) allowed")
            }
            if seen < particle.min { skipped.append(particle) }
            index += 1
            seen = 0
        }
        return .unexpected(unexpectedMessage(name: name, namespace: namespace, qualifiedName: qualifiedName))
    }

    /// Reports the required particles not filled when the parent closes.
    func finish(missing: (String) -> Void) {
        let particles = parent.particles
        var index = position
        var seen = count
        while index < particles.count {
            if seen < particles[index].min {
                missing("missing required element \(particles[index].displayName) in <\(parent.name)>")
            }
            index += 1
            seen = 0
        }
    }

    /// What could come next, for messages: `<a>, <b> or <c>`.
    var expected: String {
        let particles = parent.particles
        var names: [String] = []
        var index = position
        var seen = count
        var closable = true
        while index < particles.count {
            let particle = particles[index]
            if particle.max.map({ seen < $0 }) ?? true { names.append(particle.displayName) }
            if seen < particle.min {
                closable = false
                break
            }
            index += 1
            seen = 0
        }
        if closable { names.append("the end of <\(parent.name)>") }
        if names.count > 6 { names = Array(names.prefix(5)) + ["…"] }
        guard names.count > 1, let last = names.last else { return names.first ?? "nothing more" }
        return names.dropLast().joined(separator: ", ") + " or " + last
    }

    private func unexpectedMessage(name: String, namespace: String?, qualifiedName: String) -> String {
        let head = "unexpected element <\(qualifiedName)> in <\(parent.name)>"
        if namespace != nil {
            if let wildcard = parent.particles.firstIndex(where: \.isWildcard) {
                let next = wildcard + 1 < parent.particles.count ? parent.particles[wildcard + 1].displayName : "the end"
                return "\(head): extension elements must come before \(next); expected \(expected)"
            }
            return "\(head): <\(parent.name)> takes no extension elements; expected \(expected)"
        }
        guard let earlier = parent.particleIndex[name] else {
            return "\(head): the standard defines no such element here; expected \(expected)"
        }
        if earlier < position, let current = parent.particles[position].element {
            return "\(head): <\(name)> must come before <\(current.name)>; expected \(expected)"
        }
        return "\(head); expected \(expected)"
    }
}
