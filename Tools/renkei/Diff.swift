import ArgumentParser
import Foundation
import RenkeiBundle
import RenkeiPipeline
import RenkeiRelease

struct Diff: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Show what changed between two releases, record by record and field by field.",
        discussion: """
            OLD and NEW are each a bundle (.tar.gz, verified first), a data directory, a SQLite store \
            or a git revision of the data folder (git:REV, read with git from the repository that \
            holds --data). Records are matched by collection and id; lists with a natural key \
            (participants by actor, sources by source) are compared as sets. Exit status as diff(1): \
            0 no difference, 1 differences, 2 trouble (the reason on standard error).
            """)

    @Argument(help: "The old release.")
    var old: String

    @Argument(help: "The new release.")
    var new: String

    @Option(help: "The output format: text, markdown, json or jsonl.")
    var format: String = "text"

    @Option(help: "The data folder whose git repository git:REV is read from.")
    var data: String = "data"

    @Option(help: "Write the report to this file instead of standard output.")
    var output: String?

    func validate() throws {
        guard DiffFormat(rawValue: format) != nil else {
            throw ValidationError("'\(format)' is not a diff format: use text, markdown, json or jsonl.")
        }
    }

    func run() throws {
        TemporaryFiles.shared.installSignalHandlers()
        let oldInput = try ReleaseInput.parsed(old, data: data)
        let newInput = try ReleaseInput.parsed(new, data: data)
        let scratch = try Scratch.make()
        defer { scratch.remove() }
        let comparison: ReleaseComparison
        do {
            let oldSide = try oldInput.open(scratch: try folder(scratch, "old"))
            let newSide = try newInput.open(scratch: try folder(scratch, "new"))
            comparison = try ReleaseComparison(old: oldSide, new: newSide, spoolDirectory: scratch.path)
        } catch let error as ReleaseError {
            throw CommandFailure.input(error.description)
        }
        var report = comparison.report()
        let sink = try ReportSink(path: output, scratch: scratch.path)
        report.colour = output == nil && isTerminal(STDOUT_FILENO) && ProcessInfo.processInfo.environment["NO_COLOR"] == nil
        try report.write(DiffFormat(rawValue: format)!) { try sink.write($0) }
        try sink.finish()
        if comparison.differs { throw CommandFailure(code: 1, message: "") }
    }

    func folder(_ scratch: Scratch, _ name: String) throws -> String {
        let path = scratch.path + "/" + name
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }
}

/// Buffered text output to standard output, or to a file written beside its target and renamed
/// into place only when complete.
final class ReportSink {
    private let handle: FileHandle
    private var buffer: [UInt8] = []
    private let target: String?
    private let temporary: String?

    init(path: String?, scratch: String) throws {
        target = path
        if let path {
            let temporary = path + ".tmp-\(ProcessInfo.processInfo.processIdentifier)"
            guard FileManager.default.createFile(atPath: temporary, contents: nil),
                let handle = FileHandle(forWritingAtPath: temporary)
            else { throw CommandFailure.input("cannot write \(path)") }
            TemporaryFiles.shared.register(temporary)
            self.temporary = temporary
            self.handle = handle
        } else {
            temporary = nil
            handle = FileHandle.standardOutput
        }
    }

    deinit {
        if let temporary {
            try? FileManager.default.removeItem(atPath: temporary)
            TemporaryFiles.shared.unregister(temporary)
        }
    }

    func write(_ text: String) throws {
        buffer += text.utf8
        if buffer.count > 1 << 16 { try flush() }
    }

    func flush() throws {
        guard !buffer.isEmpty else { return }
        try handle.write(contentsOf: buffer)
        buffer.removeAll(keepingCapacity: true)
    }

    func finish() throws {
        try flush()
        guard let target, let temporary else { return }
        try handle.close()
        guard rename(temporary, target) == 0 else {
            throw CommandFailure.input("cannot move the report to \(target): \(String(cString: strerror(errno)))")
        }
    }
}
