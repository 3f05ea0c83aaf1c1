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
    /// Threads the exporters are spread over (see ``runStaged(_:staging:)``); the files are the
    /// same for any number.
    public var threads = ParallelMap.defaultThreads

    /// The file that marks a folder as written by an export.
    public static let marker = ".renkei-export"

    public init(store: Store, options: [String: String] = [:]) {
        self.store = store
        self.options = options
    }

    /// Runs `entries` and publishes their files as the folder `outputDirectory`; returns how
    /// many files they wrote (``files(in:)`` lists them).
    @discardableResult
    public func run(_ entries: [ExporterRegistry.Entry], into outputDirectory: String) throws -> Int {
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
        try? FileTree.remove(staging)
        TemporaryFiles.shared.register(staging)
        defer {
            try? FileTree.remove(staging)
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
            try? FileTree.remove(aside)
            TemporaryFiles.shared.unregister(aside)
        }
        do {
            try FolderSwap.replace(target, with: tree, aside: aside)
        } catch {
            throw ExportError(exporter: nil, message: "\(error)")
        }
        return written
    }

    /// Calls `body` with each file an export wrote into `folder`, relative to it, in sorted
    /// order (each folder's names by their bytes); the marker file is left out. Reads one
    /// folder's names at a time, so a million pages cost no more than the largest folder.
    public static func forEachFile(in folder: String, _ body: (String) throws -> Void) throws {
        do {
            try FileTree.walk(folder) { path, _ in
                if path != marker { try body(path) }
            }
        } catch let error as BundleError {
            throw ExportError(exporter: nil, message: "\(error)")
        }
    }

    /// The files an export wrote into `folder`, as ``forEachFile(in:_:)`` visits them.
    public static func files(in folder: String) throws -> [String] {
        var out: [String] = []
        try forEachFile(in: folder) { out.append($0) }
        return out
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

    /// Runs the exporters into per-exporter folders under `staging`, gathers them into
    /// `staging/.all` and returns how many files they wrote, failing if two write the same file.
    ///
    /// The records are read once. With more than one thread (``threads``) and a
    /// store on disk, each batch of records goes to every exporter, the exporters spread over the
    /// threads, while the next batch is read; each exporter still sees every record once, in
    /// order, from one thread at a time, so its files do not depend on the number of threads.
    func runStaged(_ entries: [ExporterRegistry.Entry], staging: String) throws -> Int {
        let (info, counts) = try store.info()
        let parallel = threads > 1 && entries.count > 1 && store.path != ":memory:"
        let lookup = StoreLookup(readers: parallel ? .pooled(path: store.path) : .shared(store))
        var sinks: [Sink] = []
        // Sinks begun and not finished; on any failure each is aborted (transactions rolled
        // back, databases closed) before its files are closed, and the first error is reported.
        defer {
            for sink in sinks {
                if !sink.finished { sink.sink.abort() }
                sink.output.closeAll()
            }
        }
        for entry in entries {
            let output = try OutputDirectory(root: staging + "/" + entry.description.id)
            let sink = Sink(description: entry.description, sink: entry.make(), output: output)
            sinks.append(sink)
            let context = ExportContext(output: output, info: info, counts: counts, lookup: lookup, options: options)
            try Self.labelled(entry.description) { try sink.sink.begin(context) }
        }
        if parallel {
            try SinkFanOut(sinks: sinks, threads: threads).run(store)
        } else {
            try store.forEachRecord { record in
                for sink in sinks {
                    try Self.labelled(sink.description) { try sink.sink.write(record) }
                }
            }
            for sink in sinks { try sink.finish() }
        }
        // Every exporter's files, checked (plain files and folders only), then gathered into one
        // tree under staging/.all: a folder no other exporter writes into moves as a whole.
        var count = 0
        let merged = staging + "/.all"
        try FileManager.default.createDirectory(atPath: merged, withIntermediateDirectories: true)
        var gathered = GatheredTree(root: merged)
        for sink in sinks {
            sink.output.closeAll()
            do {
                try FileTree.walk(sink.output.root) { _, _ in count += 1 }
            } catch let error as BundleError {
                throw ExportError(exporter: sink.description.id, message: "\(error)")
            }
            try gathered.move(from: sink.output.root, exporter: sink.description.id)
        }
        return count
    }

    static func labelled(_ description: ExporterDescription, _ body: () throws -> Void) throws {
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

/// The exporters' folders gathered into one tree: each entry is renamed into place; a folder
/// that is already there (two exporters writing into one folder) is entered instead, and a file
/// that is already there is a clash.
struct GatheredTree {
    let root: String
    /// Who wrote what was moved, by its path in the tree (a folder moved whole stands for all
    /// it holds).
    private var owners: [String: String] = [:]

    init(root: String) { self.root = root }

    mutating func move(from source: String, exporter: String, relative: String = "") throws {
        let folder = relative.isEmpty ? source : source + "/" + relative
        for name in try FileManager.default.contentsOfDirectory(atPath: folder).sorted() {
            let path = relative.isEmpty ? name : relative + "/" + name
            let from = source + "/" + path, to = root + "/" + path
            var mine = stat(), there = stat()
            guard lstat(from, &mine) == 0 else { continue }
            if lstat(to, &there) != 0 {
                guard rename(from, to) == 0 else {
                    throw ExportError(exporter: exporter, message: "cannot stage \(path): \(String(cString: strerror(errno)))")
                }
                owners[path] = exporter
            } else if mine.st_mode & S_IFMT == S_IFDIR && there.st_mode & S_IFMT == S_IFDIR {
                try move(from: source, exporter: exporter, relative: path)
            } else {
                throw ExportError(exporter: exporter, message: "writes '\(path)', which '\(owner(of: path) ?? "another exporter")' writes too")
            }
        }
    }

    /// The exporter that wrote `path`, or the folder holding it.
    private func owner(of path: String) -> String? {
        var prefix = Substring(path)
        while true {
            if let owner = owners[String(prefix)] { return owner }
            guard let slash = prefix.lastIndex(of: "/") else { return nil }
            prefix = prefix[..<slash]
        }
    }
}

/// Looks records up in the store by id, remembering recent answers; safe to call from several
/// threads at once.
///
/// The answers are kept in two generations of at most `generation` entries: when the newer one
/// is full it becomes the older one, and an answer found in the older one moves back to the
/// newer. Records asked for again and again (actors, sources, series) stay, however many others
/// pass through, and memory stays bounded.
final class StoreLookup: RecordLookup, @unchecked Sendable {
    let readers: StoreReaders
    private let lock = NSLock()
    private var recent: [String: AnyRecord?] = [:]
    private var older: [String: AnyRecord?] = [:]
    private let generation = 5_000

    init(readers: StoreReaders) { self.readers = readers }

    func record(_ id: String, in collection: Collection) -> AnyRecord? {
        let key = collection.rawValue + "/" + id
        lock.lock()
        let cached = recent[key] ?? older[key]
        lock.unlock()
        let found = cached ?? readers.with { try? $0.record(id, in: collection) }
        lock.lock()
        if recent.count >= generation {
            older = recent
            recent = [:]
        }
        recent[key] = found
        lock.unlock()
        return found
    }

    func history(_ id: String, in collection: Collection) -> RecordHistory? {
        readers.with { $0.history(id, in: collection) }
    }

    var previousRelease: String? { readers.with { $0.previousRelease } }

    func forEachReleaseChange(_ body: (RecordChange) throws -> Void) throws {
        let ran: Bool? = try readers.with { store in
            try store.forEachReleaseChange(body)
            return true
        }
        guard ran != nil else { throw StoreError(message: "cannot open \(readers.path) again to read it", path: readers.path) }
    }
}

/// The connections lookups read through: the runner's own store when everything runs on one
/// thread (its reads are reentrant, so a lookup may run inside the record cursor), or a
/// connection of its own per thread asking at once, opened on the store's file.
final class StoreReaders: @unchecked Sendable {
    private let shared: Store?
    let path: String
    private let lock = NSLock()
    private var idle: [Store] = []

    private init(shared: Store?, path: String) {
        self.shared = shared
        self.path = path
    }

    static func shared(_ store: Store) -> StoreReaders { StoreReaders(shared: store, path: store.path) }
    static func pooled(path: String) -> StoreReaders { StoreReaders(shared: nil, path: path) }

    /// Runs `body` with a connection no other thread is using; nil if the store cannot be opened.
    func with<T>(_ body: (Store) throws -> T?) rethrows -> T? {
        if let shared { return try body(shared) }
        lock.lock()
        let taken = idle.popLast()
        lock.unlock()
        guard let store = taken ?? (try? Store(readingAt: path)) else { return nil }
        defer {
            lock.lock()
            idle.append(store)
            lock.unlock()
        }
        return try body(store)
    }
}
