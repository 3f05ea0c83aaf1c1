/// Finds actors by id or alias (米, 米国, US and USA all name the United States), and expands
/// partner sets (中・韓) into their members.
public struct ActorDirectory: Sendable {
    private var byID: [String: Actor] = [:]
    private var byAlias: [String: [String]] = [:]

    public init(_ actors: [Actor]) {
        for actor in actors {
            byID[actor.id] = actor
        }
        for actor in actors {
            for alias in Set(actor.aliases) where alias != actor.id {
                byAlias[alias, default: []].append(actor.id)
            }
        }
        for key in byAlias.keys { byAlias[key]!.sort() }
    }

    public func actor(_ id: String) -> Actor? { byID[id] }

    /// The actor id a reference names: itself when it is an id, the one actor an alias names,
    /// or nil when it is unknown or the alias names several actors.
    public func resolve(_ reference: String) -> String? {
        if byID[reference] != nil { return reference }
        if let ids = byAlias[reference], ids.count == 1 { return ids[0] }
        return nil
    }

    /// Aliases that name more than one actor (or clash with another actor's id), with the actors.
    public var ambiguousAliases: [(alias: String, actors: [String])] {
        byAlias.compactMap { alias, ids -> (String, [String])? in
            if let owner = byID[alias] { return (alias, ([owner.id] + ids).sorted()) }
            return ids.count > 1 ? (alias, ids) : nil
        }.sorted { $0.0 < $1.0 }
    }

    /// The actors a participant reference stands for: a partner set's members, or itself.
    public func expand(_ id: String) -> [String] {
        guard let actor = byID[id], actor.kind == "partner-set", !actor.members.isEmpty else { return [id] }
        return actor.members.map { resolve($0) ?? $0 }
    }
}

extension ActorDirectory {
    /// `record` with aliases replaced by actor ids wherever it references an actor, and partner
    /// sets expanded among an event's participants. References that resolve to nothing are left
    /// for validation.
    public func resolvingReferences(in record: AnyRecord) -> AnyRecord {
        func r(_ s: String) -> String { resolve(s) ?? s }
        func rs(_ list: [String]) -> [String] { list.map(r) }
        func rq(_ q: Query) -> Query {
            var q = q
            q.with = rs(q.with)
            q.withAny = rs(q.withAny)
            q.exclude = rs(q.exclude)
            q.of = q.of.map(r)
            return q
        }
        switch record {
        case .source(var s):
            s.issuers = rs(s.issuers)
            return .source(s)
        case .actor(var a):
            a.parent = a.parent.map(r)
            a.members = rs(a.members)
            return .actor(a)
        case .membership(var m):
            m.organization = r(m.organization)
            return .membership(m)
        case .series(var s):
            s.partners = rs(s.partners)
            return .series(s)
        case .event(var e):
            var seen = Set<String>()
            var expanded: [Participant] = []
            var fields = e.meta.fields
            for (original, p) in e.participants.enumerated() {
                for id in expand(r(p.actor)) where seen.insert("\(id)|\(p.role)").inserted {
                    // Keep each participant's location pointing at what was written in the file.
                    for suffix in ["", ".actor", ".role"] {
                        fields["participants[\(expanded.count)]\(suffix)"] = e.meta.fields["participants[\(original)]\(suffix)"]
                    }
                    expanded.append(Participant(actor: id, role: p.role))
                }
            }
            e.meta.fields = fields
            e.participants = expanded
            if let country = e.location?.country { e.location?.country = r(country) }
            return .event(e)
        case .attribution(var a):
            a.attributedTo = rs(a.attributedTo)
            a.issuer = r(a.issuer)
            a.coSigners = rs(a.coSigners)
            return .attribution(a)
        case .proposal(var p):
            p.proposers = rs(p.proposers)
            p.framework = r(p.framework)
            return .proposal(p)
        case .budget(var b):
            b.owner = r(b.owner)
            return .budget(b)
        case .indicator(var i):
            i.query = rq(i.query)
            return .indicator(i)
        case .claim(var c):
            c.query = c.query.map(rq)
            return .claim(c)
        case .assessment(var a):
            a.assessor = r(a.assessor)
            a.subject = r(a.subject)
            return .assessment(a)
        case .person, .theme:
            return record
        }
    }
}

extension Dataset {
    /// Replaces aliases by actor ids wherever an actor is referenced, and expands partner sets
    /// among event participants, through ``ActorDirectory/resolvingReferences(in:)``.
    public mutating func resolveActorReferences() {
        let directory = ActorDirectory(actors)
        var resolved = Dataset(info: info)
        for record in allRecordsInLoadOrder { resolved.append(directory.resolvingReferences(in: record)) }
        sources = resolved.sources
        actors = resolved.actors
        persons = resolved.persons
        memberships = resolved.memberships
        themes = resolved.themes
        series = resolved.series
        events = resolved.events
        attributions = resolved.attributions
        proposals = resolved.proposals
        budgets = resolved.budgets
        indicators = resolved.indicators
        claims = resolved.claims
        assessments = resolved.assessments
    }
}
