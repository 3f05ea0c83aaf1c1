/// Anything that acts: a state, an organisation, a government body, an agency or CERT, a
/// forum, a company or university, a threat group, or a set of partners met together.
public struct Actor: DatasetRecord, Hashable {
    public static let collection = Collection.actors
    public static let kinds = [
        "state", "economy", "organization", "government-body", "agency", "cert", "forum",
        "company", "academia", "threat-group", "partner-set", "other",
    ]

    public var id: String
    public var kind: String
    public var name: LocalizedText
    public var aliases: [String]
    public var parent: String?
    public var members: [String]
    public var founded: PartialDate?
    public var size: Quantity?
    public var sources: [Citation]
    /// Retirement: `deprecated` (with a bilingual `reason`), or nil for a live record.
    public var status: String?
    /// Why the record was retired, in both languages.
    public var reason: LocalizedText?
    /// The record that takes this one's place (a merge or a corrected id).
    public var replacedBy: String?
    public var meta = RecordMeta()

    public var citations: [Citation] { sources }

    enum CodingKeys: String, CodingKey { case id, kind, name, aliases, parent, members, founded, size, sources, status, reason
        case replacedBy = "replaced_by"
    }

    public init(
        id: String, kind: String, name: LocalizedText, aliases: [String] = [], parent: String? = nil,
        members: [String] = [], founded: PartialDate? = nil, size: Quantity? = nil, sources: [Citation] = []
    ) {
        self.id = id
        self.kind = kind
        self.name = name
        self.aliases = aliases
        self.parent = parent
        self.members = members
        self.founded = founded
        self.size = size
        self.sources = sources
    }
}

/// A number with its unit, as a source states it at a date (`約70か国, as of 2019-01`).
public struct Quantity: Codable, Hashable, Sendable {
    public var value: Double
    public var unit: LocalizedText
    public var asOf: PartialDate?

    enum CodingKeys: String, CodingKey {
        case value, unit
        case asOf = "as_of"
    }

    public init(value: Double, unit: LocalizedText, asOf: PartialDate? = nil) {
        self.value = value
        self.unit = unit
        self.asOf = asOf
    }
}
