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

extension Dataset {
    /// Replaces aliases by actor ids wherever an actor is referenced, and expands partner sets
    /// among event participants. References that resolve to nothing are left for validation.
    public mutating func resolveActorReferences() {
        let directory = ActorDirectory(actors)
        func r(_ s: String) -> String { directory.resolve(s) ?? s }
        func rs(_ list: [String]) -> [String] { list.map(r) }
        func rq(_ q: Query) -> Query {
            var q = q
            q.with = rs(q.with)
            q.withAny = rs(q.withAny)
            q.exclude = rs(q.exclude)
            q.of = q.of.map(r)
            return q
        }
        for i in sources.indices { sources[i].issuers = rs(sources[i].issuers) }
        for i in actors.indices {
            actors[i].parent = actors[i].parent.map(r)
            actors[i].members = rs(actors[i].members)
        }
        for i in memberships.indices { memberships[i].organization = r(memberships[i].organization) }
        for i in series.indices { series[i].partners = rs(series[i].partners) }
        for i in events.indices {
            var seen = Set<String>()
            var expanded: [Participant] = []
            var fields = events[i].meta.fields
            for (original, p) in events[i].participants.enumerated() {
                for id in directory.expand(r(p.actor)) where seen.insert("\(id)|\(p.role)").inserted {
                    // Keep each participant's location pointing at what was written in the file.
                    for suffix in ["", ".actor", ".role"] {
                        fields["participants[\(expanded.count)]\(suffix)"] =
                            events[i].meta.fields["participants[\(original)]\(suffix)"]
                    }
                    expanded.append(Participant(actor: id, role: p.role))
                }
            }
            events[i].meta.fields = fields
            events[i].participants = expanded
            if let country = events[i].location?.country { events[i].location?.country = r(country) }
        }
        for i in attributions.indices {
            attributions[i].attributedTo = rs(attributions[i].attributedTo)
            attributions[i].issuer = r(attributions[i].issuer)
            attributions[i].coSigners = rs(attributions[i].coSigners)
        }
        for i in proposals.indices {
            proposals[i].proposers = rs(proposals[i].proposers)
            proposals[i].framework = r(proposals[i].framework)
        }
        for i in budgets.indices { budgets[i].owner = r(budgets[i].owner) }
        for i in indicators.indices { indicators[i].query = rq(indicators[i].query) }
        for i in claims.indices { claims[i].query = claims[i].query.map(rq) }
        for i in assessments.indices {
            assessments[i].assessor = r(assessments[i].assessor)
            assessments[i].subject = r(assessments[i].subject)
        }
    }
}
