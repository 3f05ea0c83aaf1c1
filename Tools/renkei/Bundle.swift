import ArgumentParser
import Foundation
import RenkeiBundle
import RenkeiPipeline
import RenkeiRelease

struct Bundle: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write the dataset as a reproducible, checksummed BagIt archive.",
        discussion: """
            Checks the source files, builds the database, runs every exporter and writes \
            DIR/<name>-<version>.tar.gz; prints its path and SHA-256. The same data gives a \
            byte-identical archive on any machine and day.
            """)

    @OptionGroup var dataOptions: DataOptions

    @Option(help: "The directory to write the archive into.")
    var out: String

    @Option(help: "An Ed25519 private key written by 'renkei keygen', to sign the bag.")
    var sign: String?

    @Flag(help: "Print no progress.")
    var quiet = false

    @Flag(help: "Print on standard error how long each stage took: check, compare, export, archive.")
    var timings = false

    @Option(help: "The previous release (a bundle or git:REV): write its changelog, changes and record history into this one, and check the version.")
    var previous: String?

    func run() throws {
        var job = BundleJob(dataDirectory: dataOptions.data, outputDirectory: out)
        if let sign { job.signingKey = try BundleKeys.privateKey(at: sign) }
        if let previous { job.previous = try ReleaseInput.parsed(previous, data: dataOptions.data) }
        let bar = ProgressBar(enabled: !quiet && isTerminal(STDERR_FILENO))
        job.progress = { stage, progress in bar.update(stage, progress) }
        let checked: Pipeline.Checked, result: BundleJob.Result?
        do {
            (checked, result) = try job.run()
        } catch let error as ReleaseError {
            bar.finish()
            throw CommandFailure.input("no bundle written: \(error.description)")
        }
        bar.finish()
        let report = checked.report(strict: false)
        guard let result else {
            printError(report.diagnostics.filter { $0.severity == .error }.map(\.formatted).joined(separator: "\n"))
            throw CommandFailure(code: checked.unreadable ? 2 : 1, message: "no bundle written: \(report.summaryLine)")
        }
        print(result.archive)
        print("sha256 \(result.sha256)  \(result.bytes) bytes, \(result.files) payload files")
        if timings {
            let stages = result.stages.map { "\($0.stage) \(String(format: "%.2f", $0.seconds)) s" }
            printError("timings: " + stages.joined(separator: ", "))
        }
    }
}

/// A one-line progress bar on standard error: stage, bytes, files, rate and time left.
final class ProgressBar: @unchecked Sendable {
    let enabled: Bool
    let start = Date()
    var lastDraw = Date.distantPast

    init(enabled: Bool) { self.enabled = enabled }

    func update(_ stage: String, _ progress: BundleProgress?) {
        guard enabled else { return }
        let now = Date()
        guard progress == nil || now.timeIntervalSince(lastDraw) > 0.1 || progress!.filesDone == progress!.filesTotal else { return }
        lastDraw = now
        var line = stage
        if let p = progress, p.bytesTotal > 0 {
            let fraction = Double(p.bytesDone) / Double(p.bytesTotal)
            let width = 24
            let filled = Int(fraction * Double(width))
            let elapsed = max(now.timeIntervalSince(start), 0.001)
            let rate = Double(p.bytesDone) / elapsed
            let left = rate > 0 ? Double(p.bytesTotal - p.bytesDone) / rate : 0
            line = "[\(String(repeating: "#", count: filled))\(String(repeating: ".", count: width - filled))] \(Int(fraction * 100))% "
                + "\(Self.bytes(p.bytesDone))/\(Self.bytes(p.bytesTotal)) \(p.filesDone)/\(p.filesTotal) files "
                + "\(Self.bytes(UInt64(rate)))/s ETA \(Int(left))s"
        }
        FileHandle.standardError.write(Data("\r\u{1B}[K\(line)".utf8))
    }

    func finish() {
        guard enabled else { return }
        FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
    }

    static func bytes(_ n: UInt64) -> String {
        let units = ["B", "KB", "MB", "GB"]
        var value = Double(n)
        var unit = 0
        while value >= 1000 && unit < units.count - 1 {
            value /= 1000
            unit += 1
        }
        return unit == 0 ? "\(n) B" : String(format: "%.1f %@", value, units[unit])
    }
}
