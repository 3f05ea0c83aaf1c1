import Foundation
import RenkeiBundle
import RenkeiExport
import RenkeiModel
import RenkeiStore

/// Runs exporters over a store in one cursor pass and publishes their output in one atomic
/// step: each exporter writes into its own folder of a staging folder beside the output
/// folder; when every exporter has finished, the gathered tree replaces the output folder as a
/// whole (`renameat2` with `RENAME_EXCHANGE`). A failure or a kill at any point leaves the output
/// folder as it was; files the new export no longer writes are gone with the old tree.
///
/// The output folder belongs to the export: it must be new, empty, or written by an earlier
/// export (it holds the marker file `.renkei-export`); any other folder is refused rather than
/// replaced.
public struct ExportRunner {
    public let store: Store
    public var options: [String: String] = [:]

    /// The file that marks a folder as written by an export.
    public static let marker = ".renkei-export"

    public init(store: Store, options: [String: String] = [:]) {
        self.store = store
        self.options = options
    }

    /// Runs `entries` and publishes their files as the folder `outputDirectory`; returns the
    /// paths written, relative to it, sorted.
    @discardableResult
    public func run(_ entries: [ExporterRegistry.Entry], into outputDirectory: String) throws -> [String] {
        // An absolute path without '.', '..' or a trailing slash. The folder is replaced as a
        // whole, so it may not hold the current folder (a shell there would be left in a
        // removed folder).
        let target = URL(fileURLWithPath: outputDirectory).standardizedFileURL.path
        let here = URL(fileURLWithPath: FileManager.default.currentDirectoryPath).standardizedFileURL.path
        guard target != "/", here != target, !here.hasPrefix(target + "/") else {
            throw ExportError(
                exporter: nil,
                message: "\(outputDirectory) is or holds the current folder, and an export replaces its folder as a whole: name a folder inside it, such as \(outputDirectory)/out",
                kind: .refused)
        }
        let parent = (target as NSString).deletingLastPathComponent.isEmpty ? "." : (target as NSString).deletingLastPathComponent
        let base = (target as NSString).lastPathComponent
        let pid = ProcessInfo.processInfo.processIdentifier
        let stagingPrefix = ".\(base).renkei-staging-", asidePrefix = ".\(base).renkei-old-"
        do {
            try FileManager.default.createDirectory(atPath: parent, withIntermediateDirectories: true)
        } catch {
            throw ExportError(exporter: nil, message: "cannot create the folder \(parent): \((error as NSError).localizedFailureReason ?? error.localizedDescription)")
        }
        let lock: RunLock
        do {
            lock = try RunLock(path: "\(parent)/.\(base).renkei-lock", purpose: target)
        } catch {
            throw ExportError(exporter: nil, message: "\(error)", kind: .refused)
        }
        defer { lock.release() }
        FolderSwap.recover(target, asidePrefix: asidePrefix, in: parent)
        LeftoverFiles.removeStale(in: parent, prefix: stagingPrefix)
        try Self.checkOwnership(target)
        let staging = "\(parent)/\(stagingPrefix)\(pid)"
        try? FileManager.default.removeItem(atPath: staging)
        TemporaryFiles.shared.register(staging)
        defer {
            try? FileManager.default.removeItem(atPath: staging)
            TemporaryFiles.shared.unregister(staging)
        }
        let written = try runStaged(entries, staging: staging)
        let tree = staging + "/.all"
        try? FileManager.default.createDirectory(atPath: tree, withIntermediateDirectories: true)
        guard FileManager.default.createFile(
            atPath: tree + "/" + Self.marker,
            contents: Data("This folder is written by 'renkei export'; the next export replaces it as a whole.\n".utf8))
        else { throw ExportError(exporter: nil, message: "cannot write \(tree)/\(Self.marker)") }
        let aside = "\(parent)/\(asidePrefix)\(pid)"
        TemporaryFiles.shared.register(aside)
        defer {
            try? FileManager.default.removeItem(atPath: aside)
            TemporaryFiles.shared.unregister(aside)
        }
        do {
            try FolderSwap.replace(target, with: tree, aside: aside)
        } catch {
            throw ExportError(exporter: nil, message: "\(error)")
        }
        return written.sorted()
    }

    /// Refuses to replace a folder that an export did not write: it must be absent, empty, or
    /// hold the marker.
    static func checkOwnership(_ target: String) throws {
        var info = stat()
        guard lstat(target, &info) == 0 else { return }
        guard info.st_mode & S_IFMT == S_IFDIR else {
            throw ExportError(exporter: nil, message: "\(target) is not a folder: give the path of a folder for the export", kind: .refused)
        }
        let names = (try? FileManager.default.contentsOfDirectory(atPath: target)) ?? []
        guard names.isEmpty || names.contains(marker) else {
            throw ExportError(
                exporter: nil,
                message: "\(target) holds files that 'renkei export' did not write, and an export replaces its folder as a whole: choose a new or empty folder",
                kind: .refused)
        }
    }

    /// Runs the exporters into per-exporter folders under `staging` and returns every file
    /// written (relative paths), failing if two exporters write the same file.
    func runStaged(_ entries: [ExporterRegistry.Entry], staging: String) throws -> [String] {
        let (info, counts) = try store.info()
        let lookup = StoreLookup(store: store)
        var sinks: [(ExporterDescription, any RecordSink, OutputDirectory)] = []
        // Sinks begun and not finished; on any failure each is aborted (transactions rolled
        // back, databases closed) before its files are closed, and the first error is reported.
        var unfinished = Set<ObjectIdentifier>()
        defer {
            for (_, sink, output) in sinks {
                if unfinished.contains(ObjectIdentifier(sink)) { sink.abort() }
                output.closeAll()
            }
        }
        for entry in entries {
            let output = try OutputDirectory(root: staging + "/" + entry.description.id)
            let sink = entry.make()
            sinks.append((entry.description, sink, output))
            unfinished.insert(ObjectIdentifier(sink))
            let context = ExportContext(output: output, info: info, counts: counts, lookup: lookup, options: options)
            try labelled(entry.description) { try sink.begin(context) }
        }
        try store.forEachRecord { record in
            for (description, sink, _) in sinks {
                try labelled(description) { try sink.write(record) }
            }
        }
        // Every exporter's files, checked for clashes, then gathered into one tree under staging/.all.
        var all: [String: String] = [:]
        let merged = staging + "/.all"
        // Folders made so far: an exporter writes many files into few folders (an HTML page per event).
        var folders = Set<String>()
        for (description, sink, output) in sinks {
            unfinished.remove(ObjectIdentifier(sink))
            do {
                try labelled(description) { try sink.finish() }
            } catch {
                // A sink whose finish failed may still hold what begin opened.
                sink.abort()
                throw error
            }
            output.closeAll()
            for file in try filesBelow(output.root) {
                if let other = all[file] {
                    throw ExportError(exporter: description.id, message: "writes '\(file)', which '\(other)' writes too")
                }
                all[file] = description.id
                let target = merged + "/" + file
                let folder = (target as NSString).deletingLastPathComponent
                if folders.insert(folder).inserted {
                    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
                }
                guard rename(output.root + "/" + file, target) == 0 else {
                    throw ExportError(exporter: description.id, message: "cannot stage \(file): \(String(cString: strerror(errno)))")
                }
            }
        }
        return all.keys.sorted()
    }

    func labelled(_ description: ExporterDescription, _ body: () throws -> Void) throws {
        do {
            try body()
        } catch var error as ExportError {
            error.exporter = error.exporter ?? description.id
            throw error
        } catch {
            throw ExportError(exporter: description.id, message: "\(error)")
        }
    }
}

/// Regular files below `root`, as sorted paths relative to it. Links and special files are
/// refused: an exporter writes plain files only.
func filesBelow(_ root: String) throws -> [String] {
    var out: [String] = []
    func walk(_ relative: String) throws {
        let path = relative.isEmpty ? root : root + "/" + relative
        for name in try FileManager.default.contentsOfDirectory(atPath: path).sorted() {
            let child = relative.isEmpty ? name : relative + "/" + name
            var info = stat()
            guard lstat(root + "/" + child, &info) == 0 else { continue }
            switch info.st_mode & S_IFMT {
            case S_IFDIR: try walk(child)
            case S_IFREG: out.append(child)
            default: throw ExportError(exporter: nil, message: "'\(child)' is not a regular file")
            }
        }
    }
    if FileManager.default.fileExists(atPath: root) { try walk("") }
    return out
}

/// Looks records up in the store by id, remembering recent answers.
///
/// The answers are kept in two generations of at most `generation` entries: when the newer one
/// is full it becomes the older one, and an answer found in the older one moves back to the
/// newer. Records asked for again and again (actors, sources, series) stay, however many others
/// pass through, and memory stays bounded.
final class StoreLookup: RecordLookup {
    let store: Store
    private var recent: [String: AnyRecord?] = [:]
    private var older: [String: AnyRecord?] = [:]
    private let generation = 5_000

    init(store: Store) { self.store = store }

    func record(_ id: String, in collection: Collection) -> AnyRecord? {
        let key = collection.rawValue + "/" + id
        if let hit = recent[key] { return hit }
        let found: AnyRecord?
        if let hit = older[key] { found = hit } else { found = try? store.record(id, in: collection) }
        if recent.count >= generation {
            older = recent
            recent = [:]
        }
        recent[key] = found
        return found
    }

    func history(_ id: String, in collection: Collection) -> RecordHistory? { store.history(id, in: collection) }

    var previousRelease: String? { store.previousRelease }

    func forEachReleaseChange(_ body: (RecordChange) throws -> Void) throws { try store.forEachReleaseChange(body) }
}
