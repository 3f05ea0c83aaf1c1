/// A public attribution or condemnation of a cyber operation: who issued it, against whom.
public struct Attribution: DatasetRecord, Hashable {
    public static let collection = Collection.attributions

    public var id: String
    public var event: String
    public var incident: LocalizedText
    public var attributedTo: [String]
    public var issuer: String
    public var coSigners: [String]
    public var date: PartialDate?
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
        case id, event, incident, issuer, date, sources
        case attributedTo = "attributed_to"
        case coSigners = "co_signers"
    }

    public init(
        id: String, event: String, incident: LocalizedText, attributedTo: [String], issuer: String,
        coSigners: [String] = [], date: PartialDate? = nil, sources: [Citation] = []
    ) {
        self.id = id
        self.event = event
        self.incident = incident
        self.attributedTo = attributedTo
        self.issuer = issuer
        self.coSigners = coSigners
        self.date = date
        self.sources = sources
    }
}

/// A proposal made in a framework, such as a confidence-building measure put to the ARF.
public struct Proposal: DatasetRecord, Hashable {
    public static let collection = Collection.proposals

    public var id: String
    public var framework: String
    public var item: LocalizedText
    public var content: LocalizedText?
    public var proposers: [String]
    public var sources: [Citation]
    /// Retirement: `deprecated` (with a bilingual `reason`), or nil for a live record.
    public var status: String?
    /// Why the record was retired, in both languages.
    public var reason: LocalizedText?
    /// The record that takes this one's place (a merge or a corrected id).
    public var replacedBy: String?
    public var meta = RecordMeta()

    public var citations: [Citation] { sources }

    enum CodingKeys: String, CodingKey { case id, framework, item, content, proposers, sources, status, reason
        case replacedBy = "replaced_by"
    }

    public init(
        id: String, framework: String, item: LocalizedText, content: LocalizedText? = nil,
        proposers: [String], sources: [Citation] = []
    ) {
        self.id = id
        self.framework = framework
        self.item = item
        self.content = content
        self.proposers = proposers
        self.sources = sources
    }
}

/// An index ranking a source cites: who assessed whom, in which index and year, and the rank.
public struct Assessment: DatasetRecord, Hashable {
    public static let collection = Collection.assessments

    public var id: String
    public var assessor: String
    public var index: LocalizedText
    /// The index's year, when the source gives it.
    public var year: Int?
    public var subject: String
    public var rank: Int
    public var scope: LocalizedText
    public var sources: [Citation]
    /// Retirement: `deprecated` (with a bilingual `reason`), or nil for a live record.
    public var status: String?
    /// Why the record was retired, in both languages.
    public var reason: LocalizedText?
    /// The record that takes this one's place (a merge or a corrected id).
    public var replacedBy: String?
    public var meta = RecordMeta()

    public var citations: [Citation] { sources }

    enum CodingKeys: String, CodingKey { case id, assessor, index, year, subject, rank, scope, sources, status, reason
        case replacedBy = "replaced_by"
    }

    public init(
        id: String, assessor: String, index: LocalizedText, year: Int?, subject: String, rank: Int,
        scope: LocalizedText, sources: [Citation] = []
    ) {
        self.id = id
        self.assessor = assessor
        self.index = index
        self.year = year
        self.subject = subject
        self.rank = rank
        self.scope = scope
        self.sources = sources
    }
}
