/// A document that records cite: a policy, report, budget review, minutes, speech, ….
public struct Source: DatasetRecord, Hashable {
    public static let collection = Collection.sources
    public static let kinds = [
        "policy", "strategy", "report", "budget-review", "minutes", "speech", "statement",
        "declaration", "treaty", "resolution", "other",
    ]

    public var id: String
    public var kind: String
    public var title: LocalizedText
    public var date: PartialDate
    public var issuers: [String]
    public var file: String?
    public var url: String?
    public var summary: LocalizedText?
    public var sources: [Citation]
    /// Retirement: `deprecated` (with a bilingual `reason`), or nil for a live record.
    public var status: String?
    /// Why the record was retired, in both languages.
    public var reason: LocalizedText?
    /// The record that takes this one's place (a merge or a corrected id).
    public var replacedBy: String?
    public var meta = RecordMeta()

    public var citations: [Citation] { sources }

    enum CodingKeys: String, CodingKey { case id, kind, title, date, issuers, file, url, summary, sources, status, reason
        case replacedBy = "replaced_by"
    }

    public init(
        id: String, kind: String, title: LocalizedText, date: PartialDate, issuers: [String],
        file: String? = nil, url: String? = nil, summary: LocalizedText? = nil, sources: [Citation] = []
    ) {
        self.id = id
        self.kind = kind
        self.title = title
        self.date = date
        self.issuers = issuers
        self.file = file
        self.url = url
        self.summary = summary
        self.sources = sources
    }
}
