import Foundation
import RenkeiModel
import RenkeiStore

/// One record with everything linked to it in both directions, for `renkei show`: what the record
/// names (participants, series, sources) and what names it (events of an actor, attributions,
/// memberships), plus what is computed (an attendee's post at the meeting, an indicator's values,
/// the events a claim counts).
public struct RecordShow {
    /// A linked record, and how it is linked.
    public struct Link: Sendable, Hashable {
        public var collection: Collection
        public var id: String
        public var label: LocalizedText?
        /// A role, an ordinal, a locator or a value — what the link carries.
        public var detail: String?
        /// The posts a person held on the day of the meeting: the role and its organisation.
        public var posts: [LocalizedText] = []
    }

    /// Links of one kind (`participants`, `events`, `attendees`), in order.
    public struct Section: Sendable, Hashable {
        public var name: String
        public var links: [Link]
        /// Counts that summarise the section (events by kind, by year), when it has any.
        public var counts: [String: [String: Int]] = [:]
        /// How many links were left out of `links` (a long list is cut to ``RecordShow/listLimit``).
        public var omitted = 0
    }

    /// How many links one section lists before it only counts the rest.
    public static let listLimit = 50

    public let collection: Collection
    public let id: String
    public let label: LocalizedText
    public let record: JSONValue
    public private(set) var sections: [Section] = []

    /// Reads the record and its links; an unknown id is a usage error with the nearest ids.
    public init(id: String, store: Store) throws {
        guard let collection = try store.collection(of: id), let record = try store.record(id, in: collection) else {
            var nearest = NearestIDs(to: id)
            try store.forEachID { _, known in nearest.add(known) }
            throw QueryError(.usage, "no record has the id '\(id)'.\(nearest.sentence) (Try 'renkei search' to find an id by its text.)")
        }
        self.collection = collection
        self.id = id
        self.label = record.label
        func encode<T: Encodable>(_ value: T) throws -> String { try CanonicalJSON.compact(value) }
        self.record = try JSONValue.parse(try encode(record.base))

        func link(_ collection: Collection, _ id: String, _ detail: String? = nil) -> Link {
            let label = (try? store.record(id, in: collection)).flatMap { $0 }.map(\.label)
            return Link(collection: collection, id: id, label: label, detail: detail)
        }
        func add(_ name: String, _ links: [Link]) {
            guard !links.isEmpty else { return }
            sections.append(Section(name: name, links: links))
        }

        // What the record names.
        let citations = record.base.citations.map { link(.sources, $0.source, $0.locator) }
        switch record {
        case .event(let e):
            add("participants", e.participants.map { link(.actors, $0.actor, $0.role) })
            if let series = e.series { add("series", [link(.series, series, e.ordinal.map { "no. \($0)" })]) }
            add("themes", e.themes.map { link(.themes, $0) })
            add("attendees", try Self.attendees(of: e, store: store, link: link))
        case .actor(let a):
            if let parent = a.parent { add("parent", [link(.actors, parent)]) }
            add("members", a.members.map { link(.actors, $0) })
        case .membership(let m):
            add("person", [link(.persons, m.person)])
            add("organization", [link(.actors, m.organization, [m.start?.description, m.end?.description].map { $0 ?? "…" }.joined(separator: " – "))])
        case .attribution(let a):
            add("event", [link(.events, a.event)])
            add("issuer", [link(.actors, a.issuer)])
            add("attributed to", a.attributedTo.map { link(.actors, $0) })
            add("co-signers", a.coSigners.map { link(.actors, $0) })
        case .proposal(let p):
            add("framework", [link(.actors, p.framework)])
            add("proposers", p.proposers.map { link(.actors, $0) })
        case .budget(let b):
            add("owner", [link(.actors, b.owner)])
            // The logic model: activities lead to outputs (measured by indicators), outputs to outcomes.
            add("activities", b.activities.map { Link(collection: .budgets, id: $0.id, label: $0.text, detail: nil) })
            add("outputs", b.outputs.map {
                Link(collection: .budgets, id: $0.id, label: $0.text, detail: $0.indicators.isEmpty ? nil : "indicators: " + $0.indicators.joined(separator: ", "))
            })
            add("outcomes", b.outcomes.map { Link(collection: .budgets, id: $0.id, label: $0.text, detail: $0.term) })
        case .indicator(let i):
            if let budget = i.budget { add("budget", [link(.budgets, budget, i.output)]) }
            add("values", [Link(collection: .indicators, id: i.id, label: nil, detail: Self.values(of: i))])
        case .claim(let c):
            add("expected and actual", [Link(
                collection: .claims, id: c.id, label: nil,
                detail: "expected \(c.expected), actual \(c.actual.map(\.description) ?? "—"), \(c.verdict?.rawValue ?? "not checked")"
                    + (c.unverifiable.map { ": \($0.en)" } ?? c.discrepancy.map { ": \($0.en)" } ?? ""))])
            var counted: [Link] = []
            var omitted = 0
            if let query = c.query, query.count != .members {
                try store.forEachEvent { event in
                    guard !event.isRetired, query.placement(of: event) == .inside else { return }
                    if counted.count < Self.listLimit { counted.append(link(.events, event.id, event.date.description)) } else { omitted += 1 }
                }
            }
            if !counted.isEmpty { sections.append(Section(name: "records counted", links: counted, omitted: omitted)) }
        case .assessment(let a):
            add("assessor", [link(.actors, a.assessor)])
            add("subject", [link(.actors, a.subject, "rank \(a.rank)" + (a.year.map { " (\($0))" } ?? " (no year given)"))])
        case .series(let s):
            add("partners", s.partners.map { link(.actors, $0) })
        case .theme(let t):
            if let parent = t.parent { add("parent", [link(.themes, parent)]) }
        case .source(let s):
            add("issuers", s.issuers.map { link(.actors, $0) })
        case .person: break
        }
        add("sources", citations)

        // What names the record, grouped by relation; an actor's events are also counted by kind and year.
        var incoming: [String: Section] = [:]
        var order: [String] = []
        var eventsByKind: [String: Int] = [:], eventsByYear: [String: Int] = [:]
        try store.forEachLink(to: id) { stored in
            let name = Self.sectionName(stored, of: collection)
            if incoming[name] == nil {
                incoming[name] = Section(name: name, links: [])
                order.append(name)
            }
            if incoming[name]!.links.count < Self.listLimit {
                var l = link(stored.collection, stored.id, stored.detail)
                if stored.collection == .events, case .event(let e)? = try store.record(stored.id, in: .events) {
                    l.detail = [e.date.description, stored.detail].compactMap { $0 }.joined(separator: ", ")
                }
                if stored.collection == .indicators, case .indicator(let i)? = try store.record(stored.id, in: .indicators) {
                    l.detail = Self.values(of: i)
                }
                incoming[name]!.links.append(l)
            } else {
                incoming[name]!.omitted += 1
            }
            if collection == .actors, stored.collection == .events, stored.relation == "participant",
                case .event(let e)? = try store.record(stored.id, in: .events)
            {
                eventsByKind[e.kind, default: 0] += 1
                eventsByYear[e.date.calendarYear.map(String.init) ?? e.date.description, default: 0] += 1
            }
        }
        for name in order {
            var section = incoming[name]!
            if name == "events" && collection == .actors { section.counts = ["by kind": eventsByKind, "by year": eventsByYear] }
            sections.append(section)
        }
    }

    /// An indicator's computed values per period, with what could not be placed.
    static func values(of indicator: Indicator) -> String {
        var text = indicator.values.map { "\($0.period): \($0.value)" + ($0.undetermined > 0 ? " + \($0.undetermined) undetermined" : "") }
            .joined(separator: ", ")
        if indicator.undetermined > 0 {
            text += (text.isEmpty ? "" : "; ") + "\(indicator.undetermined) in no single \(indicator.periodKind == .year ? "year" : "fiscal year")"
        }
        return text.isEmpty ? "no values" : text
    }

    static func sectionName(_ link: StoredLink, of collection: Collection) -> String {
        switch (link.collection, link.relation) {
        case (.events, "participant"): "events"
        case (.events, "person"): "events attended"
        case (.events, "series"): "events in the series"
        case (.events, "cites"): "events citing it"
        case (.events, let r): "events (\(r))"
        case (.attributions, "attributed-to"): "attributions naming it"
        case (.actors, "parent"): "sub-organisations"
        case (.actors, "member"): "member of"
        case (.memberships, "person"): "posts held"
        case (.memberships, "organization"): "posts in it"
        case (let c, "cites"): "\(c.rawValue) citing it"
        case (let c, let r): "\(c.rawValue) (\(r))"
        }
    }

    /// The persons at a meeting with the posts they held on its date: memberships whose time
    /// covers the event (an open end counts as still held).
    static func attendees(of event: Event, store: Store, link: (Collection, String, String?) -> Link) throws -> [Link] {
        try event.persons.map { attendance in
            var posts: [LocalizedText] = []
            try store.forEachLink(to: attendance.person) { stored in
                guard stored.collection == .memberships, stored.relation == "person",
                    case .membership(let m)? = try store.record(stored.id, in: .memberships)
                else { return }
                if let start = m.start, let last = event.date.latest, start.firstDay > last { return }
                if let end = m.end, let first = event.date.earliest, end.lastDay < first { return }
                let organization = (try store.record(m.organization, in: .actors)).map(\.label)
                posts.append(LocalizedText(
                    ja: "\(m.role.ja)（\(organization?.ja ?? m.organization)）", en: "\(m.role.en), \(organization?.en ?? m.organization)"))
            }
            var l = link(.persons, attendance.person, attendance.role)
            l.posts = posts
            return l
        }
    }

    /// The whole view as one JSON document.
    public var json: JSONValue {
        .object([
            "collection": .string(collection.rawValue),
            "id": .string(id),
            "label": .object(["ja": .string(label.ja), "en": .string(label.en)]),
            "record": record,
            "links": .array(sections.map { section in
                var fields: [String: JSONValue] = [
                    "name": .string(section.name),
                    "records": .array(section.links.map { l in
                        var o: [String: JSONValue] = ["collection": .string(l.collection.rawValue), "id": .string(l.id)]
                        if let label = l.label { o["label"] = .object(["ja": .string(label.ja), "en": .string(label.en)]) }
                        if let detail = l.detail { o["detail"] = .string(detail) }
                        if !l.posts.isEmpty { o["posts"] = .array(l.posts.map { .object(["ja": .string($0.ja), "en": .string($0.en)]) }) }
                        return .object(o)
                    }),
                ]
                if section.omitted > 0 { fields["omitted"] = .int(section.omitted) }
                if !section.counts.isEmpty {
                    fields["counts"] = .object(section.counts.mapValues { .object($0.mapValues { .int($0) }) })
                }
                return .object(fields)
            }),
        ])
    }

    /// The view for a person to read: the record's label in both languages, then each section.
    public func text(language: String) -> String {
        var out = "\(id)  (\(collection.entityType))\n  ja: \(label.ja)\n  en: \(label.en)\n"
        for key in ["kind", "date", "precision", "fiscal_year", "amount", "basis", "framework", "year", "rank", "status"] {
            if let value = record[key], value != .null { out += "  \(key): \(value.displayText)\n" }
        }
        for text in ["summary", "reason"] {
            if let value = record[text]?[language]?.stringValue { out += "  \(text): \(value)\n" }
        }
        for section in sections {
            out += "\n\(section.name):\n"
            for (name, counts) in section.counts.sorted(by: { $0.key < $1.key }) {
                out += "  \(name): " + counts.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ") + "\n"
            }
            for l in section.links {
                let label = l.label?.text(in: language)
                let parts = [l.id == id ? nil : l.id, label, l.detail].compactMap { $0 }.filter { !$0.isEmpty }
                out += "  " + parts.joined(separator: "  ")
                out += l.posts.isEmpty ? "\n" : " — " + l.posts.map { $0.text(in: language) }.joined(separator: language == "ja" ? "、" : "; ") + "\n"
            }
            if section.omitted > 0 { out += "  … and \(section.omitted) more\n" }
        }
        return out
    }
}
