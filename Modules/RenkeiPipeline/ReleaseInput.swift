import Foundation
import RenkeiBundle
import RenkeiModel
import RenkeiRelease
import RenkeiStore

/// One side of a release comparison as the user names it: a bundle (`.tar.gz`, verified
/// first), a data directory, a SQLite store, or a git revision of the data (`git:REV`).
public struct ReleaseInput: Sendable, CustomStringConvertible {
    public enum Kind: Sendable, Equatable {
        case bundle(String)
        case data(String)
        case store(String)
        /// A revision, read from the git repository that holds `dataDirectory`.
        case git(revision: String, dataDirectory: String)
    }

    public let kind: Kind
    public let label: String

    /// Reads `spec`: `git:REV` (the data folder at that revision), a directory (source files), a
    /// gzip file (a bundle) or a SQLite file (a store). `dataDirectory` locates the repository for `git:`.
    public init(_ spec: String, dataDirectory: String = "data") throws(ReleaseError) {
        label = spec
        if spec.hasPrefix("git:") {
            let revision = String(spec.dropFirst(4))
            guard !revision.isEmpty, !revision.hasPrefix("-") else {
                throw .input("\(spec): name a revision after 'git:', e.g. git:v2026.11.0 or git:HEAD~1")
            }
            kind = .git(revision: revision, dataDirectory: dataDirectory)
            return
        }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: spec, isDirectory: &isDirectory) else {
            throw .input("\(spec): no such file or directory")
        }
        if isDirectory.boolValue {
            kind = .data(spec)
            return
        }
        guard let handle = FileHandle(forReadingAtPath: spec) else { throw .input("\(spec): cannot be read") }
        let head = (try? handle.read(upToCount: 16)).map { [UInt8]($0) } ?? []
        try? handle.close()
        if head.starts(with: [0x1F, 0x8B]) {
            kind = .bundle(spec)
        } else if head.starts(with: Array("SQLite format 3\0".utf8)) {
            kind = .store(spec)
        } else {
            throw .input("\(spec): not a bundle (.tar.gz), a SQLite store, a data directory or git:REV")
        }
    }

    public var description: String { label }

    /// How the input is named in files that travel (a changelog): a bundle or store by its file
    /// name, not by a path on the machine that made it.
    public var publicName: String {
        switch kind {
        case .bundle(let path), .store(let path): (path as NSString).lastPathComponent
        case .data, .git: label
        }
    }

    /// Opens the input as a store; files it needs are made under `scratch` (which must exist).
    public func open(scratch: String) throws -> ReleaseSide {
        switch kind {
        case .store(let path):
            do {
                return try ReleaseSide(label: label, store: try Store(readingAt: path))
            } catch {
                throw ReleaseError.input("\(path): \(Self.reason(error))")
            }
        case .bundle(let path):
            let copy = scratch + "/bundle.sqlite"
            var verifier = BundleJob.verifier()
            var found = 0
            verifier.checkDatabase = { database in
                try Store.checkIntegrity(at: database)
                // The bundle's store is the database that opens as a Renkei store; the SQLite
                // export beside it has the tabular layout.
                guard (try? Store(readingAt: database)) != nil else { return }
                found += 1
                try? FileManager.default.removeItem(atPath: copy)
                try FileManager.default.copyItem(atPath: database, toPath: copy)
            }
            do {
                _ = try verifier.verify(path)
            } catch {
                throw ReleaseError.input("\(path): the bundle does not verify: \(error)")
            }
            guard found == 1 else { throw ReleaseError.input("\(path): the bundle holds \(found) databases, not one") }
            return try ReleaseSide(label: label, store: try Store(readingAt: copy))
        case .data(let directory):
            return try Self.build(directory: directory, label: label, at: scratch + "/data.sqlite")
        case .git(let revision, let dataDirectory):
            let tree = scratch + "/git-data"
            try GitTree.export(revision: revision, dataDirectory: dataDirectory, into: tree)
            return try Self.build(directory: tree, label: label, at: scratch + "/git.sqlite")
        }
    }

    /// Checks a data directory and builds its store; a directory with errors is refused.
    static func build(directory: String, label: String, at path: String) throws -> ReleaseSide {
        let checked = try Pipeline.checkAndWrite(dataDirectory: directory, storePath: path, wal: false)
        let report = checked.report(strict: false)
        guard !checked.unreadable, !report.failed else {
            let first = report.diagnostics.first { $0.severity == .error }.map { "; first: \($0.formatted)" } ?? ""
            throw ReleaseError.input("\(label): the data has errors (\(report.summaryLine))\(first)")
        }
        return try ReleaseSide(label: label, store: try Store(readingAt: path))
    }

    static func reason(_ error: any Error) -> String {
        if let e = error as? StoreError { return e.message }
        return "\(error)"
    }
}

/// Reads a folder of the data at a git revision with git itself.
enum GitTree {
    /// Writes the files of `dataDirectory` as they were at `revision` into `target`.
    static func export(revision: String, dataDirectory: String, into target: String) throws {
        let top = try git(["-C", dataDirectory, "rev-parse", "--show-toplevel"], what: "\(dataDirectory) is not inside a git repository")
        let prefix = try git(["-C", dataDirectory, "rev-parse", "--show-prefix"], what: "cannot locate \(dataDirectory) in its repository")
        _ = try git(
            ["-C", top, "rev-parse", "--verify", "--quiet", "--end-of-options", revision + "^{commit}"],
            what: "git:\(revision) is not a revision of the repository at \(top)")
        let treeish = prefix.isEmpty ? revision : "\(revision):\(prefix.hasSuffix("/") ? String(prefix.dropLast()) : prefix)"
        try FileManager.default.createDirectory(atPath: target, withIntermediateDirectories: true)
        let archive = target + ".tar"
        defer { try? FileManager.default.removeItem(atPath: archive) }
        _ = try git(["-C", top, "archive", "--format=tar", "--output=" + archive, treeish],
                    what: "git:\(revision) has no folder '\(prefix.isEmpty ? "." : prefix)'")
        _ = try run("/usr/bin/env", ["tar", "-x", "-f", archive, "-C", target], what: "cannot unpack the data of git:\(revision)")
    }

    static func git(_ arguments: [String], what: String) throws -> String {
        try run("/usr/bin/env", ["git"] + arguments, what: what)
    }

    /// Runs a program; its standard output, trimmed; its failure as an input error saying `what`.
    static func run(_ program: String, _ arguments: [String], what: String) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: program)
        process.arguments = arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        do {
            try process.run()
        } catch {
            throw ReleaseError.input("\(what) (cannot run \(arguments.first ?? program): \(error.localizedDescription))")
        }
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw ReleaseError.input(what) }
        return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
