import ArgumentParser
import Foundation
import RenkeiBundle
import RenkeiPipeline

struct Verify: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check a bundle archive without extracting it.",
        discussion: """
            Streams the archive once: gzip and tar structure to the end of the stream, the BagIt \
            files, every manifest checksum, Payload-Oxum, the signature if present, and the \
            SQLite databases. Exits non-zero with the reason at the first broken guarantee.
            """)

    @Argument(help: "The archive to check ('-' reads standard input).")
    var file: String

    @Option(help: "A public key written by 'renkei keygen': the bag must be signed with it.")
    var key: String?

    @Option(help: "Extract the bag into this directory, in the same pass; nothing appears there unless every check passes.")
    var extract: String?

    func run() throws {
        let source: GzipReader
        do {
            source = file == "-" ? try GzipReader(handle: .standardInput) : try GzipReader(path: file)
        } catch let error as GzipError {
            throw CommandFailure.input("\(file): \(error.message)")
        }
        let verifier = BundleJob.verifier(requiredKey: try key.map { try BundleKeys.publicKey(at: $0) })
        do {
            let report = try extract.map { try verifier.extract(source, into: $0) } ?? verifier.verify(source)
            for line in report.lines { print("ok  \(line)") }
            if let extract { print("extracted to \(extract)/\(report.folder)") }
            print("\(file): verified (\(report.payloadFiles) payload files, \(report.payloadBytes) bytes)")
        } catch let error as BundleError {
            throw CommandFailure.data("\(file): \(error)")
        }
    }
}

struct Keygen: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Make an Ed25519 key pair for signing bundles.",
        discussion: "Writes PREFIX.key (private, mode 0600) and PREFIX.pub. Keep the private key out of the repository.")

    @Option(help: "The path prefix of the two key files.")
    var out: String

    func run() throws {
        let publicKey = try BundleKeys.generate(prefix: out)
        print("\(out).key\n\(out).pub\npublic key \(publicKey)")
    }
}
