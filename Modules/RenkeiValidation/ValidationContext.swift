import RenkeiModel

/// What rules see of a dataset: its records in a ``RecordSet``, and in memory only the small
/// collections other records refer to (sources, actors, themes, budgets, indicators, claims) and
/// each series' kind, with the indexes rules share.
public struct ValidationContext: Sendable {
    /// The dataset's name, version and declared assertions.
    public let info: DatasetInfo
    public let assertions: DatasetAssertions?
    /// Every record, read back as rules ask.
    public let records: any RecordSet
    /// The small collections, in load order.
    public let sources: [Source]
    public let actorList: [Actor]
    public let themes: [Theme]
    public let budgets: [Budget]
    public let indicators: [Indicator]
    public let claims: [Claim]
    public let actors: ActorDirectory
    public let sourceDates: [String: PartialDate]
    /// Each series' kind, by id (the first series with an id).
    public let seriesKinds: [String: String]
    /// The ids of retired records.
    public let retiredIDs: Set<String>
    /// The ids of the records of ``indexedCollections``, with their collections in canonical order.
    private let smallIDs: [String: [Collection]]

    /// The collections whose ids are held in memory; the others are looked up in ``records``.
    static let indexedCollections: [Collection] = [.sources, .actors, .persons, .themes, .series, .proposals, .budgets, .indicators, .claims]

    public init(info: DatasetInfo, assertions: DatasetAssertions?, records: any RecordSet) {
        self.info = info
        self.assertions = assertions
        self.records = records
        func load<T>(_ collection: Collection, _ pick: (AnyRecord) -> T?) -> [T] {
            var out: [T] = []
            records.forEachInLoadOrder(collection) { if let r = pick($0) { out.append(r) } }
            return out
        }
        sources = load(.sources) { if case .source(let r) = $0 { r } else { nil } }
        actorList = load(.actors) { if case .actor(let r) = $0 { r } else { nil } }
        themes = load(.themes) { if case .theme(let r) = $0 { r } else { nil } }
        budgets = load(.budgets) { if case .budget(let r) = $0 { r } else { nil } }
        indicators = load(.indicators) { if case .indicator(let r) = $0 { r } else { nil } }
        claims = load(.claims) { if case .claim(let r) = $0 { r } else { nil } }
        actors = ActorDirectory(actorList)
        sourceDates = Dictionary(sources.map { ($0.id, $0.date) }, uniquingKeysWith: { a, _ in a })
        var ids: [String: [Collection]] = [:]
        for collection in Self.indexedCollections {
            records.forEachID(in: [collection]) { ids[$0, default: []].append(collection) }
        }
        smallIDs = ids
        retiredIDs = records.retiredIDs()
        var kinds: [String: String] = [:]
        records.forEachInLoadOrder(.series) { if case .series(let s) = $0, kinds[s.id] == nil { kinds[s.id] = s.kind } }
        seriesKinds = kinds
    }

    /// Whether `id` names a record of `collection`.
    public func exists(_ id: String, in collection: Collection) -> Bool {
        if Self.indexedCollections.contains(collection) { return smallIDs[id]?.contains(collection) ?? false }
        return records.collections(of: id).contains(collection)
    }

    /// The collections that have a record with id `id`, in canonical order.
    public func collections(of id: String) -> [Collection] {
        let small = smallIDs[id] ?? []
        let large = records.collections(of: id).filter { !Self.indexedCollections.contains($0) }
        return (small + large).sorted { $0.rank < $1.rank }
    }
}
