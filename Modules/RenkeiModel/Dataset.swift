import Foundation

/// The dataset's name, version and title, from `data/dataset.yaml`.
public struct DatasetInfo: Codable, Hashable, Sendable {
    public var name: String
    public var version: String
    public var title: LocalizedText?
    public var license: String?
    /// The day this version was released: the bundle's Bagging-Date and its files' time.
    public var released: PartialDate?
    /// Who compiles and publishes the dataset, as aid-transparency formats name a reporting
    /// organisation (IATI's `reporting-org`).
    public var reportingOrg: ReportingOrganisation?

    enum CodingKeys: String, CodingKey {
        case name, version, title, license, released
        case reportingOrg = "reporting_org"
    }

    public init(
        name: String, version: String, title: LocalizedText? = nil, license: String? = nil, released: PartialDate? = nil,
        reportingOrg: ReportingOrganisation? = nil
    ) {
        self.name = name
        self.version = version
        self.title = title
        self.license = license
        self.released = released
        self.reportingOrg = reportingOrg
    }
}

/// The organisation that compiles and publishes the dataset: its organisation identifier, its
/// IATI OrganisationType code and its name.
public struct ReportingOrganisation: Codable, Hashable, Sendable {
    public var ref: String
    public var type: String
    public var name: LocalizedText

    public init(ref: String, type: String, name: LocalizedText) {
        self.ref = ref
        self.type = type
        self.name = name
    }
}

/// A whole dataset held in memory, as loaded from the source files.
///
/// Used by loading and validation; exporters never see it — they read the store with cursors.
public struct Dataset: Sendable {
    public var info: DatasetInfo
    public var sources: [Source] = []
    public var actors: [Actor] = []
    public var persons: [Person] = []
    public var memberships: [Membership] = []
    public var themes: [Theme] = []
    public var series: [Series] = []
    public var events: [Event] = []
    public var attributions: [Attribution] = []
    public var proposals: [Proposal] = []
    public var budgets: [Budget] = []
    public var indicators: [Indicator] = []
    public var claims: [Claim] = []
    public var assessments: [Assessment] = []
    /// The checks of the dataset's shape declared in `data/dataset.yaml`, if any.
    public var assertions: DatasetAssertions?
    /// The release notes found under `data/releases/`, by version.
    public var releaseNotes: [ReleaseNotes] = []
    /// Where each field of the `dataset:` mapping is written (`version`), for findings.
    public var infoFields: [String: SourceLocation] = [:]

    public init(info: DatasetInfo) { self.info = info }

    /// The notes of the dataset's own version, when they are written.
    public var currentReleaseNotes: ReleaseNotes? { releaseNotes.first { $0.version == info.version } }

    /// Every record, collection by collection, each collection sorted by id.
    public var allRecords: [AnyRecord] {
        func sorted<T: DatasetRecord>(_ list: [T], _ wrap: (T) -> AnyRecord) -> [AnyRecord] {
            list.sorted { $0.id < $1.id }.map(wrap)
        }
        return sorted(sources, AnyRecord.source) + sorted(actors, AnyRecord.actor)
            + sorted(persons, AnyRecord.person) + sorted(memberships, AnyRecord.membership)
            + sorted(themes, AnyRecord.theme) + sorted(series, AnyRecord.series)
            + sorted(events, AnyRecord.event) + sorted(attributions, AnyRecord.attribution)
            + sorted(proposals, AnyRecord.proposal) + sorted(budgets, AnyRecord.budget)
            + sorted(indicators, AnyRecord.indicator) + sorted(claims, AnyRecord.claim)
            + sorted(assessments, AnyRecord.assessment)
    }

    /// Every record, collection by collection, each collection in the order it was loaded.
    public var allRecordsInLoadOrder: [AnyRecord] {
        sources.map(AnyRecord.source) + actors.map(AnyRecord.actor) + persons.map(AnyRecord.person)
            + memberships.map(AnyRecord.membership) + themes.map(AnyRecord.theme) + series.map(AnyRecord.series)
            + events.map(AnyRecord.event) + attributions.map(AnyRecord.attribution) + proposals.map(AnyRecord.proposal)
            + budgets.map(AnyRecord.budget) + indicators.map(AnyRecord.indicator) + claims.map(AnyRecord.claim)
            + assessments.map(AnyRecord.assessment)
    }

    /// Adds `record` at the end of its collection.
    public mutating func append(_ record: AnyRecord) {
        switch record {
        case .source(let r): sources.append(r)
        case .actor(let r): actors.append(r)
        case .person(let r): persons.append(r)
        case .membership(let r): memberships.append(r)
        case .theme(let r): themes.append(r)
        case .series(let r): series.append(r)
        case .event(let r): events.append(r)
        case .attribution(let r): attributions.append(r)
        case .proposal(let r): proposals.append(r)
        case .budget(let r): budgets.append(r)
        case .indicator(let r): indicators.append(r)
        case .claim(let r): claims.append(r)
        case .assessment(let r): assessments.append(r)
        }
    }

    /// The number of records in each collection.
    public var counts: [Collection: Int] {
        [
            .sources: sources.count, .actors: actors.count, .persons: persons.count,
            .memberships: memberships.count, .themes: themes.count, .series: series.count,
            .events: events.count, .attributions: attributions.count, .proposals: proposals.count,
            .budgets: budgets.count, .indicators: indicators.count, .claims: claims.count,
            .assessments: assessments.count,
        ]
    }

    /// Indicators and claims with their values computed over the events.
    public mutating func computeDerivedValues() {
        var derived = DerivedValues(indicators: indicators, claims: claims)
        for actor in actors { derived.add(actor) }
        for event in events { derived.add(event) }
        indicators = derived.indicators
        claims = derived.claims
    }
}

/// The values of indicators and claims, computed over the actors and then the events as they
/// stream past: what they hold is the evaluators' state, never the records.
public struct DerivedValues: Sendable {
    private let sourceIndicators: [Indicator]
    private let sourceClaims: [Claim]
    private var indicatorEvaluators: [QueryEvaluator]
    private var claimEvaluators: [QueryEvaluator]

    public init(indicators: [Indicator], claims: [Claim]) {
        sourceIndicators = indicators
        sourceClaims = claims
        indicatorEvaluators = indicators.map { QueryEvaluator($0.query) }
        claimEvaluators = claims.map { QueryEvaluator($0.query ?? Query(count: .events)) }
    }

    /// Adds an actor; every actor comes before the first event.
    public mutating func add(_ actor: Actor) {
        for i in indicatorEvaluators.indices { indicatorEvaluators[i].add(actor) }
        for i in claimEvaluators.indices { claimEvaluators[i].add(actor) }
    }

    public mutating func add(_ event: Event) {
        for i in indicatorEvaluators.indices { indicatorEvaluators[i].add(event) }
        for i in claimEvaluators.indices { claimEvaluators[i].add(event) }
    }

    /// The indicators with their values.
    public var indicators: [Indicator] { sourceIndicators.indices.map { sourceIndicators[$0].computed(by: indicatorEvaluators[$0]) } }
    /// The claims with their values and verdicts.
    public var claims: [Claim] { sourceClaims.indices.map { sourceClaims[$0].computed(by: claimEvaluators[$0]) } }
}

/// One record of any collection.
public enum AnyRecord: Sendable {
    case source(Source), actor(Actor), person(Person), membership(Membership), theme(Theme)
    case series(Series), event(Event), attribution(Attribution), proposal(Proposal)
    case budget(Budget), indicator(Indicator), claim(Claim), assessment(Assessment)

    /// The record as its protocol, for what all records share.
    public var base: any DatasetRecord {
        switch self {
        case .source(let r): r
        case .actor(let r): r
        case .person(let r): r
        case .membership(let r): r
        case .theme(let r): r
        case .series(let r): r
        case .event(let r): r
        case .attribution(let r): r
        case .proposal(let r): r
        case .budget(let r): r
        case .indicator(let r): r
        case .claim(let r): r
        case .assessment(let r): r
        }
    }

    public var collection: Collection { type(of: base).collection }
    public var id: String { base.id }

    /// The record with `meta` as its metadata.
    public func settingMeta(_ meta: RecordMeta) -> AnyRecord {
        switch self {
        case .source(var r): r.meta = meta; return .source(r)
        case .actor(var r): r.meta = meta; return .actor(r)
        case .person(var r): r.meta = meta; return .person(r)
        case .membership(var r): r.meta = meta; return .membership(r)
        case .theme(var r): r.meta = meta; return .theme(r)
        case .series(var r): r.meta = meta; return .series(r)
        case .event(var r): r.meta = meta; return .event(r)
        case .attribution(var r): r.meta = meta; return .attribution(r)
        case .proposal(var r): r.meta = meta; return .proposal(r)
        case .budget(var r): r.meta = meta; return .budget(r)
        case .indicator(var r): r.meta = meta; return .indicator(r)
        case .claim(var r): r.meta = meta; return .claim(r)
        case .assessment(var r): r.meta = meta; return .assessment(r)
        }
    }

    /// A record of `collection` from its JSON (as its type encodes itself).
    public static func decode(_ collection: Collection, from data: Data, using decoder: JSONDecoder = JSONDecoder()) throws -> AnyRecord {
        switch collection {
        case .sources: .source(try decoder.decode(Source.self, from: data))
        case .actors: .actor(try decoder.decode(Actor.self, from: data))
        case .persons: .person(try decoder.decode(Person.self, from: data))
        case .memberships: .membership(try decoder.decode(Membership.self, from: data))
        case .themes: .theme(try decoder.decode(Theme.self, from: data))
        case .series: .series(try decoder.decode(Series.self, from: data))
        case .events: .event(try decoder.decode(Event.self, from: data))
        case .attributions: .attribution(try decoder.decode(Attribution.self, from: data))
        case .proposals: .proposal(try decoder.decode(Proposal.self, from: data))
        case .budgets: .budget(try decoder.decode(Budget.self, from: data))
        case .indicators: .indicator(try decoder.decode(Indicator.self, from: data))
        case .claims: .claim(try decoder.decode(Claim.self, from: data))
        case .assessments: .assessment(try decoder.decode(Assessment.self, from: data))
        }
    }
}
