import Foundation
import RenkeiExport
import RenkeiModel

/// Writes the capacity-building work — trainings, projects, contributions, dispatches,
/// workshops — and the budget lines as IATI 2.03 activities (`iati/renkei-iati-activities.xml`),
/// for aid-transparency portals and the tools of the IATI community.
///
/// The mapping, the codes chosen and what is left out are in `docs/exporters/iati.md`. Element
/// order follows the sequences of the 2.03 activity schema, which a validator enforces.
public final class IATIExporter: Exporter {
    public static let description = ExporterDescription(
        id: "iati", name: "IATI activities 2.03", files: ["iati/renkei-iati-activities.xml"],
        mediaType: "application/xml",
        summary: "Capacity-building events and budget lines as IATI 2.03 activities, for aid-transparency tools.",
        version: "1.0.0")

    /// The event kinds written as activities: the work in which Japan supports other countries.
    public static let activityKinds: Set<String> = [
        "training", "technical-cooperation", "fund-contribution", "loan-project", "grant-project",
        "equipment-provision", "centre-establishment", "expert-dispatch", "workshop", "seminar",
    ]

    /// The reporting organisation: the dataset's (`reporting_org` in `data/dataset.yaml`), or,
    /// when it names none, the dataset itself under its name, type 90 (Other).
    public static func reportingOrg(_ info: DatasetInfo?) -> ReportingOrganisation {
        if let org = info?.reportingOrg { return org }
        let name = info?.name ?? "renkei"
        return ReportingOrganisation(ref: name, type: "90", name: info?.title ?? LocalizedText(ja: name, en: name))
    }

    /// The activity identifier of a record: the reporting organisation's identifier, a hyphen, the record's id.
    public static func identifier(of recordID: String, reportingRef: String) -> String { "\(reportingRef)-\(recordID)" }

    /// The identifier of a record's activity in this file.
    private func identifier(of recordID: String) -> String { Self.identifier(of: recordID, reportingRef: Self.reportingOrg(info).ref) }

    private var info: DatasetInfo?
    private var lookup: (any RecordLookup)?
    private var file: OutputFile?
    private var headerWritten = false
    /// What the activities need of the records that come before the events in the stream:
    /// names, kinds, members, theme parents and source dates. Kept in small maps rather than
    /// looked up, since these collections are read first anyway.
    private var actors: [String: (kind: String, name: LocalizedText, members: [String])] = [:]
    private var themes: [String: (name: LocalizedText, parent: String?)] = [:]
    private var seriesNames: [String: LocalizedText] = [:]
    private var sources: [String: (title: LocalizedText, day: PartialDate.Day)] = [:]
    /// The newest first day of any source: the date the file stands at.
    private var reference: PartialDate.Day?
    /// Budget lines wait for their indicators, which come later in the stream.
    private var budgets: [Budget] = []
    private var indicators: [String: Indicator] = [:]

    public init() {}

    public func begin(_ context: ExportContext) throws {
        file = try context.output.create(Self.description.files[0])
        info = context.info
        lookup = context.lookup
    }

    public func write(_ record: AnyRecord) throws {
        switch record {
        case .source(let source):
            let day = source.date.firstDay
            sources[source.id] = (source.title, day)
            if reference.map({ day > $0 }) ?? true { reference = day }
        case .actor(let actor):
            actors[actor.id] = (actor.kind, actor.name, actor.members)
        case .theme(let theme):
            themes[theme.id] = (theme.name, theme.parent)
        case .series(let series):
            seriesNames[series.id] = series.name
        // An activity needs a start date: one whose sources set no earliest day (undated, or
        // known only to be not after a date) is left out rather than given a made-up start.
        case .event(let event) where Self.activityKinds.contains(event.kind) && event.date.earliest != nil:
            try writeHeaderIfNeeded()
            try file?.write(activity(for: event))
        case .budget(let budget):
            budgets.append(budget)
        case .indicator(let indicator):
            let listed = budgets.contains { $0.id == indicator.budget || $0.outputs.contains { $0.indicators.contains(indicator.id) } }
            if listed { indicators[indicator.id] = indicator }
        default:
            break
        }
    }

    public func finish() throws {
        guard let file else { return }
        try writeHeaderIfNeeded()
        for budget in budgets { try file.write(activity(for: budget)) }
        try file.write("</iati-activities>\n")
        try file.close()
    }

    private func writeHeaderIfNeeded() throws {
        guard !headerWritten, let file else { return }
        headerWritten = true
        var head = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        if let info {
            let about = "\(info.name) \(info.version): compiled from public documents of the Government of Japan; not published by it"
            head += "<!-- \(about.replacingOccurrences(of: "--", with: "- -")) -->\n"
        }
        head += "<iati-activities version=\"2.03\""
        if let reference { head += " generated-datetime=\"\(reference)T00:00:00Z\"" }
        head += ">\n"
        try file.write(head)
    }

    // MARK: - Events

    private func activity(for event: Event) -> String {
        var x = XMLText(indent: 1)
        let orgs = participatingOrgs(of: event)
        let recipients = recipients(of: event)
        var attributes: [(String, String)] = []
        if let updated = lastUpdated(event.sources, history: lookup?.history(event.id, in: .events)) { attributes.append(("last-updated-datetime", updated)) }
        x.open("iati-activity", attributes)
        x.leaf("iati-identifier", text: identifier(of: event.id))
        reportingOrgElement(&x, funders: orgs.filter { $0.role == "1" }.compactMap { Self.organisationRefs[$0.actor] })
        x.texts("title", [], event.title)

        x.texts("description", [("type", "1")], event.summary ?? event.title)
        var seen = Set<String>()
        let beneficiaries = expanded(event.participants).filter { $0.role == "beneficiary" && seen.insert($0.actor).inserted }.map(\.actor)
        if !beneficiaries.isEmpty {
            x.texts("description", [("type", "3")], lines(beneficiaries.map { id in
                LocalizedText(ja: "受益者: \(name(id, "ja"))", en: "Beneficiary: \(name(id, "en"))")
            }))
        }
        var notes = otherNotes(for: event)
        if recipients.countries.isEmpty && recipients.regions.isEmpty { notes.insert(Self.unspecifiedRecipientNote, at: 0) }
        if !notes.isEmpty { x.texts("description", [("type", "4")], lines(notes)) }

        for org in orgs { participatingOrg(&x, org) }
        x.empty("other-identifier", [("ref", event.id), ("type", "A1")])

        let start = event.date.earliest!
        let status = status(of: event)
        x.empty("activity-status", [("code", status)])
        activityDate(&x, type: isKnown(start) ? "2" : "1", day: start, note: startNote(event))
        if let end = endDate(of: event, status: status) {
            activityDate(&x, type: isKnown(end.day) ? "4" : "3", day: end.day, note: end.note)
        }

        if let scope = recipients.scope { x.empty("activity-scope", [("code", scope)]) }
        recipientFallback(&x, recipients.countries.isEmpty && recipients.regions.isEmpty)
        for country in recipients.countries {
            x.texts("recipient-country", [("code", country.code), ("percentage", country.percentage)], country.name)
        }
        for region in recipients.regions {
            x.texts("recipient-region", [("code", region.code), ("vocabulary", region.vocabulary), ("percentage", region.percentage)], region.name)
        }
        if let place = event.location, place.city != nil || place.country != nil {
            x.open("location")
            x.empty("location-reach", [("code", "1")])
            if let city = place.city {
                x.texts("name", [], city)
                if let country = place.country { x.texts("description", [], names(country)) }
            } else if let country = place.country {
                x.texts("name", [], names(country))
            }
            x.close("location")
        }
        let codes = sectors(of: event)
        for (code, share) in zip(codes, Self.shares(codes.count)) {
            x.texts("sector", [("vocabulary", "1"), ("code", code), ("percentage", share)], Self.sectorNames[code]!)
        }
        for theme in event.themes {
            x.texts("tag", [("vocabulary", "99"), ("code", theme)], themes[theme]?.name ?? LocalizedText(ja: theme, en: theme))
        }
        if let finance = Self.financeTypes[event.kind] { x.empty("default-finance-type", [("code", finance)]) }
        if let aid = Self.aidTypes[event.kind] { x.empty("default-aid-type", [("code", aid), ("vocabulary", "1")]) }
        x.empty("legacy-data", [("name", "kind"), ("value", event.kind), ("iati-equivalent", "default-aid-type")])
        x.close("iati-activity")
        return x.text
    }

    /// The end of an event's activity: its `end`, else — for a day, or for an activity that is
    /// over (status 4) — the last day its date can mean, with a note when that is coarser than
    /// a day; nil for a lasting activity with no recorded end.
    private func endDate(of event: Event, status: String) -> (day: PartialDate.Day, note: LocalizedText?)? {
        if let end = event.end { return (end.lastDay, precisionNote(end, asEnd: true, resolved: nil)) }
        guard let last = event.date.latest, event.date.exact?.precision == .day || status == "4" else { return nil }
        return (last, event.date.exact.flatMap { precisionNote($0, asEnd: true, resolved: nil) } ?? boundNote(event.date, asEnd: true))
    }

    /// An activity whose beneficiaries name no country or region: OECD DAC region 998,
    /// developing countries unspecified (IATI rule 3.7.1 wants a recipient on every activity).
    private func recipientFallback(_ x: inout XMLText, _ needed: Bool) {
        guard needed else { return }
        x.texts("recipient-region", [("code", "998"), ("vocabulary", "1"), ("percentage", "100")], Self.unspecifiedRegion)
    }

    static let unspecifiedRegion = LocalizedText(ja: "開発途上国（特定なし）", en: "Developing countries, unspecified")

    static let unspecifiedRecipientNote = LocalizedText(
        ja: "受益国・地域は資料に記載がない。IATIは受取国・地域を求めるため、「開発途上国（特定なし）」（DAC地域998）としている。",
        en: "The source names no recipient country or region; IATI requires one, so the activity is reported for developing countries, unspecified (DAC region 998).")

    static let nonAidNote = LocalizedText(
        ja: "防衛省の予算事業であり、政府開発援助（ODA）ではない（フロー種別50: その他のフロー）。",
        en: "A defence budget line, not official development assistance (flow type 50: other flows).")

    /// An organisation taking part, with its IATI role (OrganisationRole codelist).
    struct Org: Hashable {
        let actor: String
        let role: String
    }

    /// Participants whose roles have an IATI counterpart, funders first, then by role code and
    /// in the order given. Beneficiaries become recipients; other roles are described.
    private func participatingOrgs(of event: Event) -> [Org] {
        var seen = Set<Org>()
        var orgs: [Org] = []
        for p in expanded(event.participants) {
            guard let role = Self.roles[p.role] else { continue }
            let org = Org(actor: p.actor, role: role)
            if seen.insert(org).inserted { orgs.append(org) }
        }
        if orgs.isEmpty { orgs.append(Org(actor: "JP", role: "2")) }
        return orgs.enumerated().sorted { ($0.element.role, $0.offset) < ($1.element.role, $1.offset) }.map(\.element)
    }

    /// Participants, with each partner set replaced by its members in the same role.
    private func expanded(_ participants: [Participant]) -> [Participant] {
        participants.flatMap { p -> [Participant] in
            guard let actor = actors[p.actor], actor.kind == "partner-set", !actor.members.isEmpty else { return [p] }
            return actor.members.map { Participant(actor: $0, role: p.role) }
        }
    }

    private func participatingOrg(_ x: inout XMLText, _ org: Org) {
        var attributes: [(String, String)] = []
        let actor = actors[org.actor]
        if let ref = Self.organisationRefs[org.actor] { attributes.append(("ref", ref)) }
        attributes.append(("type", actor.flatMap { Self.organisationTypes[$0.kind] } ?? "90"))
        attributes.append(("role", org.role))
        x.texts("participating-org", attributes, names(org.actor))
    }

    /// `reporting-org` from the dataset, flagged `secondary-reporter` whenever it is not a
    /// funder of the activity (`funders`: the registered identifiers of its funding
    /// organisations): it then reproduces the work of an organisation it does not answer for,
    /// which IATI tools keep apart from that organisation's own data.
    private func reportingOrgElement(_ x: inout XMLText, funders: [String]) {
        let org = Self.reportingOrg(info)
        var attributes = [("ref", org.ref), ("type", org.type)]
        if !funders.contains(org.ref) { attributes.append(("secondary-reporter", "1")) }
        x.texts("reporting-org", attributes, org.name)
    }

    /// A recipient country or region with its share.
    struct Recipient {
        let code: String
        let vocabulary: String
        let name: LocalizedText
        var percentage = "100"
    }

    /// The beneficiaries that are places: states as recipient countries, regional bodies as
    /// regions; shares are equal, since the sources give none.
    private func recipients(of event: Event) -> (countries: [Recipient], regions: [Recipient], scope: String?) {
        var countries: [Recipient] = []
        var regions: [Recipient] = []
        var seen = Set<String>()
        for p in expanded(event.participants) where p.role == "beneficiary" && seen.insert(p.actor).inserted {
            if let region = Self.regions[p.actor] {
                regions.append(Recipient(code: region.code, vocabulary: region.vocabulary, name: names(p.actor)))
            } else if let actor = actors[p.actor], ["state", "economy"].contains(actor.kind),
                p.actor.count == 2, p.actor.allSatisfy(\.isUppercase), !Self.notRecipients.contains(p.actor)
            {
                countries.append(Recipient(code: p.actor, vocabulary: "1", name: actor.name))
            }
        }
        let shares = Self.shares(countries.count + regions.count)
        for i in countries.indices { countries[i].percentage = shares[i] }
        for i in regions.indices { regions[i].percentage = shares[countries.count + i] }
        let scope: String? =
            !regions.isEmpty ? "2" : countries.count > 1 ? "3" : countries.count == 1 ? "4" : nil
        return (countries, regions, scope)
    }

    /// DAC 5-digit purpose codes from the event's themes: countering cybercrime is legal and
    /// judicial development; anything else in cyber capacity building is ICT.
    private func sectors(of event: Event) -> [String] {
        var cybercrime = false
        var other = false
        for theme in event.themes {
            if isUnder(theme, "th-cb-cybercrime") { cybercrime = true } else if isUnder(theme, "th-cb-incident-response") { other = true }
        }
        return cybercrime ? (other ? ["15130", "22040"] : ["15130"]) : ["22040"]
    }

    /// Whether a theme is `ancestor` or below it.
    private func isUnder(_ theme: String, _ ancestor: String) -> Bool {
        var current: String? = theme
        var steps = 0
        while let id = current, steps < 32 {
            if id == ancestor { return true }
            current = themes[id]?.parent
            steps += 1
        }
        return false
    }

    /// Outcomes, series, the way the dates were written, other participants and the sources.
    private func otherNotes(for event: Event) -> [LocalizedText] {
        var notes: [LocalizedText] = []
        for outcome in event.outcomes {
            notes.append(LocalizedText(ja: "成果: \(outcome.ja)", en: "Outcome: \(outcome.en)"))
        }
        if let id = event.series {
            let series = seriesNames[id] ?? LocalizedText(ja: id, en: id)
            let number = event.ordinal.map { (ja: "（第\($0)回）", en: " (no. \($0))") } ?? (ja: "", en: "")
            notes.append(LocalizedText(ja: "シリーズ: \(series.ja)\(number.ja)", en: "Series: \(series.en)\(number.en)"))
        }
        if let note = startNote(event) { notes.append(note) }
        if let end = event.end, let note = precisionNote(end, asEnd: true, resolved: nil) { notes.append(note) }
        if event.end == nil && Self.lastingKinds.contains(event.kind) {
            notes.append(LocalizedText(
                ja: "終了時期の記録はない。開始以降、実施中として報告している。",
                en: "No end is recorded: the activity is reported as in implementation since its start."))
        }
        for p in event.participants where Self.roles[p.role] == nil && p.role != "beneficiary" {
            notes.append(LocalizedText(ja: "その他の参加者: \(name(p.actor, "ja"))（\(p.role)）", en: "Also taking part: \(name(p.actor, "en")) (\(p.role))"))
        }
        notes += sourceNotes(event.sources)
        return notes
    }

    // MARK: - Budget lines

    private func activity(for budget: Budget) -> String {
        var x = XMLText(indent: 1)
        var attributes: [(String, String)] = []
        if let updated = lastUpdated(budget.sources, history: lookup?.history(budget.id, in: .budgets)) { attributes.append(("last-updated-datetime", updated)) }
        attributes.append(("default-currency", budget.amount.currency))
        x.open("iati-activity", attributes)
        x.leaf("iati-identifier", text: identifier(of: budget.id))
        reportingOrgElement(&x, funders: Self.organisationRefs[budget.owner].map { [$0] } ?? [])
        x.texts("title", [], budget.title)

        let start = PartialDate.Day(year: budget.fiscalYear, month: 4, day: 1)
        let end = PartialDate.Day(year: budget.fiscalYear + 1, month: 3, day: 31)
        let owner = names(budget.owner)
        let basis = budget.basis == "contract" ? (ja: "契約ベース", en: "contract basis") : (ja: "支出ベース", en: "expenditure basis")
        var general = LocalizedText(
            ja: "\(owner.ja)の\(budget.fiscalYear)年度（\(start)〜\(end)）の予算事業。予算額 \(Self.money(budget.amount))（\(basis.ja)）",
            en: "Budget line of the \(owner.en) for fiscal year \(budget.fiscalYear) (\(start) to \(end)): \(Self.money(budget.amount)) on an \(basis.en)")
        if let contract = budget.contractAmount, budget.basis != "contract" {
            general.ja += "、契約ベース \(Self.money(contract))"
            general.en += "; \(Self.money(contract)) on a contract basis"
        }
        general.ja += "。"
        general.en += "."
        var descriptions = [general]
        descriptions += budget.activities.map { LocalizedText(ja: "活動: \($0.text.ja)", en: "Activity: \($0.text.en)") }
        x.texts("description", [("type", "1")], lines(descriptions))
        if !budget.outcomes.isEmpty {
            x.texts("description", [("type", "2")], lines(budget.outcomes.map { outcome in
                let term = Self.terms[outcome.term] ?? (ja: outcome.term, en: outcome.term)
                return LocalizedText(ja: "\(term.ja): \(outcome.text.ja)", en: "\(term.en): \(outcome.text.en)")
            }))
        }
        let results = results(of: budget)
        let unmeasured = budget.outputs.filter { output in !results.contains { $0.output?.id == output.id } }
        var other = unmeasured.map { LocalizedText(ja: "アウトプット（指標なし）: \($0.text.ja)", en: "Output (no indicator): \($0.text.en)") }
        other.insert(Self.unspecifiedRecipientNote, at: 0)
        if Self.nonAidOwners.contains(budget.owner) { other.insert(Self.nonAidNote, at: 0) }
        other += sourceNotes(budget.sources)
        if !other.isEmpty { x.texts("description", [("type", "4")], lines(other)) }

        for role in ["1", "2", "4"] { participatingOrg(&x, Org(actor: budget.owner, role: role)) }
        x.empty("other-identifier", [("ref", budget.id), ("type", "A1")])
        x.empty("activity-status", [("code", status(start: start, last: end))])
        activityDate(&x, type: isKnown(start) ? "2" : "1", day: start, note: nil)
        activityDate(&x, type: isKnown(end) ? "4" : "3", day: end, note: nil)
        recipientFallback(&x, true)
        let sector = budget.owner == "jp-mod" ? "15210" : "22040"
        x.texts("sector", [("vocabulary", "1"), ("code", sector), ("percentage", "100")], Self.sectorNames[sector]!)
        budgetFlow(&x, budget)

        x.open("budget", [("type", "1"), ("status", "2")])
        x.empty("period-start", [("iso-date", "\(start)")])
        x.empty("period-end", [("iso-date", "\(end)")])
        x.leaf("value", [("currency", budget.amount.currency), ("value-date", "\(start)")], text: String(budget.amount.value))
        x.close("budget")
        x.empty("legacy-data", [("name", "fiscal_year"), ("value", "FY\(budget.fiscalYear)"), ("iati-equivalent", "budget")])
        x.empty("legacy-data", [("name", "basis"), ("value", budget.basis), ("iati-equivalent", "budget")])

        for result in results { resultElement(&x, result, budget: budget) }
        x.close("iati-activity")
        return x.text
    }

    /// The flow of a budget line that is not development aid — a defence ministry's line
    /// (`jp-mod`) — as FlowType 50, other flows (non-ODA), with no aid type: it is not aid.
    private func budgetFlow(_ x: inout XMLText, _ budget: Budget) {
        if Self.nonAidOwners.contains(budget.owner) { x.empty("default-flow-type", [("code", "50")]) }
    }

    /// Budget owners whose lines are not official development assistance: defence.
    static let nonAidOwners: Set<String> = ["jp-mod"]

    /// One result of a budget line: an output of its logic model (or the line itself, for
    /// indicators tied to no output) with the indicators that measure it.
    struct Result {
        let output: Budget.Output?
        let indicators: [Indicator]
    }

    private func results(of budget: Budget) -> [Result] {
        var used = Set<String>()
        var results: [Result] = []
        for output in budget.outputs {
            var ids = output.indicators
            ids += indicators.values.filter { $0.budget == budget.id && $0.output == output.id }.map(\.id).sorted()
            let found = ids.compactMap { id in used.insert(id).inserted ? indicators[id] : nil }
            if !found.isEmpty { results.append(Result(output: output, indicators: found)) }
        }
        let loose = indicators.values.filter { $0.budget == budget.id && !used.contains($0.id) }.sorted { $0.id < $1.id }
        if !loose.isEmpty { results.append(Result(output: nil, indicators: loose)) }
        return results
    }

    private func resultElement(_ x: inout XMLText, _ result: Result, budget: Budget) {
        x.open("result", [("type", "1")])
        if let output = result.output {
            x.texts("title", [], output.text)
            // The output's id is not a result-level reference: IATI rule 8.11.1 allows a
            // reference at the result or at its indicators, not both, and the indicators have theirs.
            x.texts("description", [], LocalizedText(ja: "アウトプット \(output.id)", en: "Output \(output.id)"))
        } else {
            x.texts("title", [], LocalizedText(ja: "\(budget.title.ja)（アウトプットに結び付かない指標）", en: "\(budget.title.en) (indicators tied to no output)"))
        }
        for indicator in result.indicators {
            x.open("indicator", [("measure", "1"), ("ascending", "1")])
            x.texts("title", [], indicator.name)
            x.texts("description", [], Self.explain(indicator, name: name))
            x.empty("reference", [("vocabulary", "99"), ("code", indicator.id)])
            let grouping = indicator.periodKind
            for value in indicator.values {
                guard let period = Self.period(value.period), period.grouping == grouping else { continue }
                x.open("period")
                x.empty("period-start", [("iso-date", "\(period.start)")])
                x.empty("period-end", [("iso-date", "\(period.end)")])
                if value.undetermined > 0 {
                    // The actual value counts only what certainly lies in the period.
                    x.open("actual", [("value", String(value.value))])
                    x.texts("comment", [], LocalizedText(
                        ja: "このほか\(value.undetermined)件が、日付が粗いためこの期間に入るか決められない。",
                        en: "\(value.undetermined) more matching events may fall in this period; their dates are too coarse to tell."))
                    x.close("actual")
                } else {
                    x.empty("actual", [("value", String(value.value))])
                }
                x.close("period")
            }
            x.close("indicator")
        }
        x.close("result")
    }

    /// The span of a period label: `2018` is a calendar year, `FY2018` a fiscal year.
    static func period(_ label: String) -> (grouping: Period, start: PartialDate.Day, end: PartialDate.Day)? {
        if label.hasPrefix("FY"), let year = Int(label.dropFirst(2)) {
            return (.fiscalYear, PartialDate.Day(year: year, month: 4, day: 1), PartialDate.Day(year: year + 1, month: 3, day: 31))
        }
        guard let year = Int(label) else { return nil }
        return (.year, PartialDate.Day(year: year, month: 1, day: 1), PartialDate.Day(year: year, month: 12, day: 31))
    }

    /// What an indicator counts, in words, from its query.
    static func explain(_ indicator: Indicator, name: (String, String) -> String) -> LocalizedText {
        let q = indicator.query
        func actors(_ ids: [String], _ language: String) -> String {
            ids.map { name($0, language) }.joined(separator: language == "ja" ? "、" : ", ")
        }
        let what: (ja: String, en: String) =
            switch q.count {
            case .events: ("事象の数", "number of events")
            case .partners: ("参加した相手（重複なし）の数", "number of distinct partners taking part")
            case .series: ("シリーズ（重複なし）の数", "number of distinct series")
            case .members: ("構成員の数", "number of members")
            case .editions: ("シリーズの開催回数", "number of rounds held in each series")
            }
        var ja = ["データセットの記録から算出: \(what.ja)"]
        var en = ["Computed from the dataset's records: \(what.en)"]
        if !q.kinds.isEmpty {
            ja.append("種類: \(q.kinds.joined(separator: "、"))")
            en.append("kinds: \(q.kinds.joined(separator: ", "))")
        }
        if !q.series.isEmpty {
            ja.append("シリーズ: \(q.series.joined(separator: "、"))")
            en.append("series: \(q.series.joined(separator: ", "))")
        }
        if !q.with.isEmpty {
            ja.append("参加者（すべて）: \(actors(q.with, "ja"))")
            en.append("with every one of: \(actors(q.with, "en"))")
        }
        if !q.withAny.isEmpty {
            ja.append("参加者（いずれか）: \(actors(q.withAny, "ja"))")
            en.append("with any of: \(actors(q.withAny, "en"))")
        }
        if !q.roles.isEmpty {
            ja.append("役割: \(q.roles.joined(separator: "、"))")
            en.append("roles: \(q.roles.joined(separator: ", "))")
        }
        if !q.themes.isEmpty {
            ja.append("分野: \(q.themes.joined(separator: "、"))")
            en.append("themes: \(q.themes.joined(separator: ", "))")
        }
        if !q.citedBy.isEmpty {
            ja.append("出典: \(q.citedBy.joined(separator: "、"))")
            en.append("cited by: \(q.citedBy.joined(separator: ", "))")
        }
        if let from = q.from {
            ja.append("開始: \(from) 以降")
            en.append("from \(from)")
        }
        if let until = q.until {
            ja.append("終了: \(until) まで")
            en.append("until \(until)")
        }
        if !q.exclude.isEmpty {
            ja.append("除外: \(actors(q.exclude, "ja"))")
            en.append("excluding \(actors(q.exclude, "en"))")
        }
        let per = q.per ?? .fiscalYear
        ja.append(per == .fiscalYear ? "年度ごと" : "暦年ごと")
        en.append(per == .fiscalYear ? "per fiscal year (1 April to 31 March)" : "per calendar year")
        var text = LocalizedText(ja: ja.joined(separator: "、") + "。", en: en.joined(separator: "; ") + ".")
        let n = indicator.undetermined
        if n > 0 {
            text.ja += "日付が一つの期間に収まらない \(n) 件（年度・期間・「以前／以降」のみ、または日付不明）は、どの期間にも数えていない。"
            text.en += " \(n) matching events have dates that lie in no single period (a span, a bound, or undated) and are counted in none."
        }
        return text
    }

    // MARK: - Shared parts

    /// Whether a day lies on or before the date the file stands at: then it is past, and its
    /// date is actual rather than planned.
    private func isKnown(_ day: PartialDate.Day) -> Bool { reference.map { day <= $0 } ?? true }

    /// ActivityStatus of an event from the file's date. A lasting kind with no recorded end is
    /// still in implementation; any other event is over after the last day its dates can mean.
    private func status(of event: Event) -> String {
        if event.end == nil && Self.lastingKinds.contains(event.kind) {
            return status(start: event.date.earliest!, last: nil)
        }
        return status(start: event.date.earliest!, last: event.end?.lastDay ?? event.date.latest)
    }

    /// ActivityStatus from the file's date: 1 pipeline, 2 implementation, 4 closed; an
    /// unknown end (`last` nil) keeps a started activity in implementation.
    private func status(start: PartialDate.Day, last: PartialDate.Day?) -> String {
        guard let reference else { return "4" }
        if start > reference { return "1" }
        guard let last else { return "2" }
        return last > reference ? "2" : "4"
    }

    private func activityDate(_ x: inout XMLText, type: String, day: PartialDate.Day, note: LocalizedText?) {
        if let note {
            x.texts("activity-date", [("type", type), ("iso-date", "\(day)")], note)
        } else {
            x.empty("activity-date", [("type", type), ("iso-date", "\(day)")])
        }
    }

    /// How a date coarser than a day was turned into one; nil for a day.
    /// The note on an activity's start: how coarse its date is, or what bound stands for it.
    func startNote(_ event: Event) -> LocalizedText? {
        if let exact = event.date.exact { return precisionNote(exact, asEnd: false, resolved: event.dateNote) }
        return boundNote(event.date, asEnd: false)
    }

    /// For a date known only to lie after a day or within a span: which day stands for its
    /// start or end.
    func boundNote(_ date: EventDate, asEnd: Bool) -> LocalizedText? {
        let what = asEnd ? (ja: "終了", en: "end") : (ja: "開始", en: "start")
        guard let day = asEnd ? date.latest : date.earliest else { return nil }
        switch date {
        case .between(let a, let b):
            return LocalizedText(
                ja: "日付は\(a.iso)～\(b.iso)のいずれかとしか分からない。\(what.ja)はその\(asEnd ? "最終日" : "初日") \(day) で代用した。",
                en: "The date is known only to lie between \(a.iso) and \(b.iso); \(day), the \(asEnd ? "last" : "first") day of that span, stands for the \(what.en).")
        case .notBefore(let d):
            return LocalizedText(
                ja: "日付は\(d.iso)以降としか分からない。\(what.ja)はその初日 \(day) で代用した。",
                en: "The date is known only to be not before \(d.iso); \(day) stands for the \(what.en).")
        default: return nil
        }
    }

    func precisionNote(_ date: PartialDate, asEnd: Bool, resolved: String?) -> LocalizedText? {
        let day = asEnd ? date.lastDay : date.firstDay
        let edge = asEnd ? (ja: "最終日", en: "last") : (ja: "初日", en: "first")
        let what = asEnd ? (ja: "終了", en: "end") : (ja: "開始", en: "start")
        var note: LocalizedText? =
            switch date.precision {
            case .day: nil
            case .month:
                LocalizedText(
                    ja: "\(what.ja)は月まで判明（\(date.iso)）。その月の\(edge.ja) \(day) で代用した。",
                    en: "The \(what.en) is known to the month (\(date.iso)); \(day), the \(edge.en) day of that month, stands for it.")
            case .year:
                LocalizedText(
                    ja: "\(what.ja)は年まで判明（\(date.iso)）。その年の\(edge.ja) \(day) で代用した。",
                    en: "The \(what.en) is known to the year (\(date.iso)); \(day), the \(edge.en) day of that year, stands for it.")
            case .fiscalYear:
                LocalizedText(
                    ja: "\(what.ja)は年度まで判明（\(date.year)年度、\(date.firstDay)〜\(date.lastDay)）。その年度の\(edge.ja) \(day) で代用した。",
                    en: "The \(what.en) is known to the fiscal year (FY\(date.year), \(date.firstDay) to \(date.lastDay)); \(day), the \(edge.en) day of that fiscal year, stands for it.")
            }
        if let resolved {
            let resolution = LocalizedText(ja: "相対的な日付の解決: \(resolved)。", en: "Relative date resolved: \(resolved).")
            note = note.map { LocalizedText(ja: $0.ja + resolution.ja, en: $0.en + " " + resolution.en) } ?? resolution
        }
        return note
    }

    private func sourceNotes(_ citations: [Citation]) -> [LocalizedText] {
        citations.map { citation in
            let title = sources[citation.source]?.title ?? LocalizedText(ja: citation.source, en: citation.source)
            return LocalizedText(ja: "出典: \(title.ja)「\(citation.locator)」", en: "Source: \(title.en) — \(citation.locator)")
        }
    }

    /// The newest first day of the cited sources, as an xsd:dateTime.
    /// The day the activity's data last changed: the release that last changed the record when
    /// the store has a history, else the newest source it cites.
    private func lastUpdated(_ citations: [Citation], history: RecordHistory? = nil) -> String? {
        if let history, history.lastChanged.count == 10 { return "\(history.lastChanged)T00:00:00Z" }
        return citations.compactMap { sources[$0.source]?.day }.max().map { "\($0)T00:00:00Z" }
    }

    private func names(_ id: String) -> LocalizedText {
        actors[id]?.name ?? LocalizedText(ja: id, en: id)
    }

    private func name(_ id: String, _ language: String) -> String { names(id).text(in: language) }

    /// Several notes as one text per language, a line each.
    private func lines(_ notes: [LocalizedText]) -> LocalizedText {
        LocalizedText(ja: notes.map(\.ja).joined(separator: "\n"), en: notes.map(\.en).joined(separator: "\n"))
    }

    /// `n` equal percentages that add up to exactly 100, with two decimals at most.
    public static func shares(_ n: Int) -> [String] {
        guard n > 1 else { return n == 1 ? ["100"] : [] }
        let base = 10_000 / n
        let extra = 10_000 % n
        return (0..<n).map { i in
            let hundredths = base + (i < extra ? 1 : 0)
            let whole = hundredths / 100
            let cents = hundredths % 100
            if cents == 0 { return String(whole) }
            return cents % 10 == 0 ? "\(whole).\(cents / 10)" : "\(whole).\(cents < 10 ? "0" : "")\(cents)"
        }
    }

    /// An amount with thousands separators and its currency code: `200,000,000 JPY`.
    static func money(_ m: Money) -> String {
        let digits = String(m.value.magnitude)
        var grouped = ""
        for (i, c) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { grouped.append(",") }
            grouped.append(c)
        }
        return "\(m.value < 0 ? "-" : "")\(grouped) \(m.currency)"
    }

    // MARK: - Code tables

    /// Participant role → OrganisationRole: 1 Funding, 4 Implementing. Beneficiaries become
    /// recipients and target groups; the other roles have no IATI counterpart.
    static let roles: [String: String] = [
        "funder": "1", "implementer": "4", "organiser": "4", "host": "4", "participant": "4",
    ]

    /// Actor kind → OrganisationType: 10 Government, 40 Multilateral, 70 Private Sector,
    /// 80 Academic, Training and Research.
    /// 15 Other Public Sector for CERTs; anything else is 90 Other.
    static let organisationTypes: [String: String] = [
        "state": "10", "economy": "10", "government-body": "10", "agency": "10", "cert": "15",
        "organization": "40", "company": "70", "academia": "80",
    ]

    /// Organisation identifiers known to be registered (OECD DAC codes under the XM-DAC prefix).
    static let organisationRefs: [String: String] = ["JP": "XM-DAC-701", "jica": "XM-DAC-701-8"]

    /// Regional bodies as regions: ASEAN as UN M49 South-eastern Asia (035), RegionVocabulary 2 (UN).
    static let regions: [String: (code: String, vocabulary: String)] = ["asean": ("035", "2")]

    /// States that are never recipients: Japan reports, the EU is no country.
    static let notRecipients: Set<String> = ["JP", "EU"]

    /// Event kind → AidType (OECD DAC): B03 specific-purpose programmes and funds, C01 project-type
    /// interventions, D01 donor country personnel, D02 other technical assistance.
    static let aidTypes: [String: String] = [
        "training": "D02", "technical-cooperation": "D02", "workshop": "D02", "seminar": "D02",
        "expert-dispatch": "D01", "fund-contribution": "B03", "loan-project": "C01", "grant-project": "C01",
        "equipment-provision": "C01", "centre-establishment": "C01",
    ]

    /// Event kinds that last beyond the date they are recorded at: projects, cooperation, dispatches.
    static let lastingKinds: Set<String> = ["loan-project", "grant-project", "technical-cooperation", "expert-dispatch"]

    /// Event kind → FinanceType, where the kind says it: 110 standard grant, 421 standard loan.
    static let financeTypes: [String: String] = ["loan-project": "421", "grant-project": "110"]

    /// The DAC 5-digit purpose codes used, with their names from the Sector codelist.
    static let sectorNames: [String: LocalizedText] = [
        "15130": LocalizedText(ja: "法制度・司法の整備", en: "Legal and judicial development"),
        "15210": LocalizedText(ja: "安全保障制度の管理と改革", en: "Security system management and reform"),
        "22040": LocalizedText(ja: "情報通信技術（ICT）", en: "Information and communication technology (ICT)"),
    ]

    static let terms: [String: (ja: String, en: String)] = [
        "short": ("短期アウトカム", "Short-term outcome"), "mid": ("中期アウトカム", "Mid-term outcome"),
        "long": ("長期アウトカム", "Long-term outcome"),
    ]
}

/// XML text built element by element, two spaces per level, escaped for content and attributes.
struct XMLText {
    private(set) var text = ""
    private var depth: Int

    init(indent: Int) { depth = indent }

    mutating func open(_ name: String, _ attributes: [(String, String)] = []) {
        line("<\(name)\(Self.attributes(attributes))>")
        depth += 1
    }

    mutating func close(_ name: String) {
        depth -= 1
        line("</\(name)>")
    }

    mutating func empty(_ name: String, _ attributes: [(String, String)] = []) {
        line("<\(name)\(Self.attributes(attributes))/>")
    }

    mutating func leaf(_ name: String, _ attributes: [(String, String)] = [], text: String) {
        line("<\(name)\(Self.attributes(attributes))>\(Self.content(text))</\(name)>")
    }

    /// An element holding one narrative per language, Japanese first.
    mutating func texts(_ name: String, _ attributes: [(String, String)], _ value: LocalizedText) {
        open(name, attributes)
        leaf("narrative", [("xml:lang", "ja")], text: value.ja)
        leaf("narrative", [("xml:lang", "en")], text: value.en)
        close(name)
    }

    private mutating func line(_ s: String) {
        text += String(repeating: "  ", count: depth) + s + "\n"
    }

    /// Element content: markup escaped, a carriage return kept as a character reference so
    /// that parsers do not fold it into a line feed.
    static func content(_ s: String) -> String {
        MarkupEscaping.xml(s).replacingOccurrences(of: "\r", with: "&#13;")
    }

    /// Attribute values keep their line breaks and tabs as character references.
    static func attributes(_ list: [(String, String)]) -> String {
        list.map { name, value in
            let escaped = MarkupEscaping.xml(value)
                .replacingOccurrences(of: "\r", with: "&#13;")
                .replacingOccurrences(of: "\n", with: "&#10;")
                .replacingOccurrences(of: "\t", with: "&#9;")
            return " \(name)=\"\(escaped)\""
        }.joined()
    }
}
