import Foundation
import RenkeiModel
import RenkeiStore

/// A finished comparison of two releases: the summary, the changes spooled on disk, the
/// records removed, and (when asked for) every record's history for the new release.
public final class ReleaseComparison {
    public let old: ReleaseSide
    public let new: ReleaseSide
    public let summary: ReleaseSummary
    public let changes: ChangeSpool
    /// The records of the old release that the new one lacks.
    public let removed: [(Collection, String)]
    private let history: ChangeSpool?

    struct HistoryRow: Codable {
        let collection: Collection
        let id: String
        let history: RecordHistory
    }

    /// Compares `old` with `new`, spooling into `directory` (which must exist). With
    /// `withHistory`, each record's history is computed from the old store's history table.
    public init(old: ReleaseSide, new: ReleaseSide, spoolDirectory directory: String, withHistory: Bool = false) throws {
        self.old = old
        self.new = new
        let changes = try ChangeSpool(path: directory + "/changes.jsonl")
        let history = withHistory ? try ChangeSpool(path: directory + "/history.jsonl") : nil
        var removed: [(Collection, String)] = []
        summary = try ReleaseDiff(old: old, new: new).run(
            onChange: { change in
                try changes.append(change)
                if change.op == .remove { removed.append((change.collection, change.id)) }
            },
            onPair: history.map { spool in
                { pair in
                    let previous = pair.inOld ? old.store.history(pair.id, in: pair.collection) : nil
                    if let h = ReleaseHistory.next(previous: previous, pair: pair, old: old, new: new) {
                        try spool.append(HistoryRow(collection: pair.collection, id: pair.id, history: h))
                    }
                }
            })
        self.changes = changes
        self.history = history
        self.removed = removed
    }

    /// Whether the two releases hold different records.
    public var differs: Bool { summary.totalChanges > 0 }

    /// A report of the comparison, to write in any format.
    public func report(notes: ReleaseNotes? = nil) -> DiffReport {
        DiffReport(old: old, new: new, summary: summary, spool: changes, notes: notes)
    }

    /// Writes the history and the changes into the new release's store file at `path`.
    public func record(into path: String) throws {
        guard let history else { throw ReleaseError.io("the comparison was made without history") }
        try history.flush()
        try changes.flush()
        var historyLines = try LinesPuller(path: history.path)
        var changeLines = try LinesPuller(path: changes.path)
        let decoder = JSONDecoder()
        try Store.recordRelease(
            at: path, previousVersion: old.info.version,
            history: {
                guard let line = try historyLines.next() else { return nil }
                let row = try decoder.decode(HistoryRow.self, from: Data(line.utf8))
                return (row.collection, row.id, row.history)
            },
            changes: {
                guard let line = try changeLines.next() else { return nil }
                return try decoder.decode(RecordChange.self, from: Data(line.utf8))
            })
    }
}

/// Pulls a file's lines one at a time, reading it in fixed-size chunks.
struct LinesPuller {
    private let handle: FileHandle
    private var pending: [UInt8] = []
    private var start = 0
    private var done = false

    init(path: String) throws {
        guard let handle = FileHandle(forReadingAtPath: path) else { throw ReleaseError.io("cannot read \(path)") }
        self.handle = handle
    }

    mutating func next() throws -> String? {
        while true {
            if let newline = pending[start...].firstIndex(of: 0x0A) {
                let line = String(decoding: pending[start..<newline], as: UTF8.self)
                start = newline + 1
                return line
            }
            if done {
                guard start < pending.count else {
                    try? handle.close()
                    return nil
                }
                let line = String(decoding: pending[start...], as: UTF8.self)
                start = pending.count
                return line
            }
            pending.removeFirst(start)
            start = 0
            if let chunk = try handle.read(upToCount: 1 << 16), !chunk.isEmpty {
                pending += chunk
            } else {
                done = true
            }
        }
    }
}
