import ArgumentParser
import Foundation
import RenkeiBundle
import RenkeiPipeline
import RenkeiRelease

struct Index: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write index.json and index.md for a folder of release bundles.",
        discussion: """
            Verifies every *.tar.gz in DIR, orders the releases by version and records for each its \
            version, released day, file name, bytes, SHA-256, record counts and its delta to the \
            release before it. Two bundles of the same version are refused. The files are rewritten \
            atomically; the same bundles give the same bytes.
            """)

    @Argument(help: "The folder of bundles.")
    var directory: String

    func run() throws {
        TemporaryFiles.shared.installSignalHandlers()
        let scratch = try Scratch.make()
        defer { scratch.remove() }
        let indexer = ReleaseIndexer(directory: directory)
        do {
            let index = try indexer.index(scratch: scratch.path)
            for path in try indexer.write(index) { print(path) }
            print("\(index.releases.count) releases")
        } catch let error as ReleaseError {
            throw CommandFailure.input(error.description)
        }
    }
}
