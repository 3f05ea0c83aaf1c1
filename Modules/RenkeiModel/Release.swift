/// Checks of the dataset's shape declared in `data/dataset.yaml` under `assertions:`: counts
/// that must stay within bounds, fields that must be filled, and how far a collection may
/// shrink from one release to the next.
public struct DatasetAssertions: Codable, Hashable, Sendable {
    /// The largest fraction a collection may lose against the previous release (default 10 %).
    public var shrinkLimit: Double?
    /// Minimum and maximum record counts.
    public var counts: [CountAssertion]
    /// Minimum fill rates of optional fields.
    public var fill: [FillAssertion]

    public static let defaultShrinkLimit = 0.10

    enum CodingKeys: String, CodingKey {
        case counts, fill
        case shrinkLimit = "shrink_limit"
    }

    public init(shrinkLimit: Double? = nil, counts: [CountAssertion] = [], fill: [FillAssertion] = []) {
        self.shrinkLimit = shrinkLimit
        self.counts = counts
        self.fill = fill
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        shrinkLimit = try c.decodeIfPresent(Double.self, forKey: .shrinkLimit)
        counts = try c.decodeIfPresent([CountAssertion].self, forKey: .counts) ?? []
        fill = try c.decodeIfPresent([FillAssertion].self, forKey: .fill) ?? []
    }

    /// The shrink limit in force.
    public var effectiveShrinkLimit: Double { shrinkLimit ?? Self.defaultShrinkLimit }
}

/// A bound on how many records of a collection there are, optionally narrowed to an event kind
/// (or kind family such as `consultation`), a partner, a calendar year or a fiscal year.
public struct CountAssertion: Codable, Hashable, Sendable {
    public var collection: String
    public var kind: String?
    public var partner: String?
    public var year: Int?
    public var fiscalYear: Int?
    public var min: Int?
    public var max: Int?
    /// Where the assertion is written, for findings.
    public var location: SourceLocation?

    enum CodingKeys: String, CodingKey {
        case collection, kind, partner, year, min, max
        case fiscalYear = "fiscal_year"
    }

    public init(
        collection: String, kind: String? = nil, partner: String? = nil, year: Int? = nil, fiscalYear: Int? = nil,
        min: Int? = nil, max: Int? = nil
    ) {
        self.collection = collection
        self.kind = kind
        self.partner = partner
        self.year = year
        self.fiscalYear = fiscalYear
        self.min = min
        self.max = max
    }

    /// What the assertion counts, in words: `events of kind consultation with US in FY2018`.
    public var label: String {
        var words = [collection]
        if let kind { words.append("of kind \(kind)") }
        if let partner { words.append("with \(partner)") }
        if let year { words.append("in \(year)") }
        if let fiscalYear { words.append("in FY\(fiscalYear)") }
        return words.joined(separator: " ")
    }
}

/// A minimum share of a collection's records that have an optional field filled.
public struct FillAssertion: Codable, Hashable, Sendable {
    public var collection: String
    public var field: String
    /// The minimum fraction, from 0 to 1 (0.95 for 95 %).
    public var min: Double
    public var location: SourceLocation?

    enum CodingKeys: String, CodingKey { case collection, field, min }

    public init(collection: String, field: String, min: Double) {
        self.collection = collection
        self.field = field
        self.min = min
    }
}

/// The notes of one release, from `data/releases/<version>.yaml` under `release:`: a bilingual
/// summary for the changelog, and the removals and shrinkage it acknowledges.
public struct ReleaseNotes: Codable, Hashable, Sendable {
    public var version: String
    public var summary: LocalizedText?
    /// Records removed on purpose: `collection/id` or a bare id, with the reason.
    public var removed: [AcknowledgedRemoval]
    /// Collections allowed to shrink past the limit in this release, with the reason.
    public var shrunk: [AcknowledgedShrink]
    public var location: SourceLocation?

    enum CodingKeys: String, CodingKey { case version, summary, removed, shrunk }

    public init(version: String, summary: LocalizedText? = nil, removed: [AcknowledgedRemoval] = [], shrunk: [AcknowledgedShrink] = []) {
        self.version = version
        self.summary = summary
        self.removed = removed
        self.shrunk = shrunk
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        version = try c.decode(String.self, forKey: .version)
        summary = try c.decodeIfPresent(LocalizedText.self, forKey: .summary)
        removed = try c.decodeIfPresent([AcknowledgedRemoval].self, forKey: .removed) ?? []
        shrunk = try c.decodeIfPresent([AcknowledgedShrink].self, forKey: .shrunk) ?? []
    }
}

/// A record removed from the dataset on purpose, named in the release notes.
public struct AcknowledgedRemoval: Codable, Hashable, Sendable {
    public var id: String
    public var reason: LocalizedText
    public init(id: String, reason: LocalizedText) {
        self.id = id
        self.reason = reason
    }
}

/// A collection allowed to shrink past the limit in one release.
public struct AcknowledgedShrink: Codable, Hashable, Sendable {
    public var collection: String
    public var reason: LocalizedText
    public init(collection: String, reason: LocalizedText) {
        self.collection = collection
        self.reason = reason
    }
}

/// What the store knows of a record across releases, written by `renkei bundle --previous`.
public struct RecordHistory: Codable, Hashable, Sendable {
    /// The version and day of the first release that held the record.
    public var firstRelease: String
    public var firstReleased: String
    /// The version and day of the last release in which the record was added or changed.
    public var lastRelease: String
    public var lastChanged: String
    /// How many releases changed the record after it first appeared.
    public var changes: Int

    public init(firstRelease: String, firstReleased: String, lastRelease: String, lastChanged: String, changes: Int) {
        self.firstRelease = firstRelease
        self.firstReleased = firstReleased
        self.lastRelease = lastRelease
        self.lastChanged = lastChanged
        self.changes = changes
    }
}

/// Release versions compared part by part: numbers as numbers (`2026.9.0` < `2026.10.0`),
/// other parts as text; a version with more parts sorts after its prefix.
public enum ReleaseVersion {
    public static func compare(_ a: String, _ b: String) -> Order {
        let pa = parts(a), pb = parts(b)
        for (x, y) in zip(pa, pb) {
            switch (Int(x), Int(y)) {
            case (let i?, let j?):
                if i != j { return i < j ? .ascending : .descending }
            default:
                if x != y { return x < y ? .ascending : .descending }
            }
        }
        if pa.count == pb.count { return .same }
        return pa.count < pb.count ? .ascending : .descending
    }

    static func parts(_ v: String) -> [String] {
        v.split(whereSeparator: { $0 == "." || $0 == "-" || $0 == "+" }).map(String.init)
    }

    /// The order of two versions.
    public enum Order: Sendable { case ascending, same, descending }
}
