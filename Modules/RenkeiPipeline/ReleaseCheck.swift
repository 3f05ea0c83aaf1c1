import Foundation
import RenkeiModel
import RenkeiRelease
import RenkeiStore

/// Compares a checked dataset with the previous release: the diff, and the release checks'
/// findings (records that vanished, collections that shrank, the version).
public enum ReleaseCheck {
    /// Compares the dataset, already built at `storePath`, with `previous`. Files it needs are
    /// made under `scratch`, which the caller removes.
    public static func compare(
        previous: ReleaseInput, dataset: Dataset, storePath: String, scratch: String, withHistory: Bool
    ) throws -> (comparison: ReleaseComparison, findings: [Diagnostic]) {
        try FileManager.default.createDirectory(atPath: scratch, withIntermediateDirectories: true)
        let opened = try previous.open(scratch: scratch)
        let old = try ReleaseSide(label: previous.publicName, store: opened.store)
        let new = try ReleaseSide(label: "this release", store: try Store(readingAt: storePath))
        let comparison = try ReleaseComparison(old: old, new: new, spoolDirectory: scratch, withHistory: withHistory)
        let findings = ReleaseChecks.check(
            old: old, new: new, summary: comparison.summary, removed: comparison.removed,
            assertions: dataset.assertions, notes: dataset.currentReleaseNotes,
            versionLocation: dataset.infoFields["version"])
        return (comparison, findings)
    }
}
