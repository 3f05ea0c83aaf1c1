import Foundation
import RenkeiExport
import ExportJSONL
import RenkeiBundle
import RenkeiModel

/// An exporter outside the package: an executable named `renkei-export-<id>` (found on `PATH`
/// or named with `--plugin`). It is run with the output directory as its one argument and
/// reads the dataset as JSON Lines on standard input: first `{"type":"dataset","record":{…}}`,
/// then one `{"type":"<entity>","record":{…}}` per record in the canonical order. It writes
/// files only into that directory and exits 0; otherwise its standard error is shown. It is
/// stopped after the time limit.
public final class ExternalExporter: RecordSink {
    public let executable: String
    public let id: String
    public let timeLimit: TimeInterval

    private var feed: JSONLinesExporter?
    private var feedDirectory = ""
    private var outputRoot = ""

    public init(executable: String, id: String, timeLimit: TimeInterval = 120) {
        self.executable = executable
        self.id = id
        self.timeLimit = timeLimit
    }

    /// The registry entry for an executable; the id is the part of its name after `renkei-export-`.
    public static func entry(executable: String, timeLimit: TimeInterval = 120) -> ExporterRegistry.Entry? {
        let name = (executable as NSString).lastPathComponent
        guard name.hasPrefix("renkei-export-") else { return nil }
        let id = String(name.dropFirst("renkei-export-".count))
        guard !id.isEmpty, id.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" }) else { return nil }
        let description = ExporterDescription(
            id: id, name: "External exporter \(id)", files: ["*"], mediaType: "application/octet-stream",
            summary: "Runs \(executable) with the dataset as JSON Lines on standard input.", version: "external")
        return ExporterRegistry.Entry(description: description) { ExternalExporter(executable: executable, id: id, timeLimit: timeLimit) }
    }

    /// Executables named `renkei-export-*` in the directories of `PATH`, first found wins.
    public static func discover(path: String? = ProcessInfo.processInfo.environment["PATH"]) -> [String] {
        var seen = Set<String>()
        var found: [String] = []
        for directory in (path ?? "").split(separator: ":").map(String.init) where !directory.isEmpty {
            guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory) else { continue }
            for name in names.sorted() where name.hasPrefix("renkei-export-") && !seen.contains(name) {
                let full = directory + "/" + name
                if FileManager.default.isExecutableFile(atPath: full) {
                    seen.insert(name)
                    found.append(full)
                }
            }
        }
        return found
    }

    public func begin(_ context: ExportContext) throws {
        outputRoot = context.output.root
        // The feed is the JSON Lines export, written beside the output (inside the run's own
        // staging folder, never in $TMPDIR) and piped in at the end. Ids hold no '.', so the
        // name cannot be another exporter's folder.
        feedDirectory = outputRoot + ".feed"
        let feedContext = ExportContext(
            output: try OutputDirectory(root: feedDirectory), info: context.info, counts: context.counts,
            lookup: context.lookup, options: context.options)
        let feed = JSONLinesExporter(fileName: "feed.jsonl")
        try feed.begin(feedContext)
        self.feed = feed
    }

    public func write(_ record: AnyRecord) throws { try feed?.write(record) }

    /// Drops the feed; the program has not been started (it runs in `finish`).
    public func abort() {
        feed?.abort()
        feed = nil
        try? FileManager.default.removeItem(atPath: feedDirectory)
    }

    public func finish() throws {
        defer { try? FileManager.default.removeItem(atPath: feedDirectory) }
        try feed?.finish()
        let feedPath = feedDirectory + "/feed.jsonl"
        let errorPath = feedPath + ".stderr"
        _ = FileManager.default.createFile(atPath: errorPath, contents: nil)
        defer { try? FileManager.default.removeItem(atPath: errorPath) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = [outputRoot]
        process.standardInput = FileHandle(forReadingAtPath: feedPath)
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle(forWritingAtPath: errorPath)
        let done = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in done.signal() }
        do {
            try process.run()
        } catch {
            throw ExportError(exporter: id, message: "cannot run \(executable): \(error.localizedDescription)")
        }
        // Ctrl-C or SIGTERM on the driver stops the exporter too.
        let pid = process.processIdentifier
        TemporaryFiles.shared.register(child: pid)
        defer { TemporaryFiles.shared.unregister(child: pid) }
        if done.wait(timeout: .now() + timeLimit) == .timedOut {
            process.terminate()
            if done.wait(timeout: .now() + 2) == .timedOut {
                kill(process.processIdentifier, SIGKILL)
                done.wait()
            }
            throw ExportError(exporter: id, message: "\(executable) did not finish within \(Int(timeLimit)) s and was stopped")
        }
        if process.terminationStatus != 0 && TemporaryFiles.shared.isInterrupted { TemporaryFiles.shared.awaitInterruption() }
        guard process.terminationStatus == 0, process.terminationReason == .exit else {
            let data = FileManager.default.contents(atPath: errorPath) ?? Data()
            let stderr = String(decoding: data.prefix(16_384), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            throw ExportError(
                exporter: id,
                message: "\(executable) failed with status \(process.terminationStatus)\(stderr.isEmpty ? "" : ":\n\(stderr)")")
        }
    }
}
