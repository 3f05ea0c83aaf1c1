/// A node of the taxonomy records are tagged with (a policy's area, a line of diplomacy).
public struct Theme: DatasetRecord, Hashable {
    public static let collection = Collection.themes

    public var id: String
    public var name: LocalizedText
    public var parent: String?
    public var code: String?
    public var sources: [Citation]
    public var meta = RecordMeta()

    public var citations: [Citation] { sources }

    enum CodingKeys: String, CodingKey { case id, name, parent, code, sources }

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
    public var meta = RecordMeta()

    public var citations: [Citation] { sources }

    enum CodingKeys: String, CodingKey { case id, kind, name, partners, sources }

    public init(id: String, kind: String, name: LocalizedText, partners: [String] = [], sources: [Citation] = []) {
        self.id = id
        self.kind = kind
        self.name = name
        self.partners = partners
        self.sources = sources
    }
}
