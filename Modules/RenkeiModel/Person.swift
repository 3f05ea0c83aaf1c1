/// A named person who holds a post or speaks in a record.
public struct Person: DatasetRecord, Hashable {
    public static let collection = Collection.persons

    public var id: String
    public var name: LocalizedText
    public var sources: [Citation]
    /// Retirement: `deprecated` (with a bilingual `reason`), or nil for a live record.
    public var status: String?
    /// Why the record was retired, in both languages.
    public var reason: LocalizedText?
    /// The record that takes this one's place (a merge or a corrected id).
    public var replacedBy: String?
    public var meta = RecordMeta()

    public var citations: [Citation] { sources }

    enum CodingKeys: String, CodingKey { case id, name, sources, status, reason
        case replacedBy = "replaced_by"
    }

    public init(id: String, name: LocalizedText, sources: [Citation] = []) {
        self.id = id
        self.name = name
        self.sources = sources
    }
}

/// A post a person held in an organisation, and when.
public struct Membership: DatasetRecord, Hashable {
    public static let collection = Collection.memberships

    public var id: String
    public var person: String
    public var organization: String
    public var role: LocalizedText
    public var start: PartialDate?
    public var end: PartialDate?
    public var sources: [Citation]
    /// Retirement: `deprecated` (with a bilingual `reason`), or nil for a live record.
    public var status: String?
    /// Why the record was retired, in both languages.
    public var reason: LocalizedText?
    /// The record that takes this one's place (a merge or a corrected id).
    public var replacedBy: String?
    public var meta = RecordMeta()

    public var citations: [Citation] { sources }

    enum CodingKeys: String, CodingKey { case id, person, organization, role, start, end, sources, status, reason
        case replacedBy = "replaced_by"
    }

    public init(
        id: String, person: String, organization: String, role: LocalizedText,
        start: PartialDate? = nil, end: PartialDate? = nil, sources: [Citation] = []
    ) {
        self.id = id
        self.person = person
        self.organization = organization
        self.role = role
        self.start = start
        self.end = end
        self.sources = sources
    }
}
