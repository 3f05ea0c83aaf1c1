import RenkeiExport
import RenkeiModel

/// Writes the people, organisations, posts and attended meetings as one Popolo JSON document
/// (`popolo/renkei-popolo.json`), for tools that read who held which post and who met when.
///
/// Names are Japanese, the language of the sources; the English name is an `other_names`
/// entry with `lang: "en"` and `note: "multilingual"`, and a post's English label is in
/// `other_label`.
public final class PopoloExporter: Exporter {
    public static let description = ExporterDescription(
        id: "popolo", name: "Popolo JSON", files: ["popolo/renkei-popolo.json"], mediaType: "application/json",
        summary: "People, their posts and organisations, and the meetings they attended, as Popolo JSON for civic-tech tools.",
        version: "1.0.0")

    /// Whether actors of a kind are written as Popolo organizations: every kind but threat
    /// groups (not bodies anyone holds a post in) and partner sets (which stand for their members).
    public static func isOrganization(kind: String) -> Bool { kind != "threat-group" && kind != "partner-set" }

    /// Whether an event is written: a meeting with people recorded as present.
    public static func isWritten(_ event: Event) -> Bool { !event.persons.isEmpty }

    /// The top-level arrays, in the order they are written (the order records arrive in).
    private static let sections = ["organizations", "persons", "memberships", "events", "posts"]

    private var file: OutputFile?
    private var lookup: (any RecordLookup)?
    private var current = -1
    private var firstInSection = true
    /// Posts by id, and the id of each (organization, Japanese role, English role).
    private var posts: [String: PopoloPost] = [:]
    private var postIDs: [String: String] = [:]

    public init() {}

    public func begin(_ context: ExportContext) throws {
        let file = try context.output.create("popolo/renkei-popolo.json")
        self.file = file
        lookup = context.lookup
        try file.write("{")
    }

    public func write(_ record: AnyRecord) throws {
        switch record {
        case .actor(let actor) where Self.isOrganization(kind: actor.kind):
            try item(organization(actor), in: "organizations")
        case .person(let person):
            try item(
                PopoloPerson(
                    id: person.id, name: person.name.ja, otherNames: otherNames(person.name, aliases: []),
                    sortName: person.name.en, sources: links(person.sources)),
                in: "persons")
        case .membership(let membership):
            try item(self.membership(membership), in: "memberships")
        case .event(let event) where Self.isWritten(event):
            try item(self.event(event), in: "events")
        default:
            break
        }
    }

    public func finish() throws {
        guard let file else { return }
        for id in posts.keys.sorted() { try item(posts[id]!, in: "posts") }
        try advance(to: Self.sections.count - 1)
        try file.write(firstInSection ? "]\n}\n" : "\n  ]\n}\n")
        try file.close()
    }

    // MARK: - Mapping

    private func organization(_ actor: Actor) -> PopoloOrganization {
        var parent: String?
        if let id = actor.parent, let kind = lookup?.actor(id)?.kind, Self.isOrganization(kind: kind) { parent = id }
        return PopoloOrganization(
            id: actor.id, name: actor.name.ja, otherNames: otherNames(actor.name, aliases: actor.aliases),
            classification: actor.kind, parentID: parent, foundingDate: actor.founded.flatMap(Self.date),
            sources: links(actor.sources))
    }

    private func membership(_ membership: Membership) -> PopoloMembership {
        let key = [membership.organization, membership.role.ja, membership.role.en].joined(separator: "\t")
        let postID: String
        if let known = postIDs[key] {
            postID = known
        } else {
            let base = "post-\(membership.organization)-\(Self.slug(membership.role.en))"
            var candidate = base
            var n = 2
            while posts[candidate] != nil {
                candidate = "\(base)-\(n)"
                n += 1
            }
            postID = candidate
            postIDs[key] = postID
            posts[postID] = PopoloPost(
                id: postID, label: membership.role.ja, otherLabel: [membership.role.en], organizationID: membership.organization)
        }
        return PopoloMembership(
            id: membership.id, personID: membership.person, organizationID: membership.organization, postID: postID,
            role: membership.role.ja, startDate: membership.start.flatMap(Self.date), endDate: membership.end.flatMap(Self.date),
            sources: links(membership.sources))
    }

    private func event(_ event: Event) -> PopoloEvent {
        let attendees = event.persons.map { PopoloAttendee(id: $0.person, name: lookup?.person($0.person)?.name.ja ?? $0.person) }
        let organizer = event.participants.first { p in
            ["host", "chair", "organiser"].contains(p.role) && (lookup?.actor(p.actor).map { Self.isOrganization(kind: $0.kind) } ?? false)
        }
        var location: String?
        if let place = event.location {
            let country = place.country.map { lookup?.actor($0)?.name.ja ?? $0 }
            let parts = [place.city?.ja, country].compactMap { $0 }
            if !parts.isEmpty { location = parts.joined(separator: ", ") }
        }
        return PopoloEvent(
            id: event.id, name: event.title.ja, description: description(event), classification: event.kind,
            startDate: event.date.exact.flatMap(Self.date), endDate: event.end.flatMap(Self.date), location: location,
            organizationID: organizer?.actor, attendees: attendees, sources: links(event.sources))
    }

    /// The English title, summary, outcomes, series, themes and attendees' roles, Japanese
    /// before English; and a date Popolo's date fields cannot hold: a fiscal year, a bound, a
    /// span, or the fact that the sources give none.
    private func description(_ event: Event) -> String {
        var blocks: [String] = ["English title: " + event.title.en]
        if let summary = event.summary { blocks.append(summary.ja + "\n" + summary.en) }
        if !event.outcomes.isEmpty {
            blocks.append((["成果 / Outcomes:"] + event.outcomes.map { "- \($0.ja) / \($0.en)" }).joined(separator: "\n"))
        }
        var facts: [String] = []
        if let id = event.series, let series = lookup?.series(id) {
            facts.append("シリーズ / Series: \(series.name.ja) / \(series.name.en)" + (event.ordinal.map { "（第\($0)回 / no. \($0)）" } ?? ""))
        }
        let themes = event.themes.compactMap { lookup?.theme($0)?.name }
        if !themes.isEmpty {
            facts.append("分野 / Themes: " + themes.map { "\($0.ja) / \($0.en)" }.joined(separator: "; "))
        }
        facts.append(
            "出席者 / Attendees: "
                + event.persons.map { p in
                    let name = lookup?.person(p.person)?.name ?? LocalizedText(ja: p.person, en: p.person)
                    return "\(name.ja) / \(name.en)（\(Self.roleNames[p.role] ?? p.role) / \(p.role)）"
                }.joined(separator: "; "))
        for date in (event.date.exact.map { [$0] } ?? []) + (event.end.map { [$0] } ?? []) where date.precision == .fiscalYear {
            facts.append("日付 / Date: \(date.year)年度 / \(date.description) (1 April \(date.year) – 31 March \(date.year + 1))")
        }
        if event.date.exact == nil {
            facts.append("日付 / Date: " + Self.describe(event.date))
        }
        blocks.append(facts.joined(separator: "\n"))
        return blocks.joined(separator: "\n\n")
    }

    static let roleNames = ["chair": "議長", "attendee": "出席", "speaker": "講演", "observer": "オブザーバー"]

    /// The English name (marked as such) and the aliases that are not already a name.
    private func otherNames(_ name: LocalizedText, aliases: [String]) -> [PopoloOtherName] {
        var out = [PopoloOtherName(name: name.en, lang: "en", note: "multilingual")]
        var seen: Set = [name.ja, name.en]
        for alias in aliases where seen.insert(alias).inserted { out.append(PopoloOtherName(name: alias, note: "alias")) }
        return out
    }

    /// Links to the cited sources that have a URL; nil when none has.
    private func links(_ citations: [Citation]) -> [PopoloLink]? {
        var out: [PopoloLink] = []
        for citation in citations {
            guard let source = lookup?.source(citation.source), let url = source.url else { continue }
            let link = PopoloLink(url: url, note: "\(source.title.en): \(citation.locator)")
            if !out.contains(link) { out.append(link) }
        }
        return out.isEmpty ? nil : out
    }

    /// What is known of a date that is not exact, in both languages with its EDTF text.
    static func describe(_ date: EventDate) -> String {
        switch date {
        case .on(let d): d.description
        case .notAfter(let d): "\(d.iso)以前 / not after \(d.iso) (\(date))"
        case .notBefore(let d): "\(d.iso)以降 / not before \(d.iso) (\(date))"
        case .between(let a, let b): "\(a.iso)～\(b.iso)のいずれか / some time between \(a.iso) and \(b.iso) (\(date))"
        case .undated: "不明 / not given by the sources"
        }
    }

    /// A Popolo date (`2018`, `2018-03`, `2018-03-14`); nil for a fiscal year, which has no form there.
    static func date(_ date: PartialDate) -> String? { date.precision == .fiscalYear ? nil : date.iso }

    /// Lower-case ASCII letters and digits joined by `-`; `post` when nothing is left.
    static func slug(_ text: String) -> String {
        var out = ""
        for character in text.lowercased() {
            // `isASCII` first: a letter followed by a combining mark is one Character that a range
            // of Characters would take for the letter.
            if character.isASCII && (character.isLetter || character.isNumber) {
                out.append(character)
            } else if !out.isEmpty && !out.hasSuffix("-") {
                out.append("-")
            }
        }
        while out.hasSuffix("-") { out.removeLast() }
        return out.isEmpty ? "post" : String(out.prefix(60))
    }

    // MARK: - Writing

    private func item<T: Encodable>(_ value: T, in section: String) throws {
        guard let file else { return }
        try advance(to: Self.sections.firstIndex(of: section)!)
        try file.write(firstInSection ? "\n    " : ",\n    ")
        firstInSection = false
        try file.write(try CanonicalJSON.pretty(value, indent: 4))
    }

    /// Closes the open array and opens the one at `index`, writing the ones in between empty.
    private func advance(to index: Int) throws {
        guard let file, index > current else { return }
        if current >= 0 { try file.write(firstInSection ? "]" : "\n  ]") }
        for skipped in (current + 1)..<index {
            try file.write((skipped == 0 ? "\n" : ",\n") + "  \"\(Self.sections[skipped])\": []")
        }
        try file.write((index == 0 ? "\n" : ",\n") + "  \"\(Self.sections[index])\": [")
        current = index
        firstInSection = true
    }
}
