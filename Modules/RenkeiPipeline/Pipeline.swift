import Foundation
import RenkeiBundle
import RenkeiExport
import RenkeiExporters
import RenkeiModel
import RenkeiSource
import RenkeiStore
import RenkeiValidation

/// The driver's pipeline: source files → model → validation → SQLite store → exporters → bundle.
public enum Pipeline {
    /// A dataset loaded and validated, with every finding.
    public struct Checked: Sendable {
        public var dataset: Dataset?
        public var files: [String]
        public var diagnostics: [Diagnostic]
        /// Whether the input could not be read at all (exit code 2).
        public var unreadable: Bool
        /// Files that could not be read as a whole, and how many findings elsewhere may only be
        /// their consequence (an unknown id that such a file may define).
        public var unreadFiles: [String] = []
        public var possibleConsequences = 0

        public func report(strict: Bool) -> DiagnosticReport { DiagnosticReport(diagnostics: diagnostics, strict: strict) }
    }

    /// Loads `dataDirectory` and runs every rule over what loaded.
    public static func check(dataDirectory: String, rules: [any Rule] = RuleCatalog.builtIn) -> Checked {
        let loaded = DatasetLoader().load(directory: dataDirectory)
        guard var dataset = loaded.dataset else {
            return Checked(dataset: nil, files: loaded.files, diagnostics: loaded.diagnostics, unreadable: true)
        }
        // A record whose date could not be read is checked with a stand-in date; what the rules
        // say about the stand-in itself is dropped (the date's own error stands).
        let findings = Validator(rules: rules).validate(dataset).filter { finding in
            guard let place = finding.location else { return true }
            return !loaded.standIns.contains(place)
        }
        dataset.computeDerivedValues()
        // A file or folder that could not be read is unreadable input (exit 2), as the whole
        // directory would be: the records it holds are missing, not wrong.
        let unreadable = loaded.diagnostics.contains { $0.rule == "file-unreadable" }
        // An unknown id may only be a record of a file that could not be read: say so at each.
        let lostFiles = Set(loaded.diagnostics.filter { Diagnostic.wholeFileRules.contains($0.rule) && $0.severity == .error }.compactMap(\.location?.file))
        var all = loaded.diagnostics + findings
        var consequences = 0
        if !lostFiles.isEmpty {
            let consequence = " (perhaps a consequence: \(lostFiles.count == 1 ? "a file" : "\(lostFiles.count) files") could not be read, see the first errors)"
            for i in all.indices where all[i].rule == "ref-unknown" {
                all[i].message += consequence
                consequences += 1
            }
        }
        return Checked(
            dataset: dataset, files: loaded.files,
            diagnostics: all.sorted(by: Diagnostic.ordered), unreadable: unreadable,
            unreadFiles: lostFiles.sorted(), possibleConsequences: consequences)
    }

    /// Loads, validates and — only when no error (or warning, when strict) was found — writes
    /// the store at `databasePath`, replacing the old one atomically.
    public static func build(dataDirectory: String, databasePath: String, strict: Bool = false) throws -> Checked {
        try Store.checkReplaceable(databasePath)
        let checked = check(dataDirectory: dataDirectory)
        guard let dataset = checked.dataset, !checked.report(strict: strict).failed else { return checked }
        let directory = (databasePath as NSString).deletingLastPathComponent
        if !directory.isEmpty { try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true) }
        let lock = try RunLock(path: databasePath + ".lock", purpose: databasePath)
        defer { lock.release() }
        try Store.checkReplaceable(databasePath)
        // The temporary files of a build killed earlier, and this build's for Ctrl-C and SIGTERM.
        LeftoverFiles.removeStale(
            in: directory.isEmpty ? "." : directory, prefix: (databasePath as NSString).lastPathComponent + ".tmp-")
        let temporary = Store.temporaryPath(for: databasePath)
        let temporaries = ["", "-journal", "-wal", "-shm"].map { temporary + $0 }
        for path in temporaries { TemporaryFiles.shared.register(path) }
        defer { for path in temporaries { TemporaryFiles.shared.unregister(path) } }
        try Store.build(dataset, at: databasePath)
        return checked
    }

    /// The built-in exporters.
    public static var builtinRegistry: ExporterRegistry { BuiltinExporters.registry }
}
