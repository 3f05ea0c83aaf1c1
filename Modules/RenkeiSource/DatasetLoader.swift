import Foundation
import RenkeiModel

/// Reads a data directory of YAML source files into a ``Dataset``, reporting every problem it
/// meets — unreadable files, YAML errors, wrong types, unknown fields — with file, line and column.
public struct DatasetLoader: Sendable {
    /// What loading produced: the dataset (nil when the directory could not be read at all),
    /// the files read, and every problem found.
    public struct Result: Sendable {
        public var dataset: Dataset?
        public var files: [String]
        public var diagnostics: [Diagnostic]
        /// Where a date that could not be read was replaced by a stand-in, so the record could
        /// still be checked: findings at these places are only about the stand-in.
        public var standIns: Set<SourceLocation> = []
    }

    /// The largest source file read, in bytes.
    public var maxFileSize = 64 * 1024 * 1024
    /// How many bytes of YAML a window of files read together may hold (one file may be larger):
    /// their parsed trees are what loading holds in memory.
    public var windowBytes = 4 * 1024 * 1024
    /// The threads that read and decode files and records; the result is the same for any number.
    public var threads = ParallelMap.defaultThreads

    public init() {}

    /// Loads every `*.yaml` / `*.yml` file under `directory`, in sorted path order, into memory.
    public func load(directory: String) -> Result {
        var dataset = Dataset(info: DatasetInfo(name: "renkei", version: "0"))
        let loaded = stream(directory: directory) { part in dataset.append(recordsOf: part) }
        guard loaded.readable else { return Result(dataset: nil, files: loaded.files, diagnostics: loaded.diagnostics) }
        dataset.info = loaded.info
        dataset.assertions = loaded.assertions
        dataset.infoFields = loaded.infoFields
        dataset.releaseNotes = loaded.releaseNotes
        dataset.sortInLoadOrder(files: loaded.files)
        dataset.resolveActorReferences()
        return Result(dataset: dataset, files: loaded.files, diagnostics: loaded.diagnostics, standIns: loaded.standIns)
    }

    /// What a streamed load found besides the records: the dataset's own mappings, the files
    /// read, every problem, and where stand-in dates were used.
    public struct Loaded: Sendable {
        /// False when the directory could not be read at all.
        public var readable = true
        public var info = DatasetInfo(name: "renkei", version: "0")
        public var assertions: DatasetAssertions?
        public var infoFields: [String: SourceLocation] = [:]
        public var releaseNotes: [ReleaseNotes] = []
        public var files: [String] = []
        public var diagnostics: [Diagnostic] = []
        public var standIns: Set<SourceLocation> = []
    }

    /// Loads every `*.yaml` / `*.yml` file under `directory`, in sorted path order, a few files
    /// at a time: each window of files is read and decoded on every thread, and its records go
    /// to `sink` as one part (actor references not yet resolved), so only that window is ever
    /// in memory. A record is decoded once the source it cites is known; one with a relative
    /// date citing a source of a later file waits for the end.
    public func stream(directory: String, onFiles: ([String]) -> Void = { _ in }, sink: (Dataset) -> Void) -> Loaded {
        var loaded = Loaded()
        var diagnostics: [Diagnostic] = []
        let files: [String]
        do {
            let found = try SourceFileFinder(root: directory).yamlFiles()
            files = found.files
            diagnostics = found.problems
        } catch {
            loaded.readable = false
            loaded.diagnostics = [error.diagnostic]
            return loaded
        }
        loaded.files = files
        onFiles(files)
        var info: DatasetInfo?
        var assertions: DatasetAssertions?
        var infoFields: [String: SourceLocation] = [:]
        var releaseNotes: [ReleaseNotes] = []
        var sourceDates: [String: PartialDate] = [:]
        var waiting: [RawRecord] = []
        var standIns: Set<SourceLocation> = []
        for window in windows(of: files) {
            var raw: [RawRecord] = []
            // Files are independent: they are read and parsed in parallel, then taken in sorted order.
            let parsed = ParallelMap.map(window, threads: threads) { file in Swift.Result { try readYAML(file) } }
        for (index, file) in window.enumerated() {
            do {
                guard let root = try parsed[index].get() else {
                    diagnostics.append(
                        Diagnostic(rule: "file-empty", severity: .warning, message: "the file holds no data",
                                   location: SourceLocation(file: file, line: 1, column: 1)))
                    continue
                }
                guard case .mapping(let pairs, _) = root else {
                    throw LoadError(
                        code: "type-mismatch",
                        message: "a source file must be a mapping of collection names to lists, not \(root.kindName)",
                        location: root.location)
                }
                for (key, keyLocation, value) in pairs {
                    if key == "dataset" {
                        if info != nil {
                            diagnostics.append(LoadError(code: "dataset-duplicate", message: "'dataset' is given more than once", location: keyLocation).diagnostic)
                            continue
                        }
                        diagnostics += Self.controlCharacters(in: value, path: "dataset")
                        do {
                            let session = YAMLDecodingSession()
                            info = try session.decode(DatasetInfo.self, from: value)
                            infoFields = session.fieldLocations
                            diagnostics += session.unknownKeysWithSuggestions().map(unknownField)
                        } catch {
                            diagnostics.append(Self.diagnostic(for: error, at: value.location))
                        }
                        continue
                    }
                    if key == "assertions" || key == "release" {
                        decodeReleaseMapping(key, value, into: &assertions, &releaseNotes, &diagnostics)
                        continue
                    }
                    guard let collection = Collection(rawValue: key) else {
                        diagnostics.append(LoadError(
                            code: "collection-unknown",
                            message: "'\(key)' is not a collection"
                                + NameSuggestion.hint(key, among: Collection.allCases.map(\.rawValue) + ["dataset"],
                                                      fallback: "; use one of: \(Collection.allCases.map(\.rawValue).joined(separator: ", "))"),
                            location: keyLocation).diagnostic)
                        continue
                    }
                    guard case .sequence(let items, _) = value else {
                        if !value.isNull {
                            diagnostics.append(LoadError(code: "type-mismatch", message: "'\(key)' must be a list of records, not \(value.kindName)", location: value.location).diagnostic)
                        }
                        continue
                    }
                    raw += items.map { RawRecord(collection: collection, value: $0) }
                }
            } catch let error as LoadError {
                diagnostics.append(error.diagnostic)
            } catch {
                diagnostics.append(Diagnostic(rule: "file-unreadable", severity: .error, message: "\(error)", location: SourceLocation(file: file, line: 1, column: 1)))
            }
        }
            var part = Dataset(info: DatasetInfo(name: "renkei", version: "0"))
            diagnostics += decode(raw.filter { $0.collection == .sources }, into: &part, standIns: &standIns, sourceDates: &sourceDates)
            var ready: [RawRecord] = []
            for record in raw where record.collection != .sources {
                if let first = record.firstCitedSource, sourceDates[first] == nil, record.mentionsRelativeDate {
                    waiting.append(record)
                } else {
                    ready.append(record)
                }
            }
            diagnostics += decodeInParallel(ready, into: &part, standIns: &standIns, sourceDates: sourceDates)
            sink(part)
        }
        if !waiting.isEmpty {
            var part = Dataset(info: DatasetInfo(name: "renkei", version: "0"))
            diagnostics += decodeInParallel(waiting, into: &part, standIns: &standIns, sourceDates: sourceDates)
            sink(part)
        }
        if info == nil {
            diagnostics.append(Diagnostic(
                rule: "dataset-missing", severity: .error,
                message: "no 'dataset:' mapping (name, version) found: add \(directory)/dataset.yaml",
                location: nil))
        }
        loaded.info = info ?? DatasetInfo(name: "renkei", version: "0")
        loaded.assertions = assertions
        loaded.infoFields = infoFields
        loaded.releaseNotes = releaseNotes.sorted { $0.version < $1.version }
        loaded.diagnostics = diagnostics
        loaded.standIns = standIns
        return loaded
    }

    /// The source files in windows read together: up to two files a thread, and no more than
    /// ``windowBytes`` of YAML unless a single file is larger.
    func windows(of files: [String]) -> [[String]] {
        var out: [[String]] = []
        var current: [String] = []
        var bytes = 0
        for file in files {
            var info = stat()
            let size = stat(file, &info) == 0 ? Int(info.st_size) : 0
            if !current.isEmpty && (current.count >= max(2, 2 * threads) || bytes + size > windowBytes) {
                out.append(current)
                current = []
                bytes = 0
            }
            current.append(file)
            bytes += size
        }
        if !current.isEmpty { out.append(current) }
        return out
    }

    /// The dataset's fields end up one per line in plain-text files (a bundle's `bag-info.txt`):
    /// a control character, a line break included, could forge a line there. Each is an error
    /// at its place.
    static func controlCharacters(in value: YAMLValue, path: String) -> [Diagnostic] {
        switch value {
        case .scalar(let text, _, let location):
            guard let bad = text.unicodeScalars.first(where: { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) }) else { return [] }
            return [Diagnostic(
                rule: "text-hygiene", severity: .error,
                message: "'\(path)' contains the control character U+\(String(format: "%04X", bad.value)): the dataset's fields are one line each",
                location: location)]
        case .sequence(let items, _):
            return items.enumerated().flatMap { controlCharacters(in: $1, path: "\(path)[\($0)]") }
        case .mapping(let pairs, _):
            return pairs.flatMap { controlCharacters(in: $0.value, path: "\(path).\($0.key)") }
        }
    }

    /// Decodes `assertions:` (once, beside `dataset:`) or a release's notes (`release:`), keeping
    /// the location of each entry for findings.
    func decodeReleaseMapping(
        _ key: String, _ value: YAMLValue, into assertions: inout DatasetAssertions?, _ notes: inout [ReleaseNotes],
        _ diagnostics: inout [Diagnostic]
    ) {
        let session = YAMLDecodingSession()
        do {
            if key == "assertions" {
                guard assertions == nil else {
                    diagnostics.append(LoadError(code: "dataset-duplicate", message: "'assertions' is given more than once", location: value.location).diagnostic)
                    return
                }
                var decoded = try session.decode(DatasetAssertions.self, from: value)
                for i in decoded.counts.indices { decoded.counts[i].location = session.fieldLocations["counts[\(i)]"] ?? value.location }
                for i in decoded.fill.indices { decoded.fill[i].location = session.fieldLocations["fill[\(i)]"] ?? value.location }
                assertions = decoded
            } else {
                var decoded = try session.decode(ReleaseNotes.self, from: value)
                decoded.location = value.location
                if notes.contains(where: { $0.version == decoded.version }) {
                    diagnostics.append(LoadError(code: "dataset-duplicate", message: "release notes for \(decoded.version) are given more than once", location: value.location).diagnostic)
                    return
                }
                notes.append(decoded)
            }
            diagnostics += session.unknownKeysWithSuggestions().map(unknownField)
        } catch {
            diagnostics.append(Self.diagnostic(for: error, at: value.location))
        }
    }

    /// Reads one file's bytes as UTF-8 YAML.
    func readYAML(_ file: String) throws -> YAMLValue? {
        let start = SourceLocation(file: file, line: 1, column: 1)
        var info = stat()
        guard stat(file, &info) == 0 else {
            throw LoadError(code: "file-unreadable", message: "cannot read the file: \(String(cString: strerror(errno)))", location: start)
        }
        guard info.st_mode & S_IFMT == S_IFREG else {
            throw LoadError(code: "file-unreadable", message: "not a regular file", location: start)
        }
        guard let handle = FileHandle(forReadingAtPath: file) else {
            throw LoadError(code: "file-unreadable", message: "cannot open the file for reading", location: start)
        }
        defer { try? handle.close() }
        let data: Data
        do {
            data = try handle.read(upToCount: maxFileSize + 1) ?? Data()
        } catch {
            throw LoadError(code: "file-unreadable", message: "cannot read the file: \(error.localizedDescription)", location: start)
        }
        if data.count > maxFileSize {
            throw LoadError(code: "file-too-large", message: "the file is larger than \(maxFileSize / 1024 / 1024) MiB", location: start)
        }
        var bytes = [UInt8](data)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        if let bad = Self.firstInvalidUTF8(bytes) {
            throw LoadError(code: "text-encoding", message: "the file is not valid UTF-8 (byte 0x\(String(bytes[bad], radix: 16, uppercase: true)))", location: Self.location(ofByte: bad, in: bytes, file: file))
        }
        if let nul = bytes.firstIndex(of: 0) {
            throw LoadError(code: "text-encoding", message: "the file contains a NUL byte", location: Self.location(ofByte: nul, in: bytes, file: file))
        }
        let text = String(decoding: bytes, as: UTF8.self)
        return try YAMLReader(file: file).read(text)
    }

    static func firstInvalidUTF8(_ bytes: [UInt8]) -> Int? {
        var i = 0
        while i < bytes.count {
            let b = bytes[i]
            let length: Int
            switch b {
            case 0x00...0x7F: length = 1
            case 0xC2...0xDF: length = 2
            case 0xE0...0xEF: length = 3
            case 0xF0...0xF4: length = 4
            default: return i
            }
            guard i + length <= bytes.count else { return i }
            for k in 1..<length where bytes[i + k] & 0xC0 != 0x80 { return i }
            if length == 3 {
                if b == 0xE0 && bytes[i + 1] < 0xA0 { return i }
                if b == 0xED && bytes[i + 1] > 0x9F { return i }
            }
            if length == 4 {
                if b == 0xF0 && bytes[i + 1] < 0x90 { return i }
                if b == 0xF4 && bytes[i + 1] > 0x8F { return i }
            }
            i += length
        }
        return nil
    }

    static func location(ofByte offset: Int, in bytes: [UInt8], file: String) -> SourceLocation {
        var line = 1
        var column = 1
        for b in bytes[..<offset] {
            if b == 0x0A {
                line += 1
                column = 1
            } else if b & 0xC0 != 0x80 {
                column += 1
            }
        }
        return SourceLocation(file: file, line: line, column: column)
    }

    func unknownField(_ entry: (path: String, location: SourceLocation, suggestions: [String])) -> Diagnostic {
        // A claim's `exception` no longer excuses a value that does not hold.
        if entry.path == "exception" || entry.path.hasSuffix(".exception") {
            return Diagnostic(
                rule: "field-unknown", severity: .error,
                message: "unknown field '\(entry.path)': a claim now says why the records cannot decide it in 'unverifiable', or why they differ from the source in 'discrepancy' (docs/DATA-FORMAT.md)",
                location: entry.location)
        }
        let name = String(entry.path.split(separator: ".").last ?? Substring(entry.path))
        let hint = NameSuggestion.hint(name, among: entry.suggestions, fallback: ": check the spelling against docs/DATA-FORMAT.md")
        return Diagnostic(rule: "field-unknown", severity: .error, message: "unknown field '\(entry.path)'\(hint)", location: entry.location)
    }

    static func diagnostic(for error: any Error, at fallback: SourceLocation) -> Diagnostic {
        if let load = error as? LoadError { return load.diagnostic }
        return Diagnostic(rule: "type-mismatch", severity: .error, message: "\(error)", location: fallback)
    }

    /// Decodes records that are not sources: they depend only on the sources' dates, so they are
    /// decoded in parallel, in chunks of a fixed size whose results are joined in order — the
    /// same records and findings as one pass, for any number of threads.
    func decodeInParallel(
        _ others: [RawRecord], into dataset: inout Dataset, standIns: inout Set<SourceLocation>, sourceDates: [String: PartialDate]
    ) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        let chunkSize = 256
        let chunks = stride(from: 0, to: others.count, by: chunkSize).map { Array(others[$0..<min($0 + chunkSize, others.count)]) }
        let parts = ParallelMap.map(chunks, threads: threads) { chunk in
            var part = Dataset(info: DatasetInfo(name: "renkei", version: "0"))
            var partStandIns: Set<SourceLocation> = []
            var partDates = sourceDates
            let found = decode(chunk, into: &part, standIns: &partStandIns, sourceDates: &partDates)
            return (part, found, partStandIns)
        }
        for (part, found, partStandIns) in parts {
            dataset.append(recordsOf: part)
            diagnostics += found
            standIns.formUnion(partStandIns)
        }
        return diagnostics
    }

    /// Decodes `records` in order; a source's date is noted for the relative dates of later records.
    func decode(
        _ records: [RawRecord], into dataset: inout Dataset, standIns: inout Set<SourceLocation>,
        sourceDates: inout [String: PartialDate]
    ) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        for record in records {
            guard case .mapping = record.value else {
                diagnostics.append(LoadError(code: "type-mismatch", message: "a record of '\(record.collection.rawValue)' must be a mapping, not \(record.value.kindName)", location: record.value.location).diagnostic)
                continue
            }
            let session = YAMLDecodingSession()
            session.ignoredTopLevelKeys = ["suppress"]
            if let first = record.firstCitedSource { session.anchor = sourceDates[first] }
            do {
                var meta = RecordMeta(location: record.value.location)
                if let suppress = record.value["suppress"] {
                    meta.suppressions = try session.decode([Suppression].self, from: suppress)
                    for (path, location) in session.fieldLocations where path.hasPrefix("[") {
                        session.fieldLocations["suppress" + path] = location
                    }
                }
                if let source = try add(record, session, meta, to: &dataset, &diagnostics) { sourceDates[source.id] = source.date }
                // Unknown keys are reported only for a record that decoded: decoding stops at the
                // first error, so later keys of a failed record were never asked for.
                diagnostics += session.unknownKeysWithSuggestions().map(unknownField)
            } catch {
                diagnostics.append(Self.diagnostic(for: error, at: record.value.location))
                // A missing field is often a misspelt one: name the look-alike keys.
                if let load = error as? LoadError, load.code == "field-missing",
                    let missing = load.message.split(separator: "'").dropFirst().first.map(String.init)
                {
                    let name = String(missing.split(separator: ".").last ?? "")
                    for (path, location) in session.unknownKeys()
                    where Self.editDistance(String(path.split(separator: ".").last ?? ""), name) <= 2 {
                        diagnostics.append(Diagnostic(
                            rule: "field-unknown", severity: .error,
                            message: "unknown field '\(path)': did you mean '\(name)'?", location: location))
                    }
                }
                // Decoding stopped at a date it could not read: decode again with a stand-in date
                // to find the record's other problems. The record itself stays out.
                if let load = error as? LoadError, load.code == "date-invalid" {
                    diagnostics += problemsAfterBadDates(record, first: load, anchor: session.anchor, into: &dataset, standIns: &standIns)
                }
            }
        }
        return diagnostics
    }

    /// The problems of a record beyond its unreadable dates: each bad date is replaced by a
    /// stand-in and decoding runs again, until it gets through or fails on something else. A
    /// record that gets through joins the dataset so the rules check it (the run fails anyway on
    /// its date, so nothing is written); the stand-ins' places are noted so that findings about
    /// them are dropped.
    func problemsAfterBadDates(
        _ record: RawRecord, first: LoadError, anchor: PartialDate?, into dataset: inout Dataset, standIns: inout Set<SourceLocation>
    ) -> [Diagnostic] {
        var out: [Diagnostic] = []
        var value = record.value
        var bad = first
        var replaced: Set<SourceLocation> = []
        for _ in 0..<32 {
            value = value.replacingScalar(at: bad.location, with: "2000")
            replaced.insert(bad.location)
            let session = YAMLDecodingSession()
            session.ignoredTopLevelKeys = ["suppress"]
            session.anchor = anchor
            let patched = RawRecord(collection: record.collection, value: value)
            do {
                try probe(patched, session, into: &dataset)
                standIns.formUnion(replaced)
                return out + session.unknownKeysWithSuggestions().map(unknownField)
            } catch let load as LoadError where load.code == "date-invalid" && load.location != bad.location {
                out.append(load.diagnostic)
                bad = load
            } catch {
                out.append(Self.diagnostic(for: error, at: record.value.location))
                return out
            }
        }
        return out
    }

    /// Decodes a record with stand-in dates and adds it to the dataset for the rules; its
    /// reading findings were reported already and are dropped.
    func probe(_ record: RawRecord, _ session: YAMLDecodingSession, into dataset: inout Dataset) throws {
        var ignored: [Diagnostic] = []
        _ = try add(record, session, RecordMeta(location: record.value.location), to: &dataset, &ignored)
    }

    /// Decodes one record into its collection: computed values cleared, a relative date's
    /// resolution kept, a claim's periods normalised. Returns the record when it is a source,
    /// whose date later records' relative dates resolve from.
    func add(
        _ record: RawRecord, _ session: YAMLDecodingSession, _ meta: RecordMeta, to dataset: inout Dataset,
        _ diagnostics: inout [Diagnostic]
    ) throws -> Source? {
        switch record.collection {
        case .sources:
            let source = try decodeRecord(Source.self, record, session, meta)
            dataset.sources.append(source)
            return source
        case .actors: dataset.actors.append(try decodeRecord(Actor.self, record, session, meta))
        case .persons: dataset.persons.append(try decodeRecord(Person.self, record, session, meta))
        case .memberships: dataset.memberships.append(try decodeRecord(Membership.self, record, session, meta))
        case .themes: dataset.themes.append(try decodeRecord(Theme.self, record, session, meta))
        case .series: dataset.series.append(try decodeRecord(Series.self, record, session, meta))
        case .events:
            var event = try decodeRecord(Event.self, record, session, meta)
            event.dateNote = event.meta.dateResolutions["date"] ?? event.dateNote
            dataset.events.append(event)
        case .attributions: dataset.attributions.append(try decodeRecord(Attribution.self, record, session, meta))
        case .proposals: dataset.proposals.append(try decodeRecord(Proposal.self, record, session, meta))
        case .budgets: dataset.budgets.append(try decodeRecord(Budget.self, record, session, meta))
        case .indicators:
            var indicator = try decodeRecord(Indicator.self, record, session, meta)
            indicator.values = []
            indicator.undetermined = 0
            dataset.indicators.append(indicator)
        case .claims:
            var claim = try decodeRecord(Claim.self, record, session, meta)
            claim.actual = nil
            claim.holds = nil
            claim.verdict = nil
            if let normalized = normalizePeriods(claim, &diagnostics) { claim.expected = normalized }
            dataset.claims.append(claim)
        case .assessments: dataset.assessments.append(try decodeRecord(Assessment.self, record, session, meta))
        }
        return nil
    }

    func decodeRecord<T: DatasetRecord>(
        _ type: T.Type, _ raw: RawRecord, _ session: YAMLDecodingSession, _ meta: RecordMeta
    ) throws -> T {
        var record = try session.decode(T.self, from: raw.value)
        var meta = meta
        meta.fields = session.fieldLocations
        meta.dateResolutions = session.dateResolutions
        record.meta = meta
        return record
    }

    /// The Levenshtein distance between two short strings.
    static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a.prefix(64)), b = Array(b.prefix(64))
        if a.isEmpty || b.isEmpty { return max(a.count, b.count) }
        var row = Array(0...b.count)
        for i in 1...a.count {
            var previous = row[0]
            row[0] = i
            for j in 1...b.count {
                let current = row[j]
                row[j] = min(row[j] + 1, row[j - 1] + 1, previous + (a[i - 1] == b[j - 1] ? 0 : 1))
                previous = current
            }
        }
        return row[b.count]
    }

    /// Writes a claim's expected per-period keys as the evaluator labels periods (`FY2018`).
    func normalizePeriods(_ claim: Claim, _ diagnostics: inout [Diagnostic]) -> ClaimValue? {
        guard case .perPeriod(let map) = claim.expected else { return nil }
        guard let period = claim.query?.per else {
            diagnostics.append(Diagnostic(
                rule: "claim-invalid", severity: .error,
                message: "claim '\(claim.id)' expects a value per period, but its query has no 'per'",
                location: claim.meta.location(of: "expected"), record: claim.id))
            return nil
        }
        var out: [String: Int] = [:]
        for (key, value) in map {
            guard let label = period.normalize(key) else {
                diagnostics.append(Diagnostic(
                    rule: "claim-invalid", severity: .error,
                    message: "'\(key)' is not a \(period.rawValue) period: write 2018\(period == .fiscalYear ? " or FY2018" : "")",
                    location: claim.meta.location(of: "expected.\(key)"), record: claim.id))
                continue
            }
            out[label] = value
        }
        return .perPeriod(out)
    }
}

/// A record as read from a file, before it is decoded.
struct RawRecord {
    let collection: Collection
    let value: YAMLValue

    /// Whether any text in the record starts with a relative date's word (本年, 先月, …): only such
    /// a record needs its cited source's date to be decoded.
    var mentionsRelativeDate: Bool {
        func scan(_ value: YAMLValue) -> Bool {
            switch value {
            case .scalar(let text, _, _): DateParser.relativePrefixes.contains { text.contains($0) }
            case .sequence(let items, _): items.contains(where: scan)
            case .mapping(let pairs, _): pairs.contains { scan($0.value) }
            }
        }
        return scan(value)
    }

    /// The id of the first source the record cites, used to resolve relative dates.
    var firstCitedSource: String? {
        if collection == .claims, case .scalar(let s, _, _)? = value["source"] { return s }
        if case .sequence(let citations, _)? = value["sources"], let first = citations.first,
            case .scalar(let s, _, _)? = first["source"]
        {
            return s
        }
        return nil
    }
}

extension Dataset {
    /// Puts each collection in the order its records are written in the files (a record that
    /// waited for its source's date is streamed late).
    mutating func sortInLoadOrder(files: [String]) {
        let numbers = Dictionary(files.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
        func key(_ r: any DatasetRecord) -> (Int, Int, Int) {
            guard let l = r.meta.location else { return (Int.max, 0, 0) }
            return (numbers[l.file] ?? Int.max, l.line, l.column)
        }
        func sort<T: DatasetRecord>(_ list: inout [T]) {
            let keyed = list.enumerated().map { (key($1), $0, $1) }
            list = keyed.sorted { ($0.0.0, $0.0.1, $0.0.2, $0.1) < ($1.0.0, $1.0.1, $1.0.2, $1.1) }.map(\.2)
        }
        sort(&sources)
        sort(&actors)
        sort(&persons)
        sort(&memberships)
        sort(&themes)
        sort(&series)
        sort(&events)
        sort(&attributions)
        sort(&proposals)
        sort(&budgets)
        sort(&indicators)
        sort(&claims)
        sort(&assessments)
    }

    /// Appends every record of `part`, collection by collection, after this dataset's own.
    mutating func append(recordsOf part: Dataset) {
        sources += part.sources
        actors += part.actors
        persons += part.persons
        memberships += part.memberships
        themes += part.themes
        series += part.series
        events += part.events
        attributions += part.attributions
        proposals += part.proposals
        budgets += part.budgets
        indicators += part.indicators
        claims += part.claims
        assessments += part.assessments
    }
}
