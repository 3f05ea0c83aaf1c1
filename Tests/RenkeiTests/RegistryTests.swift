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

/// The places that list the exporters agree with the registry: `Package.swift`'s
/// `exporterPlugins`, the registry and the table in `docs/EXPORTERS.md` are all sorted by
/// exporter id and name the same exporters.
@Suite("The exporter lists: Package.swift, the registry and docs/EXPORTERS.md")
struct ExporterListTests {
    /// The id a plug-in target declares (`id: "…"` in its sources).
    static func declaredID(target: String) throws -> String? {
        let folder = TestSupport.root + "/Plugins/" + target
        for file in try FileManager.default.contentsOfDirectory(atPath: folder).sorted() where file.hasSuffix(".swift") {
            let text = try String(contentsOfFile: folder + "/" + file, encoding: .utf8)
            if let range = text.range(of: #"id: "[a-z0-9-]+""#, options: .regularExpression) {
                return String(text[range].dropFirst(5).dropLast())
            }
        }
        return nil
    }

    @Test("Package.swift lists the plug-in targets in the order of their exporters' ids, as the registry does")
    func package() throws {
        let manifest = try String(contentsOfFile: TestSupport.root + "/Package.swift", encoding: .utf8)
        let start = try #require(manifest.range(of: "let exporterPlugins = ["))
        let end = try #require(manifest[start.upperBound...].range(of: "]"))
        let targets = manifest[start.upperBound..<end.lowerBound].split(separator: ",")
            .map { $0.trimmingCharacters(in: .whitespacesAndNewlines).trimmingCharacters(in: CharacterSet(charactersIn: "\"")) }
            .filter { !$0.isEmpty }
        let ids = try targets.map { try #require(try Self.declaredID(target: $0), "no id in Plugins/\($0)") }
        #expect(ids == Pipeline.builtinRegistry.ids, "Package.swift: \(targets)")
    }

    @Test("docs/EXPORTERS.md's table has one row per registered exporter, in the registry's order, with its files")
    func table() throws {
        let page = try String(contentsOfFile: TestSupport.root + "/docs/EXPORTERS.md", encoding: .utf8)
        let rows = page.split(separator: "\n").filter { $0.hasPrefix("| `") }
        let cells = rows.map { $0.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) } }
        let ids = cells.map { $0[0].trimmingCharacters(in: CharacterSet(charactersIn: "`")) }
        #expect(ids == Pipeline.builtinRegistry.ids)
        for (id, row) in zip(ids, cells) {
            guard let description = Pipeline.builtinRegistry.entry(id)?.description else { continue }
            let listed = row[1].split(separator: ",").map { $0.trimmingCharacters(in: CharacterSet(charactersIn: " `")) }
            for file in listed {
                // `site/…` stands for every file under a folder.
                let known = file.hasSuffix("…")
                    ? description.files.allSatisfy { $0.hasPrefix(String(file.dropLast())) }
                    : description.files.contains(file)
                #expect(known, "\(id): the table lists '\(file)', the description has \(description.files)")
            }
            if !listed.contains(where: { $0.hasSuffix("…") }) {
                #expect(Set(listed) == Set(description.files), "\(id): the table lists \(listed), the description has \(description.files)")
            }
        }
    }
}
