import Foundation
import RenkeiExport
import RenkeiModel
import RenkeiStore

/// Runs exporters over a store in one cursor pass and publishes their files atomically: each
/// writes into a staging directory, and only when every exporter has finished are the files
/// moved into the output directory. A failure leaves the output directory as it was.
public struct ExportRunner {
    public let store: Store
    public var options: [String: String] = [:]

    public init(store: Store, options: [String: String] = [:]) {
        self.store = store
        self.options = options
    }

    /// Runs `entries` and publishes their files into `outputDirectory`; returns the paths written,
    /// relative to it, sorted.
    @discardableResult
    public func run(_ entries: [ExporterRegistry.Entry], into outputDirectory: String) throws -> [String] {
        try FileManager.default.createDirectory(atPath: outputDirectory, withIntermediateDirectories: true)
        let staging = outputDirectory + "/.renkei-staging-\(ProcessInfo.processInfo.processIdentifier)"
        try? FileManager.default.removeItem(atPath: staging)
        defer { try? FileManager.default.removeItem(atPath: staging) }
        let written = try runStaged(entries, staging: staging)
        try publish(written, from: staging, to: outputDirectory)
        return written.sorted()
    }

    /// Runs the exporters into per-exporter folders under `staging` and returns every file
    /// written (relative paths), failing if two exporters write the same file.
    func runStaged(_ entries: [ExporterRegistry.Entry], staging: String) throws -> [String] {
        let (info, counts) = try store.info()
        let lookup = StoreLookup(store: store)
        var sinks: [(ExporterDescription, any RecordSink, OutputDirectory)] = []
        defer { for (_, _, output) in sinks { output.closeAll() } }
        for entry in entries {
            let output = try OutputDirectory(root: staging + "/" + entry.description.id)
            let sink = entry.make()
            sinks.append((entry.description, sink, output))
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
        for (description, sink, output) in sinks {
            try labelled(description) { try sink.finish() }
            output.closeAll()
            for file in try filesBelow(output.root) {
                if let other = all[file] {
                    throw ExportError(exporter: description.id, message: "writes '\(file)', which '\(other)' writes too")
                }
                all[file] = description.id
                let target = merged + "/" + file
                try FileManager.default.createDirectory(
                    atPath: (target as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
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

    /// Moves staged files into place, each by an atomic rename over the old one.
    func publish(_ files: [String], from staging: String, to outputDirectory: String) throws {
        for file in files {
            let target = outputDirectory + "/" + file
            try FileManager.default.createDirectory(
                atPath: (target as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            guard rename(staging + "/.all/" + file, target) == 0 else {
                throw ExportError(exporter: nil, message: "cannot move \(file) into \(outputDirectory): \(String(cString: strerror(errno)))")
            }
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
final class StoreLookup: RecordLookup {
    let store: Store
    private var cache: [String: AnyRecord?] = [:]

    init(store: Store) { self.store = store }

    func record(_ id: String, in collection: Collection) -> AnyRecord? {
        let key = collection.rawValue + "/" + id
        if let hit = cache[key] { return hit }
        let found = try? store.record(id, in: collection)
        if cache.count > 10_000 { cache.removeAll() }
        cache[key] = found
        return found
    }

    func history(_ id: String, in collection: Collection) -> RecordHistory? { store.history(id, in: collection) }

    var previousRelease: String? { store.previousRelease }

    func forEachReleaseChange(_ body: (RecordChange) throws -> Void) throws { try store.forEachReleaseChange(body) }
}
