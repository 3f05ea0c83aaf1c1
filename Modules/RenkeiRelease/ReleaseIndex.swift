import RenkeiModel

/// The list of releases in a folder of bundles (`index.json`): each release's version, day,
/// file, size, SHA-256, record counts and its delta to the release before it.
public struct ReleaseIndex: Codable, Hashable, Sendable {
    public static let formatName = "renkei-release-index/1"

    public var format = ReleaseIndex.formatName
    /// Oldest first, by version.
    public var releases: [Entry]

    public init(releases: [Entry]) { self.releases = releases }

    /// One release in the index.
    public struct Entry: Codable, Hashable, Sendable {
        public var version: String
        public var released: String?
        public var file: String
        public var bytes: UInt64
        public var sha256: String
        public var records: [String: Int]
        public var delta: Delta

        public init(version: String, released: String?, file: String, bytes: UInt64, sha256: String, records: [String: Int], delta: Delta) {
            self.version = version
            self.released = released
            self.file = file
            self.bytes = bytes
            self.sha256 = sha256
            self.records = records
            self.delta = delta
        }
    }

    /// What a release changed against the one before it (the first release: everything added).
    public struct Delta: Codable, Hashable, Sendable {
        public var previous: String?
        public var added: Int
        public var removed: Int
        public var changed: Int
        public var deprecated: Int
        public var replaced: Int

        public init(previous: String?, summary: ReleaseSummary) {
            self.previous = previous
            let all = summary.collections.values
            added = all.reduce(0) { $0 + $1.added }
            removed = all.reduce(0) { $0 + $1.removed }
            changed = all.reduce(0) { $0 + $1.changed }
            deprecated = all.reduce(0) { $0 + $1.deprecated }
            replaced = all.reduce(0) { $0 + $1.replaced }
        }

        /// The delta of a first release: every record added.
        public init(first records: [String: Int]) {
            previous = nil
            added = records.values.reduce(0, +)
            removed = 0
            changed = 0
            deprecated = 0
            replaced = 0
        }
    }

    /// The index as pretty, deterministic JSON.
    public func json() throws -> String { try CanonicalJSON.pretty(self) + "\n" }

    /// The index as a Markdown table, newest release first.
    public func markdown() -> String {
        var out = "# リリース一覧 / Releases\n\n"
        out += "| 版 / version | 公開日 / released | ファイル / file | バイト / bytes | 記録 / records | 追加 / added | 削除 / removed | 変更 / changed | 廃止 / deprecated | 置換 / replaced | SHA-256 |\n"
        out += "|---|---|---|---:|---:|---:|---:|---:|---:|---:|---|\n"
        for e in releases.reversed() {
            let d = e.delta
            out += "| \(Markdown.escape(e.version)) | \(e.released ?? "") | \(Markdown.escape(e.file)) | \(e.bytes) | \(e.records.values.reduce(0, +)) "
                + "| \(d.added) | \(d.removed) | \(d.changed) | \(d.deprecated) | \(d.replaced) | `\(e.sha256)` |\n"
        }
        return out
    }
}
