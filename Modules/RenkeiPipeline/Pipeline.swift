import Foundation
import RenkeiBundle
import RenkeiExport
import RenkeiExporters
import RenkeiModel
import RenkeiSource
import RenkeiStaging
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
        /// The dataset's name, version, assertions, release notes, field places and sources, without
        /// the other records.
        public var header = Dataset(info: DatasetInfo(name: "renkei", version: "0"))
        /// How many records each collection holds.
        public var counts: [Collection: Int] = [:]

        public func report(strict: Bool) -> DiagnosticReport { DiagnosticReport(diagnostics: diagnostics, strict: strict) }
    }

    /// Loads `dataDirectory` and runs every rule over what loaded. With `keepDataset` the checked
    /// records are also read back into ``Checked/dataset`` (for tests and small tools); the
    /// commands leave it out, so a check holds a window of files in memory, not the dataset.
    public static func check(
        dataDirectory: String, rules: [any Rule] = RuleCatalog.builtIn, keepDataset: Bool = true
    ) -> Checked {
        do {
            let (checked, staging) = try stage(dataDirectory: dataDirectory, rules: rules, keepDataset: keepDataset)
            staging?.remove()
            return checked
        } catch {
            let problem = Diagnostic(rule: "file-unreadable", severity: .error, message: error.message, location: nil)
            return Checked(dataset: nil, files: [], diagnostics: [problem], unreadable: true)
        }
    }

    /// Checks `dataDirectory` as ``check(dataDirectory:rules:keepDataset:)`` does without
    /// keeping the dataset; a failure to write the staging store (a full disk) is thrown.
    public static func checkFiles(dataDirectory: String) throws(StoreError) -> Checked {
        let (checked, staging) = try stage(dataDirectory: dataDirectory)
        staging?.remove()
        return checked
    }

    /// Loads and checks `dataDirectory` through a staging store, which the caller removes: the
    /// records stream from the files into the store, and the rules read them back from it.
    static func stage(
        dataDirectory: String, rules: [any Rule] = RuleCatalog.builtIn, keepDataset: Bool = false,
        writing target: StoreTarget? = nil
    ) throws(StoreError) -> (Checked, StagingStore?) {
        let directory = NSTemporaryDirectory()
        LeftoverFiles.removeStaleOnce(in: directory, prefix: "renkei-staging-")
        let path = directory + "renkei-staging-\(getpid())-\(UUID().uuidString.prefix(8)).sqlite"
        for suffix in ["", "-journal"] { TemporaryFiles.shared.register(path + suffix) }
        defer { for suffix in ["", "-journal"] { TemporaryFiles.shared.unregister(path + suffix) } }
        let writer: StagingWriter
        do {
            writer = try StagingWriter(path: path)
        } catch {
            throw StoreError(message: "cannot write the staging store: \(error)", path: path)
        }
        var fileNumbers: [String: Int] = [:]
        var failure: (any Error)?
        let loader = DatasetLoader()
        let loaded = loader.stream(directory: dataDirectory, onFiles: { files in
            writer.setFiles(files)
            fileNumbers = Dictionary(files.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
        }) { part in
            guard failure == nil else { return }
            let records = part.allRecordsInLoadOrder
            let numbers = fileNumbers
            let chunks = stride(from: 0, to: records.count, by: 256).map { Array(records[$0..<min($0 + 256, records.count)]) }
            let staged = ParallelMap.map(chunks, threads: loader.threads) { chunk in
                Result { try chunk.map { try StagedRecord($0, file: numbers[$0.base.meta.location?.file ?? ""] ?? 0) } }
            }
            do {
                try writer.append(try staged.flatMap { try $0.get() })
            } catch {
                failure = error
            }
        }
        guard loaded.readable else {
            writer.discard()
            return (Checked(dataset: nil, files: loaded.files, diagnostics: loaded.diagnostics, unreadable: true), nil)
        }
        let staging: StagingStore
        do {
            if let failure { throw failure }
            staging = try writer.finish()
        } catch {
            writer.discard()
            throw StoreError(message: "cannot write the staging store: \(error)", path: path)
        }
        let context = ValidationContext(info: loaded.info, assertions: loaded.assertions, records: staging)
        // A file or folder that could not be read is unreadable input (exit 2), as the whole
        // directory would be: the records it holds are missing, not wrong.
        let unreadable = loaded.diagnostics.contains { $0.rule == "file-unreadable" }
        // A record whose date could not be read is checked with a stand-in date; what the rules
        // say about the stand-in itself is dropped (the date's own error stands).
        func validate(observe: ((AnyRecord) -> Void)?) -> [Diagnostic] {
            Validator(rules: rules).validate(context, observe: observe).filter { finding in
                guard let place = finding.location else { return true }
                return !loaded.standIns.contains(place)
            }
        }
        var findings: [Diagnostic] = []
        if let target {
            // The store is written as the records pass the rules, and kept only when they pass.
            var failed = false
            do {
                try Store.build(info: loaded.info, at: target.path, wal: target.wal) { visit in
                    try withoutActuallyEscaping(visit) { visit in
                        let writer = StoreFeed(indicators: context.indicators, claims: context.claims, visit: visit)
                        findings = validate(observe: writer.add)
                        if let error = writer.failure { throw error }
                    }
                    // A store is never kept from a pass that missed records.
                    if let failure = staging.readFailures.first { throw StoreFeed.ReadBack(description: failure) }
                    failed = unreadable || DiagnosticReport(diagnostics: loaded.diagnostics + findings, strict: target.strict).failed
                    if failed { throw StoreFeed.Abandoned() }
                }
            } catch {
                if !failed {
                    staging.remove()
                    throw error
                }
            }
        } else {
            findings = validate(observe: nil)
        }
        if let failure = staging.readFailures.first {
            staging.remove()
            throw StoreError(message: "cannot read the staging store back: \(failure)", path: path)
        }
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
        var header = Dataset(info: loaded.info)
        header.assertions = loaded.assertions
        header.infoFields = loaded.infoFields
        header.releaseNotes = loaded.releaseNotes
        header.sources = context.sources
        var checked = Checked(
            dataset: nil, files: loaded.files,
            diagnostics: all.sorted(by: Diagnostic.ordered), unreadable: unreadable,
            unreadFiles: lostFiles.sorted(), possibleConsequences: consequences)
        checked.header = header
        checked.counts = Dictionary(uniqueKeysWithValues: Collection.allCases.map { ($0, staging.count($0)) })
        if keepDataset {
            var dataset = header
            dataset.sources = []
            for collection in Collection.allCases { staging.forEachInLoadOrder(collection) { dataset.append($0) } }
            dataset.computeDerivedValues()
            checked.dataset = dataset
        }
        return (checked, staging)
    }

    /// The findings of `rules` over a dataset already in memory (a test's or a tool's), through
    /// a staging store as a check of files goes.
    public static func validate(
        _ dataset: Dataset, rules: [any Rule] = RuleCatalog.builtIn, threads: Int = ParallelMap.defaultThreads
    ) -> [Diagnostic] {
        let path = NSTemporaryDirectory() + "renkei-staging-\(getpid())-\(UUID().uuidString.prefix(8)).sqlite"
        do {
            let staging = try StagingWriter.stage(dataset.allRecordsInLoadOrder, at: path)
            defer { staging.remove() }
            var validator = Validator(rules: rules)
            validator.threads = threads
            return validator.validate(ValidationContext(info: dataset.info, assertions: dataset.assertions, records: staging))
        } catch {
            return [Diagnostic(rule: "file-unreadable", severity: .error, message: "cannot write the staging store \(path): \(error)", location: nil)]
        }
    }

    /// Checks `dataDirectory` and, only when no error (or warning, when strict) was found,
    /// writes its store at `storePath` (see ``RenkeiStore/Store/build(info:at:wal:records:)``).
    /// The records go from the staging store into the new store: the files are read once.
    public static func checkAndWrite(dataDirectory: String, storePath: String, wal: Bool, strict: Bool = false) throws -> Checked {
        let (checked, staging) = try stage(dataDirectory: dataDirectory, writing: StoreTarget(path: storePath, wal: wal, strict: strict))
        staging?.remove()
        return checked
    }

    /// Loads, validates and — only when no error (or warning, when strict) was found — writes
    /// the store at `databasePath`, replacing the old one atomically.
    public static func build(dataDirectory: String, databasePath: String, strict: Bool = false) throws -> Checked {
        try Store.checkReplaceable(databasePath)
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
        let (checked, staging) = try stage(dataDirectory: dataDirectory, writing: StoreTarget(path: databasePath, wal: true, strict: strict))
        staging?.remove()
        return checked
    }

    /// The built-in exporters.
    public static var builtinRegistry: ExporterRegistry { BuiltinExporters.registry }
}

/// Where a check writes the store as the records pass its rules: kept only when the check passes
/// (with warnings as failures when `strict`).
struct StoreTarget {
    let path: String
    let wal: Bool
    var strict = false
}

/// Hands the records of the validation pass to the store writer, in canonical order: indicators
/// and claims with their values, computed over the actors and events that came before them.
final class StoreFeed {
    struct Abandoned: Error {}
    /// A staged record could not be read back.
    struct ReadBack: Error, CustomStringConvertible {
        let description: String
    }

    private var derived: DerivedValues
    private var computed: (indicators: [String: Indicator], claims: [String: Claim])?
    private let visit: (AnyRecord) throws -> Void
    private(set) var failure: (any Error)?

    init(indicators: [Indicator], claims: [Claim], visit: @escaping (AnyRecord) throws -> Void) {
        derived = DerivedValues(indicators: indicators, claims: claims)
        self.visit = visit
    }

    func add(_ record: AnyRecord) {
        guard failure == nil else { return }
        var record = record
        switch record {
        case .actor(let a): derived.add(a)
        case .event(let e): derived.add(e)
        case .indicator(let i):
            if let value = values().indicators[i.id] { record = .indicator(value) }
        case .claim(let c):
            if let value = values().claims[c.id] { record = .claim(value) }
        default: break
        }
        do { try visit(record) } catch { failure = error }
    }

    /// The computed indicators and claims, once every actor and event has passed.
    private func values() -> (indicators: [String: Indicator], claims: [String: Claim]) {
        if let computed { return computed }
        let made = (
            Dictionary(derived.indicators.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a }),
            Dictionary(derived.claims.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a }))
        computed = made
        return made
    }
}
