import ArgumentParser
import Foundation
import RenkeiBundle
import RenkeiModel
import RenkeiPipeline
import RenkeiRelease
import RenkeiStore
import RenkeiValidation

struct Validate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check the source files and report every problem with its file, line and column.",
        discussion: "Exit codes: 0 clean, 1 errors (or warnings with --strict), 2 usage or unreadable input.")

    @OptionGroup var dataOptions: DataOptions

    @Option(help: "The report format: text, json (one document), jsonl (one finding a line), github, junit or sarif.")
    var format: String = "text"

    @Flag(help: "Treat warnings as failures.")
    var strict = false

    @Option(help: "The previous release (a bundle, data directory, store or git:REV): also run the release checks against it.")
    var previous: String?

    @Flag(help: "List every note in the text report (by default they are counted in one line).")
    var notes = false

    @Flag(help: "Print only errors and the summary line in the text report.")
    var quiet = false

    @Option(help: "List at most this many findings in the text report and count the rest by rule (0 lists every one).")
    var maxFindings = 1000

    func validate() throws {
        guard maxFindings >= 0 else { throw ValidationError("--max-findings must be 0 (no limit) or more.") }
        guard DiagnosticReport.Format(rawValue: format) != nil else {
            throw ValidationError("'\(format)' is not a report format: use text, json, jsonl, github, junit or sarif.")
        }
    }

    func run() throws {
        var checked: Pipeline.Checked
        if let previous {
            checked = try ReleaseChecking.checked(previous: previous, data: dataOptions.data)
        } else {
            checked = try Pipeline.checkFiles(dataDirectory: dataOptions.data)
        }
        let report = checked.report(strict: strict)
        let format = DiagnosticReport.Format(rawValue: format)!
        if format == .text {
            // Notes (suppressed findings, resolved dates) are counted unless asked for; with
            // --quiet only errors are listed. The summary line always counts everything.
            var shown = report.diagnostics.filter { d in quiet ? d.severity == .error : (notes || d.severity != .note) }
            // Past the limit, the rest is counted by rule, so a run with a flood of findings stays readable.
            var beyond: [String: Int] = [:]
            if maxFindings > 0 && shown.count > maxFindings {
                for d in shown[maxFindings...] { beyond[d.rule, default: 0] += 1 }
                shown = Array(shown.prefix(maxFindings))
            }
            var lines = DiagnosticReport(diagnostics: shown, strict: strict)
                .render(.text, carets: isTerminal(STDOUT_FILENO)).split(separator: "\n", omittingEmptySubsequences: false).dropLast(2).map(String.init)
            let over = beyond.values.reduce(0, +)
            if over > 0 {
                let byRule = beyond.sorted { ($1.value, $0.key) < ($0.value, $1.key) }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
                lines.append("\(over) more finding\(over == 1 ? "" : "s") not listed (\(byRule)); --max-findings 0 lists every one")
            }
            let hidden = report.diagnostics.count - shown.count - over
            if hidden > 0 && !quiet {
                lines.append("\(hidden) note\(hidden == 1 ? "" : "s") not listed (--notes lists them)")
            }
            if checked.possibleConsequences > 0 {
                let files = checked.unreadFiles.count
                lines.append("\(checked.possibleConsequences) unknown-id error\(checked.possibleConsequences == 1 ? "" : "s") may only follow from the \(files == 1 ? "file" : "\(files) files") that could not be read (listed first): fix \(files == 1 ? "it" : "them") first")
            }
            lines.append(report.summaryLine)
            print(lines.joined(separator: "\n"))
        } else {
            print(report.render(format, carets: false), terminator: "")
        }
        if checked.unreadable { throw CommandFailure.input("") }
        if report.failed { throw CommandFailure.data("") }
    }
}

/// The release checks for the driver's commands, with inputs that cannot be read as exit 2.
enum ReleaseChecking {
    /// Checks the data, builds its store in a scratch folder when it is clean, and adds the
    /// release checks against `previous` to the findings.
    static func checked(previous spec: String, data: String) throws -> Pipeline.Checked {
        let previous = try ReleaseInput.parsed(spec, data: data)
        let scratch = try Scratch.make()
        defer { scratch.remove() }
        do {
            var checked = try Pipeline.checkAndWrite(dataDirectory: data, storePath: scratch.path + "/new.sqlite", wal: false)
            guard !checked.unreadable, !checked.report(strict: false).failed else { return checked }
            let findings = try ReleaseCheck.compare(
                previous: previous, dataset: checked.header, storePath: scratch.path + "/new.sqlite",
                scratch: scratch.path + "/previous", withHistory: false
            ).findings
            checked.diagnostics = (checked.diagnostics + findings).sorted(by: Diagnostic.ordered)
            return checked
        } catch let error as ReleaseError {
            throw CommandFailure.input(error.description)
        }
    }
}

extension ReleaseInput {
    /// The input named on the command line; an unreadable one is a usage failure (exit 2).
    static func parsed(_ spec: String, data: String) throws -> ReleaseInput {
        do {
            return try ReleaseInput(spec, dataDirectory: data)
        } catch {
            throw CommandFailure.input(error.description)
        }
    }
}

/// A private folder for one run's temporary files, removed at the end or on SIGINT/SIGTERM.
struct Scratch {
    let path: String

    static func make() throws -> Scratch {
        // The folders of runs killed earlier (`renkei-<pid>-…`), whose process is gone.
        LeftoverFiles.removeStaleOnce(in: NSTemporaryDirectory(), prefix: "renkei-")
        var template = Array((NSTemporaryDirectory() + "renkei-\(ProcessInfo.processInfo.processIdentifier)-XXXXXX").utf8CString)
        guard let made = template.withUnsafeMutableBufferPointer({ mkdtemp($0.baseAddress!) }) else {
            throw CommandFailure.input("cannot make a temporary folder in \(NSTemporaryDirectory())")
        }
        let scratch = Scratch(path: String(cString: made))
        TemporaryFiles.shared.register(scratch.path)
        return scratch
    }

    func remove() {
        try? FileManager.default.removeItem(atPath: path)
        TemporaryFiles.shared.unregister(path)
    }
}
