/// A measure defined as a query over the events; its values are computed when the store is built.
public struct Indicator: DatasetRecord, Hashable {
    public static let collection = Collection.indicators

    public var id: String
    public var name: LocalizedText
    public var budget: String?
    public var output: String?
    public var query: Query
    /// Computed per calendar year and per fiscal year, sorted by period.
    public var values: [Value]
    /// Events that matched but whose date is too coarse for a period of that grouping.
    public var undetermined: [Value]
    public var sources: [Citation]
    /// Retirement: `deprecated` (with a bilingual `reason`), or nil for a live record.
    public var status: String?
    /// Why the record was retired, in both languages.
    public var reason: LocalizedText?
    /// The record that takes this one's place (a merge or a corrected id).
    public var replacedBy: String?
    public var meta = RecordMeta()

    public var citations: [Citation] { sources }

    enum CodingKeys: String, CodingKey { case id, name, budget, output, query, values, undetermined, sources, status, reason
        case replacedBy = "replaced_by"
    }

    public init(
        id: String, name: LocalizedText, budget: String? = nil, output: String? = nil, query: Query,
        values: [Value] = [], undetermined: [Value] = [], sources: [Citation] = []
    ) {
        self.id = id
        self.name = name
        self.budget = budget
        self.output = output
        self.query = query
        self.values = values
        self.undetermined = undetermined
        self.sources = sources
    }

    /// One computed value: a period (`2018`, `FY2018`) and the count.
    public struct Value: Codable, Hashable, Sendable {
        public var period: String
        public var value: Int
        public init(period: String, value: Int) {
            self.period = period
            self.value = value
        }
    }

    /// The indicator with its values computed from the evaluator that saw every event.
    public func computed(by evaluator: QueryEvaluator) -> Indicator {
        var copy = self
        // Both groupings are always computed; `per` names the one the indicator is read by.
        let periods = Period.allCases
        copy.values = periods.flatMap { period in
            evaluator.counts(per: period).values.map { Value(period: $0.key, value: $0.value) }
        }.sorted { ($0.period.hasPrefix("FY") ? 1 : 0, $0.period) < ($1.period.hasPrefix("FY") ? 1 : 0, $1.period) }
        copy.undetermined = periods.compactMap { period in
            let n = evaluator.counts(per: period).undetermined
            return n > 0 ? Value(period: period.rawValue, value: n) : nil
        }
        return copy
    }
}
