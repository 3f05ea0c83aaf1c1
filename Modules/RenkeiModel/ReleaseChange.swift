/// What a release did to one record: added, removed, changed, deprecated or replaced it.
public enum ChangeOp: String, Codable, Sendable, CaseIterable {
    case add, remove, change, deprecate, replace

    /// The past-tense word used in summaries and tables.
    public var pastTense: String {
        switch self {
        case .add: "added"
        case .remove: "removed"
        case .change: "changed"
        case .deprecate: "deprecated"
        case .replace: "replaced"
        }
    }
}

/// One record's change between two releases, with its field-level differences.
public struct RecordChange: Codable, Hashable, Sendable {
    public var op: ChangeOp
    public var collection: Collection
    public var id: String
    public var fields: [FieldChange]

    public init(op: ChangeOp, collection: Collection, id: String, fields: [FieldChange] = []) {
        self.op = op
        self.collection = collection
        self.id = id
        self.fields = fields
    }
}

/// One field's value before and after, by its path in the record's own terms
/// (`title.en`, `participants[US].role`, `sources[src-x].locator`); absent sides are nil.
public struct FieldChange: Codable, Hashable, Sendable {
    public var path: String
    public var before: JSONValue?
    public var after: JSONValue?

    public init(path: String, before: JSONValue?, after: JSONValue?) {
        self.path = path
        self.before = before
        self.after = after
    }

    enum CodingKeys: String, CodingKey { case path, before, after }

    /// Encodes absent sides as `null`, so every field change has the same three keys.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(path, forKey: .path)
        try c.encode(before ?? .null, forKey: .before)
        try c.encode(after ?? .null, forKey: .after)
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        path = try c.decode(String.self, forKey: .path)
        let b = try c.decodeIfPresent(JSONValue.self, forKey: .before)
        let a = try c.decodeIfPresent(JSONValue.self, forKey: .after)
        before = b == .null ? nil : b
        after = a == .null ? nil : a
    }
}
