import ArgumentParser
import Foundation
import RenkeiSynthetic

struct Synth: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write a synthetic data folder of N events, with records of every collection, for scale tests.",
        discussion: """
            The same N, --seed and --errors write byte-identical files. Without --errors the data \
            validates with no finding; with --errors K it holds K findings of known rules, listed on \
            standard output as 'rule record-id'.
            """)

    @Argument(help: "The number of events.")
    var count: Int

    @Argument(help: "The folder to write: new or empty.")
    var directory: String

    @Option(help: "The seed of the pseudo-random choices.")
    var seed: UInt64 = 1

    @Option(help: "Plant this many findings of known rules among the events.")
    var errors: Int = 0

    @Option(help: "Records per file under events/, series/ and links/: loading holds a few files at a time, so files of a few megabytes at most.")
    var eventsPerFile: Int = 1_000

    func validate() throws {
        guard count >= 0 else { throw ValidationError("N is a number of events: give 0 or more.") }
        guard eventsPerFile >= 1 else { throw ValidationError("--events-per-file needs 1 or more.") }
        guard errors >= 0, errors <= SyntheticData.maximumErrors(events: count) else {
            throw ValidationError("--errors must be between 0 and \(SyntheticData.maximumErrors(events: count)) for \(count) events (one in five events).")
        }
    }

    func run() throws {
        let generator = SyntheticData(events: count, seed: seed, errors: errors, eventsPerFile: eventsPerFile)
        let summary: SyntheticData.Summary
        do { summary = try generator.write(to: directory) } catch let error as SyntheticData.WriteError {
            throw CommandFailure.input("error: \(error.description)")
        }
        for planted in summary.planted { print(planted) }
        let records = summary.records.values.reduce(0, +)
        FileHandle.standardError.write(Data("wrote \(records) records in \(summary.files.count) files to \(directory)\n".utf8))
    }
}
