import ArgumentParser
import Foundation
import RenkeiExport
import RenkeiPipeline
import RenkeiStore

struct Export: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write the dataset in one or more formats into a directory.",
        discussion: """
            Reads the source files (--data, the default) or a built database (--db). Files are published \
            only when every exporter has finished and the data has no error; otherwise the output \
            directory is left as it was.
            """)

    @Option(help: "Exporter ids, separated by commas, or 'all'. See 'renkei exporters'.")
    var format: String

    @OptionGroup var source: RecordSourceOptions

    @Option(help: "The directory to write into.")
    var out: String

    @Option(name: .customLong("plugin"), help: "An external exporter executable (renkei-export-<id>); may be repeated.")
    var plugins: [String] = []

    @Option(help: "Seconds an external exporter may run.")
    var pluginTimeout: Double = 120

    @Option(name: .customLong("option"), help: "An exporter option as KEY=VALUE; may be repeated.")
    var exporterOptions: [String] = []

    func validate() throws {
        for option in exporterOptions where !option.contains("=") {
            throw ValidationError("'\(option)' is not KEY=VALUE.")
        }
    }

    func run() throws {
        let registry = try ExporterCatalog.registry(plugins: plugins, timeLimit: pluginTimeout)
        let entries = try ExporterCatalog.select(format, from: registry)
        let store = try source.openStore()
        var options: [String: String] = [:]
        for option in exporterOptions {
            let parts = option.split(separator: "=", maxSplits: 1).map(String.init)
            options[parts[0]] = parts.count > 1 ? parts[1] : ""
        }
        try ExportRunner(store: store, options: options).run(entries, into: out)
        try ExportRunner.forEachFile(in: out) { print("\(out)/\($0)") }
    }
}

/// The built-in exporters plus external ones, and the selection by id.
enum ExporterCatalog {
    static func registry(plugins: [String], timeLimit: Double) throws -> ExporterRegistry {
        var external: [ExporterRegistry.Entry] = []
        for path in ExternalExporter.discover() + plugins {
            guard let entry = ExternalExporter.entry(executable: path, timeLimit: timeLimit) else {
                throw CommandFailure.input("'\(path)' is not an exporter: its name must be renkei-export-<id>.")
            }
            external.removeAll { $0.description.id == entry.description.id }
            external.append(entry)
        }
        let (registry, clashes) = Pipeline.builtinRegistry.adding(external)
        for id in clashes { printError("warning: external exporter '\(id)' is ignored: a built-in exporter has that id") }
        return registry
    }

    static func select(_ list: String, from registry: ExporterRegistry) throws -> [ExporterRegistry.Entry] {
        let ids = list.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        if ids == ["all"] { return registry.entries }
        guard !ids.isEmpty else { throw CommandFailure.input("Name at least one exporter with --format, or 'all'.") }
        return try ids.map { id in
            guard let entry = registry.entry(id) else {
                throw CommandFailure.input("'\(id)' is not an exporter; known exporters: \(registry.ids.joined(separator: ", ")).")
            }
            return entry
        }
    }
}

struct Exporters: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "List the exporters: id, files written and what each is for.")

    @Option(name: .customLong("plugin"), help: "An external exporter executable to list as well; may be repeated.")
    var plugins: [String] = []

    func run() throws {
        let registry = try ExporterCatalog.registry(plugins: plugins, timeLimit: 120)
        let width = registry.ids.map(\.count).max() ?? 4
        for entry in registry.entries {
            let d = entry.description
            let id = d.id.padding(toLength: width, withPad: " ", startingAt: 0)
            print("\(id)  \(d.files.joined(separator: ", "))\n\(String(repeating: " ", count: width))  \(d.summary)")
        }
    }
}
