/// A budget line and its logic model: activities lead to outputs (measured by indicators),
/// which lead to short-, mid- and long-term outcomes.
public struct Budget: DatasetRecord, Hashable {
    public static let collection = Collection.budgets
    public static let bases = ["expenditure", "contract"]
    public static let terms = ["short", "mid", "long"]

    public var id: String
    public var title: LocalizedText
    public var fiscalYear: Int
    public var amount: Money
    public var basis: String
    public var contractAmount: Money?
    public var owner: String
    public var activities: [Step]
    public var outputs: [Output]
    public var outcomes: [Outcome]
    public var sources: [Citation]
    /// Retirement: `deprecated` (with a bilingual `reason`), or nil for a live record.
    public var status: String?
    /// Why the record was retired, in both languages.
    public var reason: LocalizedText?
    /// The record that takes this one's place (a merge or a corrected id).
    public var replacedBy: String?
    public var meta = RecordMeta()

    public var citations: [Citation] { sources }

    enum CodingKeys: String, CodingKey {
        case status, reason
        case replacedBy = "replaced_by"
        case id, title, amount, basis, owner, activities, outputs, outcomes, sources
        case fiscalYear = "fiscal_year"
        case contractAmount = "contract_amount"
    }

    public init(
        id: String, title: LocalizedText, fiscalYear: Int, amount: Money, basis: String,
        contractAmount: Money? = nil, owner: String, activities: [Step] = [], outputs: [Output] = [],
        outcomes: [Outcome] = [], sources: [Citation] = []
    ) {
        self.id = id
        self.title = title
        self.fiscalYear = fiscalYear
        self.amount = amount
        self.basis = basis
        self.contractAmount = contractAmount
        self.owner = owner
        self.activities = activities
        self.outputs = outputs
        self.outcomes = outcomes
        self.sources = sources
    }

    /// An activity of the logic model.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decode(String.self, forKey: .id)
        title = try c.decode(LocalizedText.self, forKey: .title)
        // A number (2023) or any date form naming the fiscal year (FY2023, 令和5年度).
        if let year = try? c.decode(Int.self, forKey: .fiscalYear) {
            fiscalYear = year
        } else {
            fiscalYear = try c.decode(PartialDate.self, forKey: .fiscalYear).year
        }
        amount = try c.decode(Money.self, forKey: .amount)
        basis = try c.decode(String.self, forKey: .basis)
        contractAmount = try c.decodeIfPresent(Money.self, forKey: .contractAmount)
        owner = try c.decode(String.self, forKey: .owner)
        activities = try c.decodeIfPresent([Step].self, forKey: .activities) ?? []
        outputs = try c.decodeIfPresent([Output].self, forKey: .outputs) ?? []
        outcomes = try c.decodeIfPresent([Outcome].self, forKey: .outcomes) ?? []
        sources = try c.decodeIfPresent([Citation].self, forKey: .sources) ?? []
        status = try c.decodeIfPresent(String.self, forKey: .status)
        reason = try c.decodeIfPresent(LocalizedText.self, forKey: .reason)
        replacedBy = try c.decodeIfPresent(String.self, forKey: .replacedBy)
    }

    public struct Step: Codable, Hashable, Sendable {
        public var id: String
        public var text: LocalizedText
        public init(id: String, text: LocalizedText) {
            self.id = id
            self.text = text
        }
    }

    /// An output of the logic model, with the indicators that measure it.
    public struct Output: Codable, Hashable, Sendable {
        public var id: String
        public var text: LocalizedText
        public var indicators: [String]
        public init(id: String, text: LocalizedText, indicators: [String] = []) {
            self.id = id
            self.text = text
            self.indicators = indicators
        }
        enum CodingKeys: String, CodingKey { case id, text, indicators }
        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            id = try c.decode(String.self, forKey: .id)
            text = try c.decode(LocalizedText.self, forKey: .text)
            indicators = try c.decodeIfPresent([String].self, forKey: .indicators) ?? []
        }
    }

    /// An outcome of the logic model and its term.
    public struct Outcome: Codable, Hashable, Sendable {
        public var id: String
        public var term: String
        public var text: LocalizedText
        public init(id: String, term: String, text: LocalizedText) {
            self.id = id
            self.term = term
            self.text = text
        }
    }
}

/// An amount of money in an ISO 4217 currency.
public struct Money: Codable, Hashable, Sendable {
    public var value: Int64
    public var currency: String
    public init(value: Int64, currency: String) {
        self.value = value
        self.currency = currency
    }
}
