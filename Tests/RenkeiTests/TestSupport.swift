import Foundation
import RenkeiModel
import RenkeiSource
import RenkeiValidation

/// Paths and helpers the tests share.
enum TestSupport {
    /// The package's root directory.
    static let root: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.path
    }()

    /// `../shared` beside the checkout, when present.
    static var shared: String? {
        let path = (root as NSString).deletingLastPathComponent + "/shared"
        return FileManager.default.fileExists(atPath: path + "/seeds") ? path : nil
    }

    /// Removes `path` when the test process exits: for the folders of fixtures shared by a whole
    /// run, which no single test can remove.
    static func removeAtExit(_ path: String) {
        ExitCleanup.lock.withLock {
            if ExitCleanup.paths.isEmpty {
                atexit {
                    for path in ExitCleanup.lock.withLock({ ExitCleanup.paths }) { try? FileManager.default.removeItem(atPath: path) }
                }
            }
            ExitCleanup.paths.append(path)
        }
    }

    /// Writes `files` (name → content) into a new directory and returns its path.
    static func makeDataDirectory(_ files: [String: String]) -> String {
        let directory = NSTemporaryDirectory() + "renkei-data-\(UUID().uuidString)"
        for (name, content) in files {
            let path = directory + "/" + name
            try? FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            _ = FileManager.default.createFile(atPath: path, contents: Data(content.utf8))
        }
        try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        return directory
    }

    /// The path of the `renkei` executable built beside the tests.
    static var renkeiExecutable: String {
        let candidates = [
            Bundle.main.bundleURL.deletingLastPathComponent().appendingPathComponent("renkei").path,
            root + "/.build/debug/renkei",
        ]
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0) } ?? candidates[1]
    }

    /// Runs the `renkei` executable and returns its exit code, standard output and error.
    @discardableResult
    static func renkei(_ arguments: [String], in directory: String? = nil, environment: [String: String]? = nil) throws -> (code: Int32, out: String, err: String) {
        try run(renkeiExecutable, arguments, in: directory, environment: environment)
    }

    /// A Python with the independent checkers (jsonschema, frictionless, bagit, stix2, icalendar):
    /// `RENKEI_PYTHON`, or the virtual environment `.ci/run` makes.
    static var checkerPython: String? {
        if let path = ProcessInfo.processInfo.environment["RENKEI_PYTHON"], FileManager.default.isExecutableFile(atPath: path) { return path }
        let venv = root + "/.venv/bin/python"
        return FileManager.default.isExecutableFile(atPath: venv) ? venv : nil
    }

    /// The first executable of one of `names` in the directories of `PATH`.
    static func executable(_ names: String...) -> String? {
        let directories = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":")
        for directory in directories {
            for name in names where FileManager.default.isExecutableFile(atPath: "\(directory)/\(name)") {
                return "\(directory)/\(name)"
            }
        }
        return nil
    }

    /// Runs any program and returns its exit code and output. Standard error goes through a
    /// temporary file, so a program that writes much to both streams cannot block on a full pipe.
    @discardableResult
    static func run(
        _ program: String, _ arguments: [String], in directory: String? = nil, environment: [String: String]? = nil
    ) throws -> (code: Int32, out: String, err: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: program)
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
        if let environment { process.environment = environment }
        let errPath = NSTemporaryDirectory() + "renkei-stderr-\(UUID().uuidString)"
        _ = FileManager.default.createFile(atPath: errPath, contents: nil)
        defer { try? FileManager.default.removeItem(atPath: errPath) }
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle(forWritingAtPath: errPath)
        try process.run()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let errData = FileManager.default.contents(atPath: errPath) ?? Data()
        return (process.terminationStatus, String(decoding: outData, as: UTF8.self), String(decoding: errData, as: UTF8.self))
    }

    /// The base dataset of the rule examples plus extra files.
    static func exampleDirectory(_ extra: [String: String]) -> String {
        var files = RuleExample.baseDataset
        for (k, v) in extra { files[k] = v }
        return makeDataDirectory(files)
    }
}

/// The paths ``TestSupport/removeAtExit(_:)`` removes when the process exits.
private enum ExitCleanup {
    static let lock = NSLock()
    nonisolated(unsafe) static var paths: [String] = []
}
