/// A measure defined as a query over the events; its values are computed when the store is built.
public struct Indicator: DatasetRecord, Hashable {
    public static let collection = Collection.indicators

    public var id: String
    public var name: LocalizedText
    public var budget: String?
    public var output: String?
    public var query: Query
    /// Computed per period of the indicator's ``periodKind``, sorted by period: what certainly
    /// lies in each, and how many more could.
    public var values: [Value]
    /// Computed: the matching events that lie in no single period (a bound, a span, undated).
    public var undetermined: Int
    /// The kind of period the values are counted by: the query's `per`, fiscal years otherwise.
    public var periodKind: Period { query.per ?? .fiscalYear }
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
        case periodKind = "period_kind"
    }

    public init(
        id: String, name: LocalizedText, budget: String? = nil, output: String? = nil, query: Query,
        values: [Value] = [], undetermined: Int = 0, sources: [Citation] = []
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

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decode(String.self, forKey: .id)
        name = try c.decode(LocalizedText.self, forKey: .name)
        budget = try c.decodeIfPresent(String.self, forKey: .budget)
        output = try c.decodeIfPresent(String.self, forKey: .output)
        query = try c.decode(Query.self, forKey: .query)
        values = try c.decodeIfPresent([Value].self, forKey: .values) ?? []
        undetermined = try c.decodeIfPresent(Int.self, forKey: .undetermined) ?? 0
        sources = try c.decode([Citation].self, forKey: .sources)
        status = try c.decodeIfPresent(String.self, forKey: .status)
        reason = try c.decodeIfPresent(LocalizedText.self, forKey: .reason)
        replacedBy = try c.decodeIfPresent(String.self, forKey: .replacedBy)
    }

    /// Encodes the record as in the canonical JSON, with the kind of period its values count by.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(name, forKey: .name)
        try c.encodeIfPresent(budget, forKey: .budget)
        try c.encodeIfPresent(output, forKey: .output)
        try c.encode(query, forKey: .query)
        try c.encode(periodKind, forKey: .periodKind)
        try c.encode(values, forKey: .values)
        try c.encode(undetermined, forKey: .undetermined)
        try c.encode(sources, forKey: .sources)
        try c.encodeIfPresent(status, forKey: .status)
        try c.encodeIfPresent(reason, forKey: .reason)
        try c.encodeIfPresent(replacedBy, forKey: .replacedBy)
    }

    /// One computed value: a period (`2018`, `FY2018`), the events that certainly lie in it, and
    /// how many more could (their dates allow this period and others).
    public struct Value: Codable, Hashable, Sendable {
        public var period: String
        public var value: Int
        public var undetermined: Int
        public init(period: String, value: Int, undetermined: Int = 0) {
            self.period = period
            self.value = value
            self.undetermined = undetermined
        }

        enum CodingKeys: String, CodingKey { case period, value, undetermined }

        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            period = try c.decode(String.self, forKey: .period)
            value = try c.decode(Int.self, forKey: .value)
            undetermined = try c.decodeIfPresent(Int.self, forKey: .undetermined) ?? 0
        }

        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(period, forKey: .period)
            try c.encode(value, forKey: .value)
            if undetermined > 0 { try c.encode(undetermined, forKey: .undetermined) }
        }
    }

    /// The indicator with its values computed from the evaluator that saw every event.
    public func computed(by evaluator: QueryEvaluator) -> Indicator {
        var copy = self
        let counts = evaluator.counts(per: periodKind)
        copy.values = counts.periods.map {
            Value(period: $0, value: counts.values[$0] ?? 0, undetermined: counts.undeterminedIn[$0] ?? 0)
        }
        copy.undetermined = counts.undetermined
        return copy
    }
}
