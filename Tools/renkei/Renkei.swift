import ArgumentParser
import Foundation
import RenkeiBundle
import RenkeiExport
import RenkeiModel
import RenkeiPipeline
import RenkeiStore

/// The `renkei` command: build, check, export and bundle the dataset.
@main
struct Renkei: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "renkei",
        abstract: "Build, check, export and bundle the record of international cyber cooperation.",
        discussion: "Source files live in ./data unless --data says otherwise. See README.md and docs/.",
        version: ToolInfo.version,
        subcommands: [
            Validate.self, Build.self, Export.self, Exporters.self, Indicators.self, Stats.self, Rules.self,
            Bundle.self, Verify.self, Keygen.self, Diff.self, Index.self, Events.self, Count.self, Show.self,
            Search.self, Synth.self,
        ])

    /// Runs the command; usage errors exit with 2, as `renkei validate` documents.
    static func main() {
        // Ctrl-C and SIGTERM remove every registered staging folder and temporary file.
        TemporaryFiles.shared.installSignalHandlers()
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch let failure as CommandFailure {
            if !failure.message.isEmpty { FileHandle.standardError.write(Data((failure.message + "\n").utf8)) }
            Foundation.exit(failure.code)
        } catch let failure as any CommandFailure.Convertible {
            let mapped = failure.commandFailure
            FileHandle.standardError.write(Data((mapped.message + "\n").utf8))
            Foundation.exit(mapped.code)
        } catch {
            let code = exitCode(for: error)
            let message = fullMessage(for: error)
            if code == .success {
                print(message)
                Foundation.exit(0)
            }
            if !message.isEmpty { FileHandle.standardError.write(Data((message + "\n").utf8)) }
            Foundation.exit(code == .validationFailure ? 2 : code.rawValue)
        }
    }
}

/// A command's failure: the message for standard error and the exit code (1 for bad data,
/// 2 for bad usage or unreadable input).
struct CommandFailure: Error {
    let code: Int32
    let message: String

    static func data(_ message: String) -> CommandFailure { CommandFailure(code: 1, message: message) }
    static func input(_ message: String) -> CommandFailure { CommandFailure(code: 2, message: message) }

    /// An error of a module that knows its exit code under the documented table.
    protocol Convertible: Error {
        var commandFailure: CommandFailure { get }
    }
}

extension StoreError: CommandFailure.Convertible {
    /// A database that is missing, unreadable or not a store is unreadable input (2).
    var commandFailure: CommandFailure {
        CommandFailure(code: kind == .failure ? 1 : 2, message: "error: \(message)")
    }
}

extension BundleError: CommandFailure.Convertible {
    /// A key that cannot be read or a file that cannot be written is input or usage (2); a
    /// bag that does not verify is a failed check (1).
    var commandFailure: CommandFailure {
        switch self {
        case .signature, .io: CommandFailure(code: 2, message: "error: \(self)")
        case .corrupt, .hostile, .bag: CommandFailure(code: 1, message: "error: \(self)")
        }
    }
}

extension ExportError: CommandFailure.Convertible {
    /// A refused export (a folder it may not replace, another run holding it) is usage (2);
    /// an exporter that fails is a failed run (1).
    var commandFailure: CommandFailure {
        CommandFailure(code: kind == .refused ? 2 : 1, message: "error: \(self)")
    }
}

extension CocoaError: CommandFailure.Convertible {
    /// Foundation's file errors as a sentence naming the path (2: unreadable input).
    var commandFailure: CommandFailure {
        let path = (userInfo[NSFilePathErrorKey] as? String) ?? (userInfo[NSURLErrorKey] as? URL)?.path
        let reason: String
        if let underlying = userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain {
            reason = String(cString: strerror(Int32(underlying.code)))
        } else {
            reason = (self as NSError).localizedFailureReason ?? localizedDescription
        }
        return CommandFailure(code: 2, message: "error: \(path.map { "\($0): " } ?? "")\(reason)")
    }
}

/// Where the source files are.
struct DataOptions: ParsableArguments {
    @Option(name: .long, help: "The directory of YAML source files.")
    var data: String = "data"
}

/// What to read records from: the source files (the default) or a database built by `renkei build`.
struct RecordSourceOptions: ParsableArguments {
    @Option(help: "The directory of YAML source files.")
    var data: String?

    @Option(help: "A database built by 'renkei build', read instead of the source files.")
    var db: String?

    func validate() throws {
        if data != nil && db != nil { throw ValidationError("Give --data or --db, not both.") }
    }

    /// The store to read: the database given, or one built from the checked source files in a
    /// scratch folder, open while the folder itself is already gone (nothing is left behind).
    func openStore() throws -> Store {
        if let db { return try Store(readingAt: db) }
        let scratch = try Scratch.make()
        defer { scratch.remove() }
        let path = scratch.path + "/renkei.sqlite"
        let checked = try Pipeline.checkAndWrite(dataDirectory: data ?? "data", storePath: path, wal: false)
        let report = checked.report(strict: false)
        if checked.unreadable || report.failed {
            printError(report.diagnostics.filter { $0.severity == .error }.map(\.formatted).joined(separator: "\n"))
            throw CommandFailure(code: checked.unreadable ? 2 : 1, message: "nothing read: \(report.summaryLine)")
        }
        return try Store(readingAt: path)
    }
}

/// Where the built database is.
struct DatabaseOptions: ParsableArguments {
    @Option(name: .long, help: "The SQLite database file.")
    var db: String = ".renkei/renkei.sqlite"
}

func printError(_ text: String) {
    FileHandle.standardError.write(Data((text.hasSuffix("\n") ? text : text + "\n").utf8))
}

/// Whether standard output (or error) is a terminal, for carets and progress bars.
func isTerminal(_ fd: Int32) -> Bool { isatty(fd) == 1 }
