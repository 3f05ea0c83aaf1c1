/// Who Japan cooperated with at an event: the one definition of a "partner" that `renkei stats`
/// and the report's partner network share.
///
/// A partner is a state, economy, organisation or forum that takes part in an event together
/// with Japan, in any role but `target` (the accused of an attribution is not a partner).
/// Japan's own bodies (`JP`, `jp-…` and what belongs to them) are Japan; a body that belongs to
/// a state counts as that state; a partner set (中・韓) stands for each of its members. Threat
/// groups, companies, universities and agencies without a state are not partners.
///
/// Actors are given first (`add`), then events are asked about (`partners(of:)`).
public struct CooperationPartners: Sendable {
    /// The actor kinds a partner may be.
    public static let kinds: Set<String> = ["state", "economy", "organization", "forum"]
    /// Participant roles that never make a partner.
    public static let excludedRoles: Set<String> = ["target"]

    private struct Node: Sendable {
        var kind: String
        var parent: String?
        var members: [String]
    }

    private var nodes: [String: Node] = [:]

    public init() {}

    /// Records what the definition needs of an actor.
    public mutating func add(id: String, kind: String, parent: String?, members: [String]) {
        nodes[id] = Node(kind: kind, parent: parent, members: members)
    }

    /// Records what the definition needs of an actor.
    public mutating func add(_ actor: Actor) {
        add(id: actor.id, kind: actor.kind, parent: actor.parent, members: actor.members)
    }

    /// Whether the actor is Japan or belongs to it.
    public func isJapan(_ id: String) -> Bool {
        var current: String? = id
        var steps = 0
        while let c = current, steps < 32 {
            if c == "JP" || c.hasPrefix("jp-") { return true }
            current = nodes[c]?.parent
            steps += 1
        }
        return false
    }

    /// The state an actor belongs to (itself, or the first ancestor that is a state); the
    /// actor itself when it belongs to none.
    public func rollUp(_ id: String) -> String {
        var current: String? = id
        var steps = 0
        while let c = current, steps < 32 {
            if nodes[c]?.kind == "state" { return c }
            current = nodes[c]?.parent
            steps += 1
        }
        return id
    }

    /// The partners of an event, sorted, and whether Japan takes part. An event without Japan
    /// has no partners of Japan's.
    public func partners(of participants: [Participant]) -> (japan: Bool, partners: [String]) {
        var japan = false
        var found = Set<String>()
        for p in participants where !Self.excludedRoles.contains(p.role) {
            let expanded = nodes[p.actor]?.kind == "partner-set" ? nodes[p.actor]!.members : [p.actor]
            for a in expanded {
                let r = rollUp(a)
                if isJapan(a) || isJapan(r) {
                    japan = true
                } else if let kind = nodes[r]?.kind, Self.kinds.contains(kind) {
                    found.insert(r)
                }
            }
        }
        return (japan, japan ? found.sorted() : [])
    }
}
