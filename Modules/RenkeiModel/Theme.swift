/// A node of the taxonomy records are tagged with (a policy's area, a line of diplomacy).
public struct Theme: DatasetRecord, Hashable {
    public static let collection = Collection.themes

    public var id: String
    public var name: LocalizedText
    public var parent: String?
    public var code: String?
    public var sources: [Citation]
    /// Retirement: `deprecated` (with a bilingual `reason`), or nil for a live record.
    public var status: String?
    /// Why the record was retired, in both languages.
    public var reason: LocalizedText?
    /// The record that takes this one's place (a merge or a corrected id).
    public var replacedBy: String?
    public var meta = RecordMeta()

    public var citations: [Citation] { sources }

    enum CodingKeys: String, CodingKey { case id, name, parent, code, sources, status, reason
        case replacedBy = "replaced_by"
    }

    public init(id: String, name: LocalizedText, parent: String? = nil, code: String? = nil, sources: [Citation] = []) {
        self.id = id
        self.name = name
        self.parent = parent
        self.code = code
        self.sources = sources
    }
}

/// A recurring event: a dialogue held round after round, an annual exercise, a body's meetings.
public struct Series: DatasetRecord, Hashable {
    public static let collection = Collection.series

    public var id: String
    public var kind: String
    public var name: LocalizedText
    public var partners: [String]
    public var sources: [Citation]
    /// Retirement: `deprecated` (with a bilingual `reason`), or nil for a live record.
    public var status: String?
    /// Why the record was retired, in both languages.
    public var reason: LocalizedText?
    /// The record that takes this one's place (a merge or a corrected id).
    public var replacedBy: String?
    public var meta = RecordMeta()

    public var citations: [Citation] { sources }

    enum CodingKeys: String, CodingKey { case id, kind, name, partners, sources, status, reason
        case replacedBy = "replaced_by"
    }

    public init(id: String, kind: String, name: LocalizedText, partners: [String] = [], sources: [Citation] = []) {
        self.id = id
        self.kind = kind
        self.name = name
        self.partners = partners
        self.sources = sources
    }
}
