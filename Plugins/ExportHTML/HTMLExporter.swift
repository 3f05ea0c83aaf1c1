import Foundation
import RenkeiExport
import RenkeiModel

/// Writes the report people read: a bilingual static site (`site/`) with an overview, charts
/// and tables per year, a timeline, the partner network, the capacity-building, proposal and
/// attribution tables, the logic model, and a page per actor, series and event.
///
/// Streaming: event pages and the rows of the proposal and attribution tables are written as
/// their records arrive. Memory holds what is bounded by the dataset's vocabulary — names,
/// kinds and parents of actors, names of persons, themes and series, the source documents, and
/// counts per actor, series, kind and year. What grows with the events (a summary of each, who
/// took part in it) and the memberships goes to a scratch database on disk (``EventIndex``),
/// from which the timeline, the tables and the actor and series pages are streamed at the end.
/// Whole records are read back through `context.lookup` when their page is written.
public final class HTMLExporter: Exporter {
    public static let description = ExporterDescription(
        id: "html", name: "Static HTML report",
        files: [
            "site/index.html", "site/*.html", "site/actors/*.html", "site/series/*.html", "site/events/*.html",
            "site/style.css", "site/lang.js", "site/search.js", "site/search-index.js", "site/filter.js",
        ],
        mediaType: "text/html",
        summary: "A bilingual static site to read in a browser, offline: overview, charts per year, timeline, partner network, tables, and a page per actor, series and event.",
        version: "1.0.0")

    public init() {}

    // MARK: What is kept while records stream past

    /// What the site needs of an actor: its names, kind, parent and members.
    struct ActorSummary {
        let name: LocalizedText
        let kind: String
        let parent: String?
        let members: [String]
        /// A short label for the network (`米国`, `United States`).
        let label: LocalizedText
    }

    /// What the summary pages need of an event; its page holds the rest. Kept in the
    /// ``EventIndex``, not in memory.
    struct EventSummary {
        let id: String
        let kind: String
        let title: LocalizedText
        let date: EventDate
        let end: PartialDate?
        let series: String?
        let ordinal: Int?
        let participants: [Participant]
        let isProject: Bool
        /// Deprecated or replaced: listed struck through, and left out of every count.
        var retired = false
    }

    /// A post held in an organisation, listed on the organisation's page; kept in the
    /// ``EventIndex``.
    struct MembershipRef {
        let id: String
        let person: String
        let role: LocalizedText
        let start: PartialDate?
        let end: PartialDate?
    }

    /// An indicator's name and computed values, shown in the logic model.
    struct IndicatorSummary {
        let id: String
        let name: LocalizedText
        let budget: String?
        let output: String?
        let periodKind: Period
        let values: [Indicator.Value]
        /// Matching events that lie in no single period.
        let undetermined: Int
    }

    var context: ExportContext!
    var frame: PageFrame!
    var proposalsFile: OutputFile?
    var searchIndexFile: OutputFile?
    var attributionsFile: OutputFile?
    var proposalRows = 0
    var attributionRows = 0

    /// Where events and memberships are kept until the end.
    var index: EventIndex!
    var actors: [String: ActorSummary] = [:]
    var persons: [String: LocalizedText] = [:]
    var themes: [String: (name: LocalizedText, parent: String?)] = [:]
    var series: [String: (name: LocalizedText, kind: String)] = [:]
    /// The source documents, few by nature: the overview lists them by date.
    var sources: [String: Source] = [:]
    var indicators: [IndicatorSummary] = []
    var budgetIDs: [String] = []
    var capacityBuildingThemes: Set<String>?

    // Counts kept as events arrive, bounded by the number of actors, series, kinds and years.
    var eventCount = 0
    /// Events each actor took part in.
    var eventsPerActor: [String: Int] = [:]
    /// Posts held in each organisation.
    var membershipsPerOrganization: [String: Int] = [:]
    /// How many events each series has, and its earliest and latest.
    var seriesSpans: [String: SeriesSpan] = [:]
    /// Events per kind and calendar year they certainly lie in; the others (a fiscal year, a
    /// bound, a span, undated), per kind and date, bounded by the distinct dates.
    var calendarYearCounts: [String: [Int: Int]] = [:]
    var looseYearCounts: [String: [EventDate: Int]] = [:]
    /// The years of the timeline (the year each event is listed under), and whether an
    /// undated event closes it.
    var timelineYears = Set<Int>()
    var hasUndatedEvents = false
    /// Entries per row of the per-year consultation table.
    var consultationsPerPeriod: [String: Int] = [:]
    /// The partner network's weights.
    var partnerWeights: [Charts.Pair: Int] = [:]
    /// Who counts as a partner: the definition `renkei stats` shares.
    var cooperationPartners = CooperationPartners()

    /// A series' number of events and its first and last, in date order.
    struct SeriesSpan {
        var count: Int
        var first: (date: EventDate, id: String)
        var last: (date: EventDate, id: String)
    }

    // MARK: Lifecycle

    public func begin(_ context: ExportContext) throws {
        self.context = context
        frame = PageFrame(info: context.info)
        // Ids hold no '.', so "<output>.index" is no other exporter's folder.
        index = try EventIndex(directory: context.output.root + ".index")
        let css = try context.output.create("site/style.css")
        try css.write(SiteAssets.stylesheet)
        try css.close()
        let js = try context.output.create("site/lang.js")
        try js.write(SiteAssets.languageScript)
        try js.close()

        let filter = try context.output.create("site/filter.js")
        try filter.write(Self.filterScript)
        try filter.close()
        let search = try context.output.create("site/search.js")
        try search.write(Self.searchScript)
        try search.close()
        // The search index grows line by line as records arrive.
        let searchIndex = try context.output.create("site/search-index.js")
        try searchIndex.write("window.RENKEI_INDEX = [\n")
        searchIndexFile = searchIndex

        let proposals = try context.output.create("site/proposals.html")
        proposalsFile = proposals
        try proposals.write(proposalsHead())
        let attributions = try context.output.create("site/attributions.html")
        attributionsFile = attributions
        try attributions.write(attributionsHead())
    }

    public func write(_ record: AnyRecord) throws {
        try searchIndexFile?.write(try searchIndexLine(record) + ",\n")
        switch record {
        case .source(let s):
            sources[s.id] = s
        case .actor(let a):
            actors[a.id] = ActorSummary(name: a.name, kind: a.kind, parent: a.parent, members: a.members, label: Self.shortLabel(a))
            cooperationPartners.add(a)
        case .person(let p):
            persons[p.id] = p.name
        case .membership(let m):
            try index.add(MembershipRef(id: m.id, person: m.person, role: m.role, start: m.start, end: m.end), organization: m.organization)
            membershipsPerOrganization[m.organization, default: 0] += 1
        case .theme(let t):
            themes[t.id] = (t.name, t.parent)
        case .series(let s):
            series[s.id] = (s.name, s.kind)
        case .event(let e):
            try add(e)
        case .attribution(let a):
            try attributionsFile?.write(try attributionRow(a))
            attributionRows += 1
        case .proposal(let p):
            try proposalsFile?.write(proposalRow(p))
            proposalRows += 1
        case .budget(let b):
            budgetIDs.append(b.id)
        case .indicator(let i):
            indicators.append(
                IndicatorSummary(id: i.id, name: i.name, budget: i.budget, output: i.output, periodKind: i.periodKind,
                                 values: i.values, undetermined: i.undetermined))
        case .claim, .assessment:
            break
        }
    }

    /// Closes the scratch index (rolling back its transaction) when the run fails.
    public func abort() { index?.close() }

    public func finish() throws {
        defer { index.close() }
        try index.finishWriting()
        try writePage("site/index.html", overviewPage())
        if let proposalsFile {
            try proposalsFile.write(tableTail(rows: proposalRows, columns: 4))
            try proposalsFile.close()
        }
        if let attributionsFile {
            try attributionsFile.write(tableTail(rows: attributionRows, columns: 6))
            try attributionsFile.close()
        }
        try writeFile("site/years.html", writeYears)
        try writeFile("site/timeline.html", writeTimeline)
        try writePage("site/network.html", networkPage())
        try writeFile("site/projects.html", writeProjects)
        try writePage("site/logic-model.html", logicModelPage())
        try writePage("site/actors.html", actorsIndexPage())
        try writePage("site/series.html", seriesIndexPage())
        try writePage("site/changes.html", try changesPage())
        if let searchIndexFile {
            try searchIndexFile.write("];\n")
            try searchIndexFile.close()
        }
        try writePage("site/search.html", searchPage())
        try writePage("site/downloads.html", downloadsPage())
        for id in actors.keys.sorted() {
            // The actor's own record is read back; its events are streamed from the index.
            guard let actor = context.lookup.actor(id) else { continue }
            try writeFile("site/actors/\(Markup.fileName(id)).html") { try writeActorPage(actor, to: $0) }
        }
        for id in series.keys.sorted() {
            guard let s = context.lookup.series(id) else { continue }
            try writeFile("site/series/\(Markup.fileName(id)).html") { try writeSeriesPage(s, to: $0) }
        }
    }

    func writePage(_ path: String, _ html: String) throws {
        try writeFile(path) { try $0.write(html) }
    }

    /// Writes a page piece by piece, for pages whose size grows with the number of events.
    func writeFile(_ path: String, _ body: (OutputFile) throws -> Void) throws {
        let file = try context.output.create(path)
        try body(file)
        try file.close()
    }

    /// Keeps the event's summary in the index, counts it and writes its page.
    func add(_ e: Event) throws {
        if capacityBuildingThemes == nil { capacityBuildingThemes = Self.capacityBuildingThemes(themes) }
        let isProject =
            Self.projectKinds.contains(e.kind)
            && (e.themes.contains(where: { capacityBuildingThemes!.contains($0) }) || e.participants.contains { $0.role == "beneficiary" })
        let summary = EventSummary(
            id: e.id, kind: e.kind, title: e.title, date: e.date, end: e.end, series: e.series, ordinal: e.ordinal,
            participants: e.participants, isProject: isProject, retired: e.isRetired)
        let period = Self.tableKinds.contains(e.kind) && !e.isRetired ? e.date.calendarYear.map { String($0) } ?? e.date.description : nil
        try index.add(summary, consultationPeriod: period)
        count(summary, consultationPeriod: period)
        try writePage("site/events/\(Markup.fileName(e.id)).html", eventPage(e))
    }

    /// Adds an event to the counts the pages need.
    func count(_ e: EventSummary, consultationPeriod: String?) {
        eventCount += 1
        // A retired event keeps its page and its struck-through line in the timeline; no count has it.
        guard !e.retired else { return }
        for actor in Set(e.participants.map(\.actor)) { eventsPerActor[actor, default: 0] += 1 }
        if let s = e.series {
            let key = (date: e.date, id: e.id)
            if var span = seriesSpans[s] {
                span.count += 1
                if key < span.first { span.first = key }
                if span.last < key { span.last = key }
                seriesSpans[s] = span
            } else {
                seriesSpans[s] = SeriesSpan(count: 1, first: key, last: key)
            }
        }
        if let year = e.date.calendarYear {
            calendarYearCounts[e.kind, default: [:]][year, default: 0] += 1
        } else {
            looseYearCounts[e.kind, default: [:]][e.date, default: 0] += 1
        }
        if let year = e.date.indexYear { timelineYears.insert(year) } else { hasUndatedEvents = true }
        if let consultationPeriod { consultationsPerPeriod[consultationPeriod, default: 0] += 1 }
        countPartners(e)
    }

    // MARK: Rules the pages share

    /// Kinds of event that are activities of capacity building when they carry its theme or
    /// have a beneficiary.
    static let projectKinds: Set<String> = [
        "training", "workshop", "seminar", "exercise", "expert-dispatch", "technical-cooperation", "grant-project",
        "loan-project", "fund-contribution", "equipment-provision", "centre-establishment",
    ]

    /// Themes about capacity building: those whose name says so (能力構築, capacity building),
    /// and every theme below them.
    static func capacityBuildingThemes(_ themes: [String: (name: LocalizedText, parent: String?)]) -> Set<String> {
        var found = Set(themes.filter { $0.value.name.ja.contains("能力構築") || $0.value.name.en.lowercased().contains("capacity building") }.keys)
        var grew = true
        while grew {
            grew = false
            for (id, theme) in themes where !found.contains(id) {
                if let parent = theme.parent, found.contains(parent) {
                    found.insert(id)
                    grew = true
                }
            }
        }
        return found
    }

    /// Japan's own side: `JP`, the bodies named by the dataset's `jp-` convention, and
    /// anything whose parent chain reaches one of them.
    func isJapan(_ id: String) -> Bool { cooperationPartners.isJapan(id) }

    /// The state an actor belongs to (itself, or the first ancestor that is a state); the
    /// actor itself when it belongs to none.
    func rollUp(_ id: String) -> String { cooperationPartners.rollUp(id) }

    func name(_ id: String) -> LocalizedText { actors[id]?.name ?? LocalizedText(ja: id, en: id) }

    /// A link to an actor's page, or its id when the dataset does not know it.
    func actorLink(_ id: String, depth: Int, short: Bool = false) -> String {
        guard let a = actors[id] else { return Markup.h(id) }
        let up = depth == 0 ? "" : "../"
        return "<a href=\"\(up)actors/\(Markup.fileName(id)).html\">\(Markup.bi(short ? a.label : a.name))</a>"
    }

    func seriesLink(_ id: String, depth: Int) -> String {
        guard let s = series[id] else { return Markup.h(id) }
        let up = depth == 0 ? "" : "../"
        return "<a href=\"\(up)series/\(Markup.fileName(id)).html\">\(Markup.bi(s.name))</a>"
    }

    func eventLink(_ e: EventSummary, depth: Int) -> String {
        let up = depth == 0 ? "" : "../"
        let link = "<a href=\"\(up)events/\(Markup.fileName(e.id)).html\">\(Markup.bi(e.title))</a>"
        return e.retired ? "<del>\(link)</del>" : link
    }

    /// A short label for the network: a name or alias of at most a few characters.
    static func shortLabel(_ a: Actor) -> LocalizedText {
        func fits(_ s: String, _ limit: Int) -> Bool { s.count <= limit && !s.isEmpty }
        func longest(_ list: [String]) -> String? {
            list.sorted { ($0.count, $0) > ($1.count, $1) }.first
        }
        let asciiAliases = a.aliases.filter { $0.unicodeScalars.allSatisfy(\.isASCII) && $0.count >= 2 }
        let otherAliases = a.aliases.filter { !$0.unicodeScalars.allSatisfy(\.isASCII) && $0.count >= 2 }
        let en = fits(a.name.en, 16) ? a.name.en : longest(asciiAliases.filter { fits($0, 16) }) ?? truncated(a.name.en, 16)
        let ja =
            fits(a.name.ja, 8)
            ? a.name.ja
            : longest(otherAliases.filter { fits($0, 8) }) ?? longest(a.aliases.filter { fits($0, 16) }) ?? truncated(a.name.ja, 10)
        return LocalizedText(ja: ja, en: en)
    }

    static func truncated(_ s: String, _ limit: Int) -> String {
        s.count <= limit ? s : String(s.prefix(limit - 1)) + "…"
    }
}
