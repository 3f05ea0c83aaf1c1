import ArgumentParser
import Foundation
import RenkeiPipeline
import RenkeiValidation

struct Validate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check the source files and report every problem with its file, line and column.",
        discussion: "Exit codes: 0 clean, 1 errors (or warnings with --strict), 2 usage or unreadable input.")

    @OptionGroup var dataOptions: DataOptions

    @Option(help: "The report format: text, json, github, junit or sarif.")
    var format: String = "text"

    @Flag(help: "Treat warnings as failures.")
    var strict = false

    @Flag(help: "List every note in the text report (by default they are counted in one line).")
    var notes = false

    @Flag(help: "Print only errors and the summary line in the text report.")
    var quiet = false

    func validate() throws {
        guard DiagnosticReport.Format(rawValue: format) != nil else {
            throw ValidationError("'\(format)' is not a report format: use text, json, github, junit or sarif.")
        }
    }

    func run() throws {
        let checked = Pipeline.check(dataDirectory: dataOptions.data)
        let report = checked.report(strict: strict)
        let format = DiagnosticReport.Format(rawValue: format)!
        if format == .text {
            // Notes (suppressed findings, resolved dates) are counted unless asked for; with
            // --quiet only errors are listed. The summary line always counts everything.
            let shown = report.diagnostics.filter { d in quiet ? d.severity == .error : (notes || d.severity != .note) }
            var lines = DiagnosticReport(diagnostics: shown, strict: strict)
                .render(.text, carets: isTerminal(STDOUT_FILENO)).split(separator: "\n", omittingEmptySubsequences: false).dropLast(2).map(String.init)
            let hidden = report.diagnostics.count - shown.count
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
