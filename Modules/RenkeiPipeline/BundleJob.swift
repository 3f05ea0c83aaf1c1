import Crypto
import Foundation
import RenkeiBundle
import RenkeiExport
import RenkeiModel
import RenkeiRelease
import RenkeiStore

/// The main job: check the source files, build the store, run every exporter, and pack the
/// source files, the database and the exports into one reproducible BagIt archive.
public struct BundleJob {
    public let dataDirectory: String
    public let outputDirectory: String
    public var registry: ExporterRegistry = Pipeline.builtinRegistry
    public var signingKey: Curve25519.Signing.PrivateKey?
    /// The previous release: when given, the bundle carries a changelog, the changes and each
    /// record's history, and is refused if the release checks fail (the version guard among them).
    public var previous: ReleaseInput?
    public var progress: ((String, BundleProgress?) -> Void)?

    public init(dataDirectory: String, outputDirectory: String) {
        self.dataDirectory = dataDirectory
        self.outputDirectory = outputDirectory
    }

    /// What the job wrote.
    public struct Result: Sendable {
        public let archive: String
        public let sha256: String
        public let bytes: UInt64
        public let files: Int
        /// How long each stage took, in order: `check` (reading, validating and writing the
        /// database), `compare` (with a previous release, when given), `export` and `archive`
        /// (hashing, tar and gzip).
        public let stages: [(stage: String, seconds: Double)]
    }

    /// Runs the job; on any error nothing is left under the archive's name and an earlier
    /// archive stays as it was. Data errors come back as the checked result's diagnostics.
    public func run() throws -> (checked: Pipeline.Checked, result: Result?) {
        progress?("checking \(dataDirectory)", nil)
        var clock = StageClock()
        let existed = FileManager.default.fileExists(atPath: outputDirectory)
        do {
            try FileManager.default.createDirectory(atPath: outputDirectory, withIntermediateDirectories: true)
        } catch {
            throw BundleError.io("cannot create the folder \(outputDirectory): \(Self.reason(error))")
        }
        let lock = try RunLock(path: outputDirectory + "/.renkei-bundle.lock", purpose: outputDirectory)
        defer { lock.release() }
        // What a bundle killed earlier left: its staging folder and its temporary archive.
        LeftoverFiles.removeStale(in: outputDirectory, prefix: ".renkei-bundle-")
        let staging = outputDirectory + "/.renkei-bundle-\(ProcessInfo.processInfo.processIdentifier)"
        try? FileTree.remove(staging)
        TemporaryFiles.shared.register(staging)
        defer {
            try? FileTree.remove(staging)
            TemporaryFiles.shared.unregister(staging)
        }

        // The database is written as the records pass the rules, and kept only when they pass.
        let databasePath = staging + "/renkei.sqlite"
        var (checked, staged) = try Pipeline.stage(dataDirectory: dataDirectory, writing: StoreTarget(path: databasePath, wal: false))
        staged?.remove()
        guard !checked.unreadable, !checked.report(strict: false).failed else {
            // A folder made for this bundle goes again when there is nothing to put in it.
            try? FileTree.remove(staging)
            lock.release()
            if !existed { try? FileManager.default.removeItem(atPath: outputDirectory) }
            return (checked, nil)
        }
        let dataset = checked.header
        clock.lap("check")
        var releaseFiles: [BagPayloadFile] = []
        if let previous {
            progress?("comparing with \(previous.label)", nil)
            let scratch = staging + "/previous"
            let (comparison, findings) = try ReleaseCheck.compare(
                previous: previous, dataset: dataset, storePath: databasePath, scratch: scratch, withHistory: true)
            if !findings.isEmpty {
                checked.diagnostics = (checked.diagnostics + findings).sorted(by: Diagnostic.ordered)
                if checked.report(strict: false).failed { return (checked, nil) }
            }
            try comparison.record(into: databasePath)
            let report = comparison.report(notes: dataset.currentReleaseNotes)
            let release = staging + "/release"
            try FileManager.default.createDirectory(atPath: release, withIntermediateDirectories: true)
            for (name, format) in [("CHANGELOG.md", DiffFormat.markdown), ("changes.jsonl", DiffFormat.jsonl)] {
                let path = release + "/" + name
                guard FileManager.default.createFile(atPath: path, contents: Data(try report.rendered(format).utf8)) else {
                    throw BundleError.io("cannot write \(path)")
                }
                releaseFiles.append(BagPayloadFile(path: name, source: path))
            }
            clock.lap("compare")
        }
        progress?("running \(registry.entries.count) exporters", nil)
        let store = try Store(readingAt: databasePath)
        try ExportRunner(store: store).run(registry.entries, into: staging + "/exports")
        // The folder is the bundle's own: the marker that lets a later export replace it is not payload.
        unlink(staging + "/exports/" + ExportRunner.marker)
        clock.lap("export")

        let root = dataDirectory.hasSuffix("/") ? String(dataDirectory.dropLast()) : dataDirectory
        var payload = checked.files.map { file in
            BagPayloadFile(path: "source/" + String(file.dropFirst(root.count + 1)), source: file)
        }
        payload.append(BagPayloadFile(path: "renkei.sqlite", source: databasePath))
        payload += releaseFiles
        payload.append(.folder("exports", source: staging + "/exports"))
        try Data(BagProfile.json.utf8).write(to: URL(fileURLWithPath: staging + "/" + BagProfile.payloadPath))
        payload.append(BagPayloadFile(path: BagProfile.payloadPath, source: staging + "/" + BagProfile.payloadPath))

        let version = Self.safeName(dataset.info.version)
        let folder = "\(Self.safeName(dataset.info.name))-\(version)"
        let released = dataset.info.released ?? dataset.sources.map(\.date).max() ?? PartialDate(year: 2000)!
        let day = released.firstDay
        var fields: [(String, String)] = [
            ("BagIt-Profile-Identifier", BagProfile.identifier),
            ("Bag-Software-Agent", ToolInfo.agent),
            ("External-Description", dataset.info.title?.en ?? dataset.info.name),
            ("External-Identifier", folder),
            ("Renkei-Dataset", dataset.info.name),
            ("Renkei-Version", dataset.info.version),
        ]
        for c in Collection.allCases { fields.append(("Renkei-Records-\(c.rawValue)", String(checked.counts[c] ?? 0))) }
        if let license = dataset.info.license { fields.append(("Renkei-License", license)) }
        let archive = outputDirectory + "/\(folder).tar.gz"
        LeftoverFiles.removeStale(in: outputDirectory, prefix: ".\(folder).tar.gz.tmp-")
        progress?("writing \(archive)", nil)
        let (sha256, bytes, files) = try BagArchiveWriter.write(
            folder: folder, payload: payload, metadata: BagMetadata(baggingDate: day.description, fields: fields),
            signingKey: signingKey, to: archive, modificationTime: Self.epochSeconds(day),
            progress: { progress?("writing", $0) })
        clock.lap("archive")
        return (checked, Result(archive: archive, sha256: sha256, bytes: bytes, files: files, stages: clock.laps))
    }

    /// Verifies an archive, checking each SQLite database it holds with the store's integrity check.
    public static func verifier(requiredKey: Curve25519.Signing.PublicKey? = nil) -> BagVerifier {
        var verifier = BagVerifier()
        verifier.requiredKey = requiredKey
        verifier.checkDatabase = { path in try Store.checkIntegrity(at: path) }
        return verifier
    }

    /// The system's reason in a Foundation file error (its POSIX error), else its description.
    static func reason(_ error: any Error) -> String {
        let ns = error as NSError
        if let underlying = ns.userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain {
            return String(cString: strerror(Int32(underlying.code)))
        }
        return ns.localizedFailureReason ?? ns.localizedDescription
    }

    static func safeName(_ s: String) -> String {
        String(s.map { $0.isLetter || $0.isNumber || $0 == "." || $0 == "-" || $0 == "_" ? $0 : "-" })
    }

    static func epochSeconds(_ day: PartialDate.Day) -> Int {
        // Days from 1970-01-01 (civil-from-days inverse, proleptic Gregorian).
        let y = day.month <= 2 ? day.year - 1 : day.year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (day.month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day.day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return (era * 146097 + doe - 719468) * 86400
    }
}

/// Wall-clock time of a job's stages, one lap after another.
struct StageClock {
    private(set) var laps: [(stage: String, seconds: Double)] = []
    private var last = DispatchTime.now().uptimeNanoseconds

    /// Ends a stage: records its time, and hands back to the system the memory it freed.
    mutating func lap(_ stage: String) {
        FreedMemory.release()
        let now = DispatchTime.now().uptimeNanoseconds
        laps.append((stage, Double(now - last) / 1e9))
        last = now
    }
}
