import Foundation
import RenkeiExport
import RenkeiModel
import RenkeiPipeline
import RenkeiStore

/// Runs one exporter through the real pipeline — an in-memory store, the export runner, a
/// fresh directory — and returns the files it published.
public enum ExporterHarness {
    /// The files written, by path relative to the output directory.
    public static func run(_ entry: ExporterRegistry.Entry, on dataset: Dataset, options: [String: String] = [:]) throws -> [String: Data] {
        let store = try Store.inMemory(dataset)
        let directory = temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try ExportRunner(store: store, options: options).run([entry], into: directory)
        let written = try ExportRunner.files(in: directory)
        var files: [String: Data] = [:]
        for path in written {
            files[path] = FileManager.default.contents(atPath: directory + "/" + path) ?? Data()
        }
        return files
    }

    /// A new, empty directory under the system's temporary directory.
    public static func temporaryDirectory() -> String {
        let path = NSTemporaryDirectory() + "renkei-test-\(UUID().uuidString)"
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }
}

/// The checks every exporter — built-in or external — must pass.
///
/// Each check returns the problems it found (empty when the exporter passes), so any test
/// framework can assert on them.
public struct ExporterConformance {
    /// How the format is read, so the kit can check escaping.
    public enum Markup: Sendable { case json, jsonLines, csv, xml, html, markdown, calendar, sqlite }

    public let entry: ExporterRegistry.Entry
    public let markup: Markup
    /// Counts the records the files carry, per collection the exporter writes; collections it
    /// does not write are left out. Nil skips the completeness check — with a reason reported.
    public let countRecords: (@Sendable ([String: Data]) throws -> [Collection: Int])?
    /// Which records of a dataset the exporter is expected to carry, per collection.
    public let expectedCounts: @Sendable (Dataset) -> [Collection: Int]

    public init(
        entry: ExporterRegistry.Entry, markup: Markup,
        expectedCounts: @escaping @Sendable (Dataset) -> [Collection: Int] = { $0.counts },
        countRecords: (@Sendable ([String: Data]) throws -> [Collection: Int])?
    ) {
        self.entry = entry
        self.markup = markup
        self.expectedCounts = expectedCounts
        self.countRecords = countRecords
    }

    /// Every check that applies to the exporter, in turn; the problems of all of them. An
    /// exporter of aggregates (`description.content == .aggregates`) is checked for
    /// determinism, the empty dataset, its files' places and the escaping of what it writes;
    /// an exporter of records also for completeness and the hostile sample texts.
    public func run() -> [String] {
        switch entry.description.content {
        case .records:
            determinism() + emptyDataset() + completeness() + unicodeAndHostileText() + filesInsideDirectory() + abortReleasesFiles()
        case .aggregates:
            determinism() + emptyDataset() + escaping() + filesInsideDirectory() + abortReleasesFiles()
        }
    }

    /// The checks ``run()`` leaves out for this exporter, each with the reason — so that a
    /// check switched off is reported, never silently skipped.
    public var skipped: [(check: String, reason: String)] {
        switch entry.description.content {
        case .records: []
        case .aggregates:
            [
                ("completeness", "the exporter writes aggregates, not one entry per record"),
                ("hostile sample texts", "the exporter writes only the labels its figures need; those it writes are checked for escaping"),
            ]
        }
    }

    /// A run that fails after `begin`: `abort()` (then the runner's `closeAll`) leaves no file of
    /// the exporter open — no database with its transaction, no scratch index — and the folder
    /// can be removed.
    public func abortReleasesFiles() -> [String] {
        let root = ExporterHarness.temporaryDirectory() + "/" + entry.description.id
        defer { try? FileManager.default.removeItem(atPath: (root as NSString).deletingLastPathComponent) }
        let dataset = TestDatasets.minimal()
        let sink = entry.make()
        do {
            let output = try OutputDirectory(root: root)
            let context = ExportContext(output: output, info: dataset.info, counts: dataset.counts, lookup: NoRecords())
            try sink.begin(context)
            for record in dataset.allRecords.prefix(5) { try sink.write(record) }
            sink.abort()
            output.closeAll()
        } catch {
            return ["the exporter failed before the abort: \(error)"]
        }
        let open = Self.openFiles(below: (root as NSString).deletingLastPathComponent)
        return withExtendedLifetime(sink) {
            open.isEmpty ? [] : ["after abort() these files are still open: \(open.joined(separator: ", "))"]
        }
    }

    /// Files this process holds open below `folder` (Linux: /proc/self/fd).
    static func openFiles(below folder: String) -> [String] {
        guard let fds = try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd") else { return [] }
        return fds.compactMap { fd in
            (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/fd/" + fd)).flatMap { $0.hasPrefix(folder + "/") ? $0 : nil }
        }.sorted()
    }

    /// Finds nothing: an exporter run on its own, outside the pipeline.
    final class NoRecords: RecordLookup {
        func record(_ id: String, in collection: Collection) -> AnyRecord? { nil }
    }

    /// Two runs over the same data give byte-identical files.
    public func determinism() -> [String] {
        do {
            let a = try ExporterHarness.run(entry, on: TestDatasets.hostile())
            let b = try ExporterHarness.run(entry, on: TestDatasets.hostile())
            if a.keys.sorted() != b.keys.sorted() { return ["two runs wrote different files: \(a.keys.sorted()) vs \(b.keys.sorted())"] }
            return a.keys.sorted().compactMap { a[$0] == b[$0] ? nil : "\($0) differs between two runs over the same data" }
        } catch {
            return ["the exporter failed: \(error)"]
        }
    }

    /// An empty dataset exports without error and writes at least one file.
    public func emptyDataset() -> [String] {
        do {
            let files = try ExporterHarness.run(entry, on: TestDatasets.empty())
            return files.isEmpty ? ["an empty dataset wrote no file"] : []
        } catch {
            return ["an empty dataset failed: \(error)"]
        }
    }

    /// Every record of the collections the exporter writes is present.
    public func completeness() -> [String] {
        guard let countRecords else { return [] }
        do {
            for dataset in [TestDatasets.minimal(), TestDatasets.hostile()] {
                let files = try ExporterHarness.run(entry, on: dataset)
                let counted = try countRecords(files)
                let expected = expectedCounts(dataset)
                for (collection, n) in counted.sorted(by: { $0.key.rawValue < $1.key.rawValue }) where expected[collection] != n {
                    return ["\(collection.rawValue): the files carry \(n) records, the store has \(expected[collection] ?? 0)"]
                }
                if counted.isEmpty { return ["the counter found no records at all"] }
            }
            return []
        } catch {
            return ["counting records failed: \(error)"]
        }
    }

    /// What the exporter writes of the hostile dataset keeps its format: markup is escaped,
    /// spreadsheet formulas are neutralised, JSON parses, and the files are valid UTF-8 —
    /// whichever of the hostile texts it writes (for exporters of aggregates, their labels).
    public func escaping() -> [String] {
        do {
            return Self.formatProblems(try ExporterHarness.run(entry, on: TestDatasets.hostile()), markup)
        } catch {
            return ["hostile text failed: \(error)"]
        }
    }

    /// Hostile text is carried without breaking the format: markup is escaped, spreadsheet
    /// formulas are neutralised, and the files are valid UTF-8; and the Unicode samples survive.
    public func unicodeAndHostileText() -> [String] {
        do {
            let files = try ExporterHarness.run(entry, on: TestDatasets.hostile())
            var problems = Self.formatProblems(files, markup)
            if markup != .sqlite {
                // Unicode survives: Japanese, emoji, combining marks (not normalised away), right-to-left.
                var all = files.values.map { String(decoding: $0, as: UTF8.self) }.joined(separator: "\n")
                if markup == .calendar { all = all.replacingOccurrences(of: "\r\n ", with: "") }
                for sample in ["日本語のテキスト", "🛡️👩‍💻🇯🇵", "e\u{0301}", "\u{05E9}\u{05DC}\u{05D5}\u{05DD}"]
                where !all.contains(sample) {
                    problems.append("the files lost the text '\(sample)'")
                }
            }
            return problems
        } catch {
            return ["hostile text failed: \(error)"]
        }
    }

    /// The format checks of ``escaping()`` on a set of files.
    static func formatProblems(_ files: [String: Data], _ markup: Markup) -> [String] {
        var problems: [String] = []
        for (path, data) in files.sorted(by: { $0.key < $1.key }) {
            if markup == .sqlite { continue }
            guard let text = String(data: data, encoding: .utf8) else {
                problems.append("\(path) is not valid UTF-8")
                continue
            }
            switch markup {
            case .xml, .html:
                if text.contains("<script>alert") { problems.append("\(path) carries an unescaped <script>") }
                if path.hasSuffix(".xml") || markup == .xml, text.contains("]]> end") && !text.contains("<![CDATA[") {
                    problems.append("\(path) carries an unescaped ]]>")
                }
            case .csv:
                if path.hasSuffix(".csv") {
                    // Lines end with CRLF, which Swift reads as one Character: split on any line break.
                    for line in text.split(whereSeparator: \.isNewline) {
                        for field in line.split(separator: ",", omittingEmptySubsequences: false) {
                            let f = field.hasPrefix("\"") ? field.dropFirst() : field[...]
                            if let c = f.first, "=+@".contains(c) {
                                problems.append("\(path) has a cell a spreadsheet would run as a formula: \(field.prefix(30))")
                            }
                        }
                    }
                }
            case .json:
                if path.hasSuffix(".json"), (try? JSONSerialization.jsonObject(with: data)) == nil {
                    problems.append("\(path) is not valid JSON")
                }
            case .jsonLines:
                for line in text.split(separator: "\n") where (try? JSONSerialization.jsonObject(with: Data(line.utf8))) == nil {
                    problems.append("\(path) has a line that is not JSON")
                    break
                }
            default: break
            }
        }
        return problems
    }

    /// The files written match the exporter's description and stay inside the directory.
    public func filesInsideDirectory() -> [String] {
        do {
            let files = try ExporterHarness.run(entry, on: TestDatasets.minimal())
            let patterns = entry.description.files
            return files.keys.sorted().compactMap { path in
                if path.hasPrefix("/") || path.split(separator: "/").contains("..") { return "\(path) is outside the directory" }
                return patterns.contains(where: { Self.matches(path, $0) }) ? nil : "\(path) is not among the files the description names (\(patterns.joined(separator: ", ")))"
            }
        } catch {
            return ["the exporter failed: \(error)"]
        }
    }

    /// Whether `path` matches a pattern in which `*` stands for any run of characters.
    static func matches(_ path: String, _ pattern: String) -> Bool {
        let parts = pattern.split(separator: "*", omittingEmptySubsequences: false).map(String.init)
        guard parts.count > 1 else { return path == pattern }
        guard path.hasPrefix(parts[0]), path.hasSuffix(parts.last!), path.count >= parts[0].count + parts.last!.count else { return false }
        var rest = Substring(path.dropFirst(parts[0].count).dropLast(parts.last!.count))
        for middle in parts.dropFirst().dropLast() where !middle.isEmpty {
            guard let range = rest.range(of: middle) else { return false }
            rest = rest[range.upperBound...]
        }
        return true
    }
}
