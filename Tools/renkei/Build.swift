import ArgumentParser
import Foundation
import RenkeiBundle
import RenkeiPipeline
import RenkeiStore

struct Build: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check the source files and build the SQLite store from them.",
        discussion: "The database is replaced only when the data has no error; a failed build leaves it untouched.")

    @OptionGroup var dataOptions: DataOptions
    @OptionGroup var databaseOptions: DatabaseOptions

    @Flag(help: "Treat warnings as failures.")
    var strict = false

    func run() throws {
        let checked: Pipeline.Checked
        do {
            checked = try Pipeline.build(dataDirectory: dataOptions.data, databasePath: databaseOptions.db, strict: strict)
        } catch let error as StoreError where error.kind == .notAStore {
            throw CommandFailure.input(error.description)
        } catch let error as BundleError {
            throw CommandFailure.input(error.description)
        }
        let report = checked.report(strict: strict)
        let problems = report.diagnostics.filter { $0.severity > .note }
        if !problems.isEmpty { printError(problems.map(\.formatted).joined(separator: "\n")) }
        if checked.unreadable { throw CommandFailure.input(report.summaryLine) }
        if report.failed { throw CommandFailure.data("build failed: \(report.summaryLine); \(databaseOptions.db) was not changed") }
        let total = checked.counts.values.reduce(0, +)
        print("built \(databaseOptions.db): \(total) records from \(checked.files.count) files (\(report.warningCount) warnings, \(report.noteCount) notes)")
    }
}
