import Foundation
import RenkeiExport
import RenkeiPipeline
import RenkeiTesting
import Testing

@Suite("The exporter registry")
struct RegistryTests {
    @Test("Built-in exporters: one sorted list, unique ids, complete descriptions")
    func builtins() {
        let ids = Pipeline.builtinRegistry.ids
        #expect(ids == ids.sorted())
        #expect(Set(ids).count == ids.count)
        #expect(Set(ids).isSuperset(of: ["csv", "html", "iati", "ical", "json", "jsonl", "markdown", "popolo", "sqlite", "stix"]))
        for entry in Pipeline.builtinRegistry.entries {
            let d = entry.description
            #expect(!d.name.isEmpty && !d.files.isEmpty && !d.mediaType.isEmpty && !d.summary.isEmpty && !d.version.isEmpty, "\(d.id)")
        }
    }

    @Test("Adding external exporters never replaces a built-in; clashes are reported")
    func adding() {
        let external = ExternalExporter.entry(executable: "/usr/local/bin/renkei-export-json")!
        let other = ExternalExporter.entry(executable: "/usr/local/bin/renkei-export-mine")!
        let (registry, clashes) = Pipeline.builtinRegistry.adding([external, other])
        #expect(clashes == ["json"])
        #expect(registry.entry("json")?.description.version != "external")
        #expect(registry.entry("mine")?.description.version == "external")
        #expect(ExternalExporter.entry(executable: "/bin/ls") == nil)
    }

    @Test("Every built-in exporter passes the conformance kit's determinism and directory checks")
    func conformanceOfAll() {
        for entry in Pipeline.builtinRegistry.entries {
            let kit = ExporterConformance(entry: entry, markup: .json, countRecords: nil)
            let problems = kit.determinism() + kit.emptyDataset() + kit.filesInsideDirectory()
            #expect(problems.isEmpty, "\(entry.description.id): \(problems)")
        }
    }
}
