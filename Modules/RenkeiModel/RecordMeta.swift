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
    /// `deprecated` when the record is retired, nil while it is live.
    var status: String? { get }
    /// Why the record was retired, in both languages.
    var reason: LocalizedText? { get }
    /// The id of the record of the same collection that replaces this one.
    var replacedBy: String? { get }
}

/// Where a record stands in its life: live, retired, or replaced by another record.
public enum LifecycleState: String, Codable, Sendable, CaseIterable {
    case active, deprecated, replaced
}

extension DatasetRecord {
    /// The record's state: `replaced` when it names a successor, `deprecated` when retired, else `active`.
    public var lifecycle: LifecycleState {
        if replacedBy != nil { return .replaced }
        if status == "deprecated" { return .deprecated }
        return .active
    }

    /// Whether the record is retired (deprecated or replaced): kept, but no longer current.
    public var isRetired: Bool { lifecycle != .active }
}
