import RenkeiModel
import RenkeiStore

/// The actors of the store, for naming partners the way people write them (`US`, `米国`,
/// `United States`) and for telling Japan's side of an event from its partners.
///
/// Actors are reference data (hundreds, not millions), read once with a cursor.
public struct ActorCatalog: Sendable {
    private var actors: [String: Actor] = [:]
    private var byName: [String: [String]] = [:]
    private let directory: ActorDirectory

    public init(store: Store) throws {
        var list: [Actor] = []
        try store.forEachRecord(in: .actors) { record in
            if case .actor(let actor) = record { list.append(actor) }
        }
        self.init(list)
    }

    public init(_ list: [Actor]) {
        directory = ActorDirectory(list)
        for actor in list {
            actors[actor.id] = actor
            for name in [actor.name.ja, actor.name.en] where !name.isEmpty {
                byName[name.lowercased(), default: []].append(actor.id)
            }
        }
    }

    public func actor(_ id: String) -> Actor? { actors[id] }

    /// The actor's name in `language`, or the id when it is unknown.
    public func name(_ id: String, in language: String) -> String {
        actors[id]?.name.text(in: language) ?? id
    }

    /// The actor a person means: an id, an alias, or a name in either language (any case).
    /// Throws a usage error naming the nearest ids when nothing matches, or the candidates when
    /// several do.
    public func resolve(_ reference: String, what: String = "partner") throws(QueryError) -> String {
        if let id = directory.resolve(reference) { return id }
        if let ids = byName[reference.lowercased()] {
            if ids.count == 1 { return ids[0] }
            throw QueryError(.usage, "'\(reference)' names several actors (\(ids.sorted().joined(separator: ", "))): give one of their ids.")
        }
        if let id = actors.keys.first(where: { $0.lowercased() == reference.lowercased() }) { return id }
        var nearest = NearestIDs(to: reference)
        for id in actors.keys.sorted() { nearest.add(id) }
        throw QueryError(.usage, "no actor is called '\(reference)': give an actor id, an alias or a name (see 'renkei search \(reference) --collection actors').\(nearest.sentence)")
    }

    /// The ids a partner reference stands for: a partner set's members (中・韓 → CN, KR), or itself.
    public func members(of id: String) -> [String] { directory.expand(id) }

    /// Whether the actor is Japan or one of Japan's own bodies (by parent, or a `jp-` id).
    public func isJapanese(_ id: String) -> Bool {
        var current: String? = id
        var steps = 0
        while let c = current, steps < 16 {
            if c == "JP" || c.hasPrefix("jp-") { return true }
            current = actors[c]?.parent
            steps += 1
        }
        return false
    }

    /// Japan and Japan's own bodies among the actors (``isJapanese(_:)``): what an event's
    /// partners leave out.
    public var japaneseSide: Set<String> { Set(actors.keys.filter(isJapanese)) }

    /// An event's partners: its participants that are not Japan's side, in the order given, once each.
    public func partners(of event: Event) -> [String] {
        var seen = Set<String>()
        return event.participants.map(\.actor).filter { !isJapanese($0) && seen.insert($0).inserted }
    }
}
