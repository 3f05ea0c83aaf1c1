import ArgumentParser
import Foundation
import RenkeiPipeline
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

    func validate() throws {
        guard DiagnosticReport.Format(rawValue: format) != nil else {
            throw ValidationError("'\(format)' is not a report format: use text, json, jsonl, github, junit or sarif.")
        }
    }

    func run() throws {
        let checked = Pipeline.check(dataDirectory: dataOptions.data)
        let report = checked.report(strict: strict)
        let format = DiagnosticReport.Format(rawValue: format)!
        print(report.render(format, carets: format == .text && isTerminal(STDOUT_FILENO)), terminator: "")
        if checked.unreadable { throw CommandFailure.input("") }
        if report.failed { throw CommandFailure.data("") }
    }
}
