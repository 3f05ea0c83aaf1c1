import Foundation
import RenkeiExport
import RenkeiModel
import RenkeiPipeline
import RenkeiStore
import RenkeiSynthetic
import RenkeiTesting
import Testing

/// Exporters spread over threads (`ExportRunner.threads`): the same files as one thread (a
/// failure on threads is in `InterruptedRunTests`); and the escapers the busiest exporters lean on.
@Suite("Exporters on several threads", .serialized)
struct ExportFanOutTests {
    /// A store on disk built from synthetic data, so the exporters run on threads of their own.
    static let store: String = {
        let root = NSTemporaryDirectory() + "renkei-fan-out-\(ProcessInfo.processInfo.processIdentifier)"
        TestSupport.removeAtExit(root)
        let path = root + "/renkei.sqlite"
        if !FileManager.default.fileExists(atPath: path) {
            _ = try? SyntheticData(events: 300, eventsPerFile: 64).write(to: root + "/data")
            let checked = try? Pipeline.checkAndWrite(dataDirectory: root + "/data", storePath: path, wal: true)
            precondition(checked?.diagnostics.isEmpty == true, "the synthetic data should check clean")
        }
        return path
    }()

    static func files(below root: String) throws -> [String: Data] {
        var out: [String: Data] = [:]
        let enumerator = FileManager.default.enumerator(atPath: root)
        while let name = enumerator?.nextObject() as? String {
            var isFolder: ObjCBool = false
            if FileManager.default.fileExists(atPath: root + "/" + name, isDirectory: &isFolder), !isFolder.boolValue {
                out[name] = try Data(contentsOf: URL(fileURLWithPath: root + "/" + name))
            }
        }
        return out
    }

    @Test("Every built-in exporter writes the same bytes on 1, 2 and 3 threads")
    func sameFilesOnAnyThreads() throws {
        let store = try Store(readingAt: Self.store)
        var outputs: [Int: [String: Data]] = [:]
        for threads in [1, 2, 3] {
            let out = InterruptedRunTests.temporary("fan-out-\(threads)")
            defer { try? FileManager.default.removeItem(atPath: out) }
            var runner = ExportRunner(store: store)
            runner.threads = threads
            let written = try runner.run(Pipeline.builtinRegistry.entries, into: out)
            outputs[threads] = try Self.files(below: out).filter { $0.key != ExportRunner.marker }
            #expect(written > 300, "a page per event at least")
            #expect(try ExportRunner.files(in: out) == Array(outputs[threads, default: [:]].keys).sortedByFolder(), "the listing is every file, in folder order")
        }
        let one = try #require(outputs[1])
        for threads in [2, 3] {
            let other = try #require(outputs[threads])
            #expect(other.keys.sorted() == one.keys.sorted())
            let differing = one.keys.filter { one[$0] != other[$0] }.sorted()
            #expect(differing.isEmpty, "\(threads) threads differ in \(differing.prefix(5))")
        }
    }

    @Test("XML escaping: markup characters escaped, controls and U+FFFE/U+FFFF dropped, all else kept")
    func xmlEscaping() {
        let examples: [(String, String)] = [
            ("plain text", "plain text"),
            ("a<b>&\"c'", "a&lt;b&gt;&amp;&quot;c&#39;"),
            ("tab\tline\nreturn\r", "tab\tline\nreturn\r"),
            ("bell\u{7}null\u{0}", "bellnull"),
            ("\u{FFFE}x\u{FFFF}", "x"),
            // Other characters written with a leading EF byte stay: full-width forms, U+FFFD, U+FFEE.
            ("（括弧）ＡＢ\u{FFFD}\u{FFEE}", "（括弧）ＡＢ\u{FFFD}\u{FFEE}"),
            ("日本語 🛡️ e\u{0301}", "日本語 🛡️ e\u{0301}"),
        ]
        for (input, expected) in examples {
            #expect(MarkupEscaping.xml(input) == expected, "\(input.debugDescription)")
        }
    }

    @Test("The report's search index writes U+2028, U+2029 and '<' as escapes, so a text cannot end the script")
    func searchIndexEscapes() throws {
        var dataset = TestDatasets.minimal()
        let text = "line\u{2028}separator\u{2029}paragraph </script><b>"
        dataset.events[0].title = LocalizedText(ja: text, en: text)
        let entry = try #require(Pipeline.builtinRegistry.entry("html"))
        let files = try ExporterHarness.run(entry, on: dataset)
        let index = try #require(files["site/search-index.js"].map { String(decoding: $0, as: UTF8.self) })
        let line = try #require(index.split(separator: "\n").first { $0.contains(dataset.events[0].id) })
        #expect(line.contains("line\\u2028separator\\u2029paragraph \\u003c/script>\\u003cb>"), "\(line)")
        #expect(!line.contains("\u{2028}") && !line.contains("\u{2029}") && !line.contains("<"))
    }
}

extension Array where Element == String {
    /// Paths in the order a folder walk visits them: `/` before every other byte.
    func sortedByFolder() -> [String] {
        sorted { a, b in
            [UInt8](a.utf8).map { $0 == UInt8(ascii: "/") ? 0 : $0 }.lexicographicallyPrecedes([UInt8](b.utf8).map { $0 == UInt8(ascii: "/") ? 0 : $0 })
        }
    }
}
