/// Where a record and each of its fields came from, and the rules switched off for it.
///
/// Not part of a record's data: it is kept for diagnostics and never exported.
public struct RecordMeta: Hashable, Sendable {
    /// The location of the record's mapping in its file.
    public var location: SourceLocation?
    /// Locations of fields by path (`participants[1].actor`, `date`).
    public var fields: [String: SourceLocation]
    /// Rules switched off for this record, each with its reason.
    public var suppressions: [Suppression]
    /// How a relative date field was resolved, by field name.
    public var dateResolutions: [String: String]

    public init(
        location: SourceLocation? = nil, fields: [String: SourceLocation] = [:],
        suppressions: [Suppression] = [], dateResolutions: [String: String] = [:]
    ) {
        self.location = location
        self.fields = fields
        self.suppressions = suppressions
        self.dateResolutions = dateResolutions
    }

    /// The location of a field, or of the record when the field has none.
    public func location(of path: String) -> SourceLocation? { fields[path] ?? location }
}

/// A rule switched off for one record, with the reason that is reported on every run.
public struct Suppression: Codable, Hashable, Sendable {
    public var rule: String
    public var reason: String
    public init(rule: String, reason: String) {
        self.rule = rule
        self.reason = reason
    }
}

/// A record's reference to a source, with the heading or table it comes from.
public struct Citation: Codable, Hashable, Sendable {
    public var source: String
    public var locator: String
    public init(source: String, locator: String) {
        self.source = source
        self.locator = locator
    }
}

/// What every record of the dataset has: a stable id, its citations and its metadata.
public protocol DatasetRecord: Codable, Sendable {
    /// The collection the record belongs to.
    static var collection: Collection { get }
    var id: String { get }
    var citations: [Citation] { get }
    var meta: RecordMeta { get set }
}
