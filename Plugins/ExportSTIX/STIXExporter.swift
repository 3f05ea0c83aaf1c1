import RenkeiExport
import RenkeiModel

/// Writes the public attributions as one STIX 2.1 bundle (`stix/renkei-stix.json`), for
/// threat-intelligence platforms: a report per attribution, the campaign it names, the threat
/// groups as intrusion sets, the attributed states as nation-state threat actors, and the
/// issuing, co-signing and attributed parties as identities.
///
/// Ids are name-based UUIDs (version 5) in ``namespace`` of `<type>:<record id>`, and every
/// timestamp comes from a date in the data, so the same records give the same bundle. Every
/// object names the dataset's own identity as its producer (`created_by_ref`).
public final class STIXExporter: Exporter {
    public static let description = ExporterDescription(
        id: "stix", name: "STIX 2.1 bundle", files: ["stix/renkei-stix.json"],
        mediaType: "application/stix+json;version=2.1",
        summary: "The public attributions as STIX 2.1 reports, campaigns, intrusion sets, threat actors and identities, for threat-intelligence platforms.",
        version: "1.0.0")

    /// The namespace of every id in the bundle. Fixed for good: changing it changes every id.
    public static let namespace = "0fe576bd-f417-4539-8692-f345e7ca8fd7"

    /// MITRE ATT&CK group ids, by a threat group's name or alias with case, spaces and
    /// punctuation ignored. Only groups that appear in the data are written.
    public static let attackGroups: [String: (id: String, name: String)] = [
        "apt10": ("G0045", "menuPass"), "menupass": ("G0045", "menuPass"),
        "apt28": ("G0007", "APT28"),
        "apt29": ("G0016", "APT29"),
        "apt40": ("G0065", "Leviathan"), "leviathan": ("G0065", "Leviathan"),
        "apt41": ("G0096", "APT41"),
        "blacktech": ("G0098", "BlackTech"),
        "kimsuky": ("G0094", "Kimsuky"),
        "lazarus": ("G0032", "Lazarus Group"), "lazarusgroup": ("G0032", "Lazarus Group"),
        "sandworm": ("G0034", "Sandworm Team"), "sandwormteam": ("G0034", "Sandworm Team"),
        "tick": ("G0060", "BRONZE BUTLER"), "bronzebutler": ("G0060", "BRONZE BUTLER"),
    ]

    /// How an actor takes part in the attributions, gathered while they stream by.
    struct Involvement {
        /// Issuer, co-signer or attributed non-group actor: written as an identity.
        var identity = false
        /// A threat group named in an attribution: written as an intrusion set.
        var group = false
        /// A state (or other non-group actor) an operation is attributed to: a threat actor.
        var attributed = false
        /// The earliest attribution date the actor appears at.
        var firstSeen: String
    }

    private var file: OutputFile?
    private var lookup: (any RecordLookup)?
    private var datasetName = ""
    private var datasetTitle: LocalizedText?
    private var datasetReleased: String?
    private var objectsWritten = 0
    /// The earliest `created` written: the producer identity's own, so it is never newer than
    /// an object that refers to it.
    private var earliestCreated: String?
    private var involvement: [String: Involvement] = [:]
    /// Intrusion set → threat actor links, keyed `group\tactor`, with the earliest date asserted.
    private var groupLinks: [String: String] = [:]

    public init() {}

    public func begin(_ context: ExportContext) throws {
        let file = try context.output.create("stix/renkei-stix.json")
        self.file = file
        lookup = context.lookup
        datasetName = context.info.name
        datasetTitle = context.info.title
        datasetReleased = context.info.released.map { Self.timestamp($0.firstDay) }
        let bundle = Self.stixID("bundle", "\(context.info.name):\(context.info.version)")
        try file.write("{\n  \"id\": \(try CanonicalJSON.compact(bundle))")
    }

    public func write(_ record: AnyRecord) throws {
        if case .attribution(let attribution) = record { try write(attribution) }
    }

    public func finish() throws {
        guard let file else { return }
        for id in involvement.keys.sorted() {
            let seen = involvement[id]!
            let created = min(actorTimestamp(id, fallback: seen.firstSeen), seen.firstSeen)
            if seen.identity || seen.attributed {
                try writeIdentity(id, created)
                try writeLocation(id, created)
            }
            if seen.group { try writeIntrusionSet(id, created) }
            if seen.attributed {
                try writeThreatActor(id, created)
                try writeRelationship(from: ("threat-actor", id), to: ("identity", id), created: created)
            }
        }
        for link in groupLinks.keys.sorted() {
            let parts = link.split(separator: "\t").map(String.init)
            try writeRelationship(from: ("intrusion-set", parts[0]), to: ("threat-actor", parts[1]), created: groupLinks[link]!)
        }
        // The producer is written even without attributions, so that the bundle is never without
        // objects (the stix2 library cannot read one); it needs a date of the data to stand at.
        if let created = earliestCreated ?? datasetReleased { try writeProducer(created) }
        try file.write(objectsWritten > 0 ? "\n  ],\n  \"type\": \"bundle\"\n}\n" : ",\n  \"type\": \"bundle\"\n}\n")
        try file.close()
    }

    // MARK: - Attributions

    /// Writes the attribution's report, campaign and campaign relationships, and notes the
    /// actors and links that ``finish()`` writes once each.
    private func write(_ attribution: Attribution) throws {
        guard let lookup else { return }
        guard let event = lookup.event(attribution.event) else {
            throw ExportError(exporter: Self.description.id, message: "attribution '\(attribution.id)' names the event '\(attribution.event)', which is not in the store")
        }
        let date = attribution.date ?? event.date.exact ?? standIn(for: event)
        let stamp = Self.timestamp(date.firstDay)
        let issuers = expand([attribution.issuer])
        let coSigners = expand(attribution.coSigners).filter { !issuers.contains($0) }
        var groups: [String] = []
        var attributed: [String] = []
        for id in expand(attribution.attributedTo) {
            if lookup.actor(id)?.kind == "threat-group" { groups.append(id) } else { attributed.append(id) }
        }
        for id in issuers + coSigners { note(id, stamp) { $0.identity = true } }
        for id in groups { note(id, stamp) { $0.group = true } }
        for id in attributed { note(id, stamp) { $0.attributed = true } }

        // A later release's correction is a new version of the same objects: `modified` comes from
        // the record's history; a retired attribution or event is revoked.
        let modified = [attribution.id, event.id].compactMap { id -> String? in
            let collection: Collection = id == attribution.id ? .attributions : .events
            guard let h = lookup.history(id, in: collection), h.changes > 0 else { return nil }
            return Self.releaseTimestamp(h.lastChanged)
        }.max()
        let revoked = attribution.isRetired || event.isRetired
        let campaign = try emit(
            "campaign", attribution.id, created: stamp, modified: modified, revoked: revoked, text: ["name": attribution.incident],
            ["external_references": [recordReference(attribution.id)]])

        var relationships: [String] = []
        let targets = groups.isEmpty ? attributed.map { ("threat-actor", $0) } : groups.map { ("intrusion-set", $0) }
        for target in targets {
            relationships.append(try writeRelationship(from: ("campaign", attribution.id), to: target, created: stamp))
        }
        for group in groups {
            for actor in attributed {
                let key = group + "\t" + actor
                groupLinks[key] = min(groupLinks[key] ?? stamp, stamp)
                relationships.append(Self.relationshipID(from: ("intrusion-set", group), to: ("threat-actor", actor)))
            }
        }
        relationships += attributed.map { Self.relationshipID(from: ("threat-actor", $0), to: ("identity", $0)) }
        relationships += try statementLinks(attribution.id, issuers: issuers, coSigners: coSigners, created: stamp)
        let located = (attributed + issuers + coSigners).filter { Self.countryCode(lookup.actor($0)) != nil }
        relationships += located.map { Self.relationshipID(from: ("identity", $0), to: ("location", $0), type: "located-at") }

        var refs = [campaign]
        refs += groups.map { Self.stixID("intrusion-set", $0) }
        refs += attributed.map { Self.stixID("threat-actor", $0) }
        refs += (attributed + issuers + coSigners).map { Self.stixID("identity", $0) }
        refs += located.map { Self.stixID("location", $0) }
        refs += relationships
        var seen = Set<String>()
        refs = refs.filter { seen.insert($0).inserted }

        var references = [recordReference(attribution.id)]
        for citation in attribution.sources {
            let title = lookup.source(citation.source)?.title.en ?? citation.source
            references.append(["source_name": .string(title), "description": .string(citation.locator)])
        }
        try emit(
            "report", attribution.id, created: stamp, modified: modified, revoked: revoked,
            text: ["name": reportName(event, groups + attributed), "description": reportDescription(attribution, event, date, issuers, coSigners, groups + attributed)],
            [
                "published": .string(stamp), "report_types": ["threat-report"],
                "object_refs": .array(refs.map(JSONValue.string)), "external_references": .array(references),
            ])
    }

    /// The report's name: the event's title and whom the attribution names, so two attributions
    /// made in one statement (APT40 and Tick in July 2021) give reports of different names —
    /// platforms such as OpenCTI take a report's name and date as its identity.
    private func reportName(_ event: Event, _ named: [String]) -> LocalizedText {
        LocalizedText(
            ja: event.title.ja + "（" + names(named, "ja", "、") + "）",
            en: event.title.en + " (" + names(named, "en", ", ") + ")")
    }

    /// Links the issuer and the co-signers to the attribution's report (`related-to`, described
    /// as issuing or co-signing it); returns the relationships' ids.
    private func statementLinks(_ attribution: String, issuers: [String], coSigners: [String], created: String) throws -> [String] {
        var ids: [String] = []
        for (list, role) in [(issuers, "issued"), (coSigners, "co-signed")] {
            for id in list {
                ids.append(try writeRelationship(
                    from: ("identity", id), to: ("report", attribution), created: created, type: "related-to",
                    description: "\(identityName(id).en) \(role) the statement this report records."))
            }
        }
        return ids
    }

    /// The report's description in both languages: the incident, who issued and co-signed the
    /// statement and whom it names, the event's summary, and how the date was rounded.
    private func reportDescription(
        _ attribution: Attribution, _ event: Event, _ date: PartialDate, _ issuers: [String], _ coSigners: [String], _ named: [String]
    ) -> LocalizedText {
        var en = [attribution.incident.en + "."]
        var ja = [attribution.incident.ja + "。"]
        var issuedEn = "Issued by " + names(issuers, "en", ", ")
        var issuedJa = "発出: " + names(issuers, "ja", "、")
        if !coSigners.isEmpty {
            issuedEn += ", co-signed by " + names(coSigners, "en", ", ")
            issuedJa += "（共同: " + names(coSigners, "ja", "、") + "）"
        }
        en.append(issuedEn + "; attributed to " + names(named, "en", ", ") + ".")
        ja.append(issuedJa + "。帰属先: " + names(named, "ja", "、") + "。")
        if let summary = event.summary {
            en.append(summary.en)
            ja.append(summary.ja)
        }
        let rounding = Self.roundingNote(date)
        if let rounding {
            en.append(rounding.en)
            ja.append(rounding.ja)
        }
        if attribution.date == nil && event.date.exact == nil {
            en.append("The sources do not date it to a day, month or year (\(event.date)); published is set to \(date), the latest day they allow.")
            ja.append("資料は日付を特定していない（\(event.date)）ため、published は資料から言える最も遅い日 \(date) としている。")
        }
        if attribution.date == nil, let note = event.dateNote {
            en.append("Date resolved: \(note).")
            ja.append("日付の解決: \(note)。")
        }
        return LocalizedText(ja: ja.joined(separator: "\n\n"), en: en.joined(separator: "\n\n"))
    }

    /// The day `published` takes for an attribution whose event is not dated to a precision:
    /// the last day its date allows, else the first, else the newest citing source's date (a
    /// statement is public by the time a document reports it). Its report says so.
    func standIn(for event: Event) -> PartialDate {
        let sourceDay = event.sources.compactMap { lookup?.source($0.source)?.date.lastDay }.max()
        let day = event.date.latest ?? event.date.earliest ?? sourceDay ?? PartialDate.Day(year: 1970, month: 1, day: 1)
        return PartialDate(year: day.year, month: day.month, day: day.day)!
    }

    /// Says how `published` stands for a date known only to the month, year or fiscal year.
    static func roundingNote(_ date: PartialDate) -> LocalizedText? {
        switch date.precision {
        case .day: return nil
        case .month:
            return LocalizedText(
                ja: "資料は月（\(date.iso)）までしか示していないため、published はその月の初日としている。",
                en: "The source gives the month only (\(date.iso)); published is set to the first day of that month.")
        case .year:
            return LocalizedText(
                ja: "資料は年（\(date.iso)）までしか示していないため、published はその年の1月1日としている。",
                en: "The source gives the year only (\(date.iso)); published is set to 1 January of that year.")
        case .fiscalYear:
            return LocalizedText(
                ja: "資料は年度（\(date.description)）までしか示していないため、published はその年度の初日（4月1日）としている。",
                en: "The source gives the Japanese fiscal year only (\(date.description), 1 April to 31 March); published is set to its first day, 1 April.")
        }
    }

    // MARK: - Actors

    private func writeIdentity(_ id: String, _ created: String) throws {
        let actor = lookup?.actor(id)
        var properties: [String: JSONValue] = [
            "identity_class": .string(Self.identityClass(actor?.kind)),
            "external_references": [recordReference(id)],
        ]
        if let sector = Self.sector(actor?.kind) { properties["sectors"] = [.string(sector)] }
        try emit("identity", id, created: created, text: ["name": identityName(id)], properties)
    }

    /// An identity's name: a state's is its government's (Government of Japan, 日本国政府), the
    /// state itself being a `location`; any other actor's is its own.
    private func identityName(_ id: String) -> LocalizedText {
        let name = name(id)
        guard Self.countryCode(lookup?.actor(id)) != nil else { return name }
        return LocalizedText(ja: name.ja + "政府", en: "Government of " + Self.withArticle(name.en))
    }

    /// A country's English name as it follows "of": official names of the form "Republic of …",
    /// "United …" or "… Kingdom" take "the" (the People's Republic of China), short names not (Japan).
    public static func withArticle(_ name: String) -> String {
        let official = name.contains(" of ") || name.hasPrefix("United ") || name.hasSuffix(" Kingdom") || name.hasSuffix(" Federation")
        return official && !name.hasPrefix("the ") ? "the " + name : name
    }

    private func writeIntrusionSet(_ id: String, _ created: String) throws {
        let actor = lookup?.actor(id)
        var references = [recordReference(id)]
        if let group = Self.attackGroup(actor, id) {
            references.append([
                "source_name": "mitre-attack", "external_id": .string(group.id),
                "url": .string("https://attack.mitre.org/groups/\(group.id)/"),
            ])
        }
        var properties: [String: JSONValue] = ["external_references": .array(references)]
        let aliases = Self.aliases(actor, id)
        if !aliases.isEmpty { properties["aliases"] = .array(aliases.map(JSONValue.string)) }
        try emit("intrusion-set", id, created: created, text: ["name": name(id)], properties)
    }

    private func writeThreatActor(_ id: String, _ created: String) throws {
        let kind = lookup?.actor(id)?.kind
        let state = kind == "state" || kind == "economy"
        var properties: [String: JSONValue] = ["external_references": [recordReference(id)]]
        if state {
            properties["threat_actor_types"] = ["nation-state"]
            properties["resource_level"] = "government"
        }
        let name = name(id)
        let description = LocalizedText(
            ja: "公表されたアトリビューションで名指しされた行為主体としての\(name.ja)。",
            en: "\(name.en) as the actor named in public attributions.")
        try emit("threat-actor", id, created: created, text: ["name": name, "description": description], properties)
    }

    /// The group's aliases: those of the data, then ATT&CK's name for the group when it differs
    /// from the name and every alias (menuPass for APT10).
    static func aliases(_ actor: Actor?, _ id: String) -> [String] {
        var out = actor?.aliases ?? []
        if let group = attackGroup(actor, id), group.name != (actor?.name.en ?? id), !out.contains(group.name) {
            out.append(group.name)
        }
        return out
    }

    /// A state or economy as a STIX `location` (its ISO 3166-1 code as `country`), which its
    /// identity is `located-at`; nothing for other actors.
    private func writeLocation(_ id: String, _ created: String) throws {
        guard let actor = lookup?.actor(id), let code = Self.countryCode(actor) else { return }
        try emit(
            "location", id, created: created, text: ["name": actor.name],
            ["country": .string(code), "external_references": [recordReference(id)]])
        try writeRelationship(from: ("identity", id), to: ("location", id), created: created, type: "located-at")
    }

    /// The ISO 3166-1 alpha-2 code of a state or economy: its id, when that is two capital letters.
    static func countryCode(_ actor: Actor?) -> String? {
        guard let actor, actor.kind == "state" || actor.kind == "economy" else { return nil }
        let isCode = actor.id.count == 2 && actor.id.unicodeScalars.allSatisfy { ("A"..."Z").contains($0) }
        return isCode ? actor.id : nil
    }

    /// The identity of the dataset itself, the producer every object's `created_by_ref` names.
    private func writeProducer(_ created: String) throws {
        var text = ["name": LocalizedText(ja: datasetName, en: datasetName)]
        if let datasetTitle { text["description"] = datasetTitle }
        try emit("identity", Self.producerKey(datasetName), created: created, text: text, ["identity_class": "organization"])
    }

    /// The key of the producer identity's id: `dataset:<name>`, which no record id can be.
    public static func producerKey(_ datasetName: String) -> String { "dataset:" + datasetName }

    /// The ATT&CK group a threat group is, by its id, names or aliases.
    static func attackGroup(_ actor: Actor?, _ id: String) -> (id: String, name: String)? {
        let keys = [id] + (actor.map { [$0.name.en, $0.name.ja] + $0.aliases } ?? [])
        for key in keys {
            let folded = String(key.lowercased().filter { $0.isASCII && ($0.isLetter || $0.isNumber) })
            if let group = attackGroups[folded] { return group }
        }
        return nil
    }

    static func identityClass(_ kind: String?) -> String {
        switch kind {
        case "partner-set": "group"
        case "other", nil: "unknown"
        default: "organization"
        }
    }

    static func sector(_ kind: String?) -> String? {
        switch kind {
        case "state", "government-body", "agency": "government-national"
        case "economy": "government"
        case "academia": "education"
        default: nil
        }
    }

    // MARK: - Writing objects

    /// Writes one object with the common properties and, when its Japanese text differs from
    /// the English, a language-content object carrying the Japanese; returns the object's id.
    @discardableResult
    private func emit(
        _ type: String, _ key: String, created: String, modified: String? = nil, revoked: Bool = false,
        text: [String: LocalizedText], _ properties: [String: JSONValue]
    ) throws -> String {
        let id = Self.stixID(type, key)
        var object = properties
        object["type"] = .string(type)
        object["spec_version"] = "2.1"
        object["id"] = .string(id)
        object["created"] = .string(created)
        object["modified"] = .string(max(created, modified ?? created))
        if revoked { object["revoked"] = .bool(true) }
        object["created_by_ref"] = .string(producerID)
        if !text.isEmpty {
            object["lang"] = "en"
            for (property, value) in text { object[property] = .string(value.en) }
        }
        try writeObject(.object(object))
        if text.values.contains(where: { $0.ja != $0.en }) {
            try writeObject([
                "type": "language-content", "spec_version": "2.1",
                "id": .string(Self.stixID("language-content", "\(type):\(key)")),
                "created": .string(created), "modified": .string(created),
                "object_ref": .string(id), "object_modified": .string(max(created, modified ?? created)),
                "created_by_ref": .string(producerID),
                "contents": ["ja": .object(text.mapValues { .string($0.ja) })],
            ])
        }
        return id
    }

    @discardableResult
    private func writeRelationship(
        from source: (String, String), to target: (String, String), created: String,
        type: String = "attributed-to", description: String? = nil
    ) throws -> String {
        let id = Self.relationshipID(from: source, to: target, type: type)
        var object: [String: JSONValue] = [
            "type": "relationship", "spec_version": "2.1", "id": .string(id),
            "created": .string(created), "modified": .string(created),
            "created_by_ref": .string(producerID),
            "relationship_type": .string(type),
            "source_ref": .string(Self.stixID(source.0, source.1)),
            "target_ref": .string(Self.stixID(target.0, target.1)),
        ]
        if let description { object["description"] = .string(description) }
        try writeObject(.object(object))
        return id
    }

    private var producerID: String { Self.stixID("identity", Self.producerKey(datasetName)) }

    private func writeObject(_ object: JSONValue) throws {
        guard let file else { return }
        if case .object(let properties) = object, case .string(let created)? = properties["created"] {
            earliestCreated = min(earliestCreated ?? created, created)
        }
        try file.write(objectsWritten == 0 ? ",\n  \"objects\": [\n    " : ",\n    ")
        try file.write(try CanonicalJSON.pretty(object, indent: 4))
        objectsWritten += 1
    }

    // MARK: - Helpers

    /// `<type>--<UUIDv5 of "<type>:<key>">`.
    public static func stixID(_ type: String, _ key: String) -> String {
        type + "--" + NameBasedUUID.v5(namespace: namespace, name: "\(type):\(key)")!
    }

    static func relationshipID(from source: (String, String), to target: (String, String), type: String = "attributed-to") -> String {
        stixID("relationship", "\(source.0):\(source.1)--\(type)--\(target.0):\(target.1)")
    }

    /// A STIX timestamp for a release day written `YYYY-MM-DD`, or nil.
    static func releaseTimestamp(_ day: String) -> String? {
        day.count == 10 && day.dropFirst(4).first == "-" ? "\(day)T00:00:00.000Z" : nil
    }

    /// A STIX timestamp (UTC, milliseconds) at midnight of `day`.
    static func timestamp(_ day: PartialDate.Day) -> String { "\(day)T00:00:00.000Z" }

    private func recordReference(_ id: String) -> JSONValue {
        ["source_name": .string(datasetName), "external_id": .string(id)]
    }

    /// The actor ids, with a partner set replaced by its members, in order and without repeats.
    private func expand(_ ids: [String]) -> [String] {
        var out: [String] = []
        for id in ids {
            if let actor = lookup?.actor(id), actor.kind == "partner-set", !actor.members.isEmpty {
                out += actor.members
            } else {
                out.append(id)
            }
        }
        var seen = Set<String>()
        return out.filter { seen.insert($0).inserted }
    }

    private func note(_ id: String, _ stamp: String, _ update: (inout Involvement) -> Void) {
        var entry = involvement[id] ?? Involvement(firstSeen: stamp)
        entry.firstSeen = min(entry.firstSeen, stamp)
        update(&entry)
        involvement[id] = entry
    }

    /// When the actor's record was first documented: the earliest date of the sources it cites.
    private func actorTimestamp(_ id: String, fallback: String) -> String {
        let dates = (lookup?.actor(id)?.sources ?? []).compactMap { lookup?.source($0.source)?.date.firstDay }
        return dates.min().map(Self.timestamp) ?? fallback
    }

    private func name(_ id: String) -> LocalizedText { lookup?.actor(id)?.name ?? LocalizedText(ja: id, en: id) }

    private func names(_ ids: [String], _ language: String, _ separator: String) -> String {
        ids.map { name($0).text(in: language) }.joined(separator: separator)
    }
}
