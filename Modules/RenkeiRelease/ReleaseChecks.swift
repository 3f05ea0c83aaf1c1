import RenkeiModel

/// The checks a new release must pass against the previous one, reported like every finding:
/// records that vanished, collections that shrank too far, and the version.
public enum ReleaseChecks {
    /// The findings for a new release, given the previous one and the diff's summary and removals.
    public static func check(
        old: ReleaseSide, new: ReleaseSide, summary: ReleaseSummary, removed: [(Collection, String)],
        assertions: DatasetAssertions?, notes: ReleaseNotes?, versionLocation: SourceLocation? = nil
    ) -> [Diagnostic] {
        var out: [Diagnostic] = []
        let notesFile = "data/releases/\(new.info.version).yaml"
        let acknowledged = Set(notes?.removed.map(\.id) ?? [])
        for (collection, id) in removed where !acknowledged.contains(id) && !acknowledged.contains("\(collection.rawValue)/\(id)") {
            out.append(Diagnostic(
                rule: "release-record-vanished", severity: .error,
                message: "\(collection.entityType) '\(id)' was in \(old.info.version) and is gone: retire it (status: deprecated with a reason, or replaced_by) or acknowledge it under 'removed:' in \(notesFile)",
                location: notes?.location, record: id))
        }
        let limit = assertions?.effectiveShrinkLimit ?? DatasetAssertions.defaultShrinkLimit
        let shrunkOK = Set(notes?.shrunk.map(\.collection) ?? [])
        for c in Collection.allCases {
            let before = old.counts[c] ?? 0, after = new.counts[c] ?? 0
            guard before > 0, Double(after) < Double(before) * (1 - limit), !shrunkOK.contains(c.rawValue) else { continue }
            let lost = Double(before - after) / Double(before)
            out.append(Diagnostic(
                rule: "release-collection-shrunk", severity: .error,
                message: "\(c.rawValue) shrank from \(before) to \(after) (\(Int((lost * 100).rounded())) %), more than the limit of \(Int((limit * 100).rounded())) %: check the data, or acknowledge it under 'shrunk:' in \(notesFile)",
                location: notes?.location))
        }
        if summary.totalChanges > 0 {
            switch ReleaseVersion.compare(old.info.version, new.info.version) {
            case .ascending: break
            case .same:
                out.append(Diagnostic(
                    rule: "release-version", severity: .error,
                    message: "the records differ from release \(old.info.version) but the version is the same: set a later 'version' in data/dataset.yaml (e.g. \(suggestion(after: old.info.version)))",
                    location: versionLocation))
            case .descending:
                out.append(Diagnostic(
                    rule: "release-version", severity: .error,
                    message: "version \(new.info.version) does not sort after the previous release \(old.info.version): set a later 'version' in data/dataset.yaml (e.g. \(suggestion(after: old.info.version)))",
                    location: versionLocation))
            }
        }
        return out.sorted(by: Diagnostic.ordered)
    }

    /// The version after `v` with its last number raised by one (`2026.11.0` → `2026.11.1`).
    static func suggestion(after v: String) -> String {
        var parts = v.split(separator: ".").map(String.init)
        if let last = parts.last, let n = Int(last) {
            parts[parts.count - 1] = String(n + 1)
            return parts.joined(separator: ".")
        }
        return v + ".1"
    }
}

/// Each record's history in the new release, from its history in the previous one and what
/// the diff saw.
public enum ReleaseHistory {
    public static func next(
        previous: RecordHistory?, pair: ReleaseDiff.Pair, old: ReleaseSide, new: ReleaseSide
    ) -> RecordHistory? {
        guard pair.inNew else { return nil }
        guard pair.inOld else {
            return RecordHistory(
                firstRelease: new.info.version, firstReleased: new.releasedDay,
                lastRelease: new.info.version, lastChanged: new.releasedDay, changes: 0)
        }
        var h = previous ?? RecordHistory(
            firstRelease: old.info.version, firstReleased: old.releasedDay,
            lastRelease: old.info.version, lastChanged: old.releasedDay, changes: 0)
        if pair.change != nil {
            h.lastRelease = new.info.version
            h.lastChanged = new.releasedDay
            h.changes += 1
        }
        return h
    }
}
