import ArgumentParser

struct Bundle: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Write the dataset as a reproducible, checksummed BagIt archive.")
    @OptionGroup var dataOptions: DataOptions
    @Option(help: "The directory to write the archive into.")
    var out: String
    func run() throws { throw CommandFailure.data("renkei bundle is not built yet") }
}

struct Verify: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Check an archive bundle without extracting it.")
    @Argument(help: "The archive to check.")
    var file: String
    func run() throws { throw CommandFailure.data("renkei verify is not built yet") }
}

struct Keygen: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Make an Ed25519 key pair for signing bundles.")
    func run() throws { throw CommandFailure.data("renkei keygen is not built yet") }
}

struct Indicators: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Print the indicators' computed values.")
    func run() throws { throw CommandFailure.data("renkei indicators is not built yet") }
}

struct Stats: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Print counts by entity kind, event kind, year and partner.")
    func run() throws { throw CommandFailure.data("renkei stats is not built yet") }
}
