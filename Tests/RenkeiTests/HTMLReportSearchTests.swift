import Foundation
import RenkeiModel
import RenkeiPipeline
import Testing

/// The report's offline search page and the posts on meeting pages, on the export of `data/`.
@Suite("Report: offline search, attendees' posts", .serialized)
struct HTMLReportSearchTests {
    static let site: String = {
        let out = NSTemporaryDirectory() + "renkei-html-search-\(ProcessInfo.processInfo.processIdentifier)"
        TestSupport.removeAtExit(out)
        if !FileManager.default.fileExists(atPath: out + "/site/search.html") {
            let result = try? TestSupport.renkei(["export", "--format", "html", "--data", TestSupport.root + "/data", "--out", out])
            precondition(result?.code == 0, "export failed: \(result?.err ?? "")")
        }
        return out + "/site"
    }()

    /// The entries of `search-index.js`: collection, id, page, label ja, label en, text.
    static func index() throws -> [[String]] {
        let script = try String(contentsOfFile: site + "/search-index.js", encoding: .utf8)
        var lines = script.split(separator: "\n").map(String.init)
        #expect(lines.first == "window.RENKEI_INDEX = [")
        #expect(lines.last == "];")
        lines = Array(lines.dropFirst().dropLast())
        return try lines.map { line in
            guard case .array(let items) = try JSONValue.parse(String(line.dropLast())) else { return [] }
            return items.compactMap(\.stringValue)
        }
    }

    @Test("The index covers every record, links to pages that exist, and finds 演習 and ASEAN")
    func searchIndex() throws {
        let entries = try Self.index()
        let records = try TestSupport.renkei(["stats", "--format", "json", "--data", TestSupport.root + "/data"])
        #expect(records.code == 0)
        #expect(entries.count >= 400, "\(entries.count) entries")
        #expect(entries.allSatisfy { $0.count == 6 })
        for page in Set(entries.map { $0[2] }) {
            #expect(FileManager.default.fileExists(atPath: Self.site + "/" + page), "\(page)")
        }
        for word in ["演習", "asean", "協"] {
            let found = entries.filter { $0[5].lowercased().contains(word) }
            #expect(!found.isEmpty, "\(word)")
        }
        let page = try String(contentsOfFile: Self.site + "/search.html", encoding: .utf8)
        #expect(page.contains("<script src=\"search-index.js\"></script>"))
        #expect(!page.contains("http://") && !page.contains("https://"), "the page loads nothing from the network")
        let overview = try String(contentsOfFile: Self.site + "/index.html", encoding: .utf8)
        #expect(overview.contains("href=\"search.html\""))
    }

    @Test("The search script finds records when run (Node.js, when installed)")
    func searchScript() throws {
        guard let node = TestSupport.executable("node", "nodejs") else {
            print("SKIPPED: Node.js is not installed; the search script was not run")
            return
        }
        // A minimal page around the script: an input, a list and a status line.
        let harness = """
            const fs = require("fs");
            const elements = {};
            function element(id) { return elements[id] || (elements[id] = { id, value: "", innerHTML: "", textContent: "", addEventListener(_, f) { this.listener = f; } }); }
            global.window = { location: { search: "" } };
            global.document = { getElementById: element };
            global.URLSearchParams = URLSearchParams;
            eval(fs.readFileSync(process.argv[1] + "/search-index.js", "utf8"));
            eval(fs.readFileSync(process.argv[1] + "/search.js", "utf8"));
            for (const q of ["演習", "ASEAN", "協議 ASEAN"]) {
              element("q").value = q; element("q").listener();
              const n = (element("search-results").innerHTML.match(/<li>/g) || []).length;
              if (n === 0 || !element("search-results").innerHTML.includes("<mark>")) { console.log("nothing for " + q); process.exit(1); }
            }
            console.log("ok");
            """
        let result = try TestSupport.run(node, ["-e", harness, Self.site])
        #expect(result.out == "ok\n", "\(result.out)\(result.err)")
    }

    @Test("The timeline's rows carry what its filters read: 2017's bilateral consultations are seven")
    func timelineFilters() throws {
        let page = try String(contentsOfFile: Self.site + "/timeline.html", encoding: .utf8)
        #expect(page.contains("<form class=\"filters\" id=\"timeline-filters\" hidden>"))
        #expect(page.contains("<script src=\"filter.js\" defer></script>"))
        let rows = page.split(separator: "\n").filter { $0.contains("data-year=\"2017\" data-kind=\"bilateral-consultation\"") }
        #expect(rows.count == 7)
        // The partner filter matches a whole id among the row's actors, as filter.js does.
        func actors(_ row: Substring) -> [Substring] {
            guard let start = row.range(of: "data-actors=\""), let end = row[start.upperBound...].firstIndex(of: "\"") else { return [] }
            return row[start.upperBound..<end].split(separator: " ")
        }
        let consultationsWithUS = page.split(separator: "\n").filter { $0.contains("data-kind=\"bilateral-consultation\"") && actors($0).contains("US") }
        #expect(consultationsWithUS.count == 6)
        #expect(FileManager.default.fileExists(atPath: Self.site + "/filter.js"))
    }

    @Test("The download page links every registered format")
    func downloads() throws {
        let page = try String(contentsOfFile: Self.site + "/downloads.html", encoding: .utf8)
        for entry in Pipeline.builtinRegistry.entries {
            #expect(page.contains("data-format=\"\(entry.description.id)\""), "\(entry.description.id) is not on the download page")
            for file in entry.description.files where !file.contains("*") && !file.hasPrefix("site/") {
                #expect(page.contains("href=\"../\(file)\""), "\(file)")
            }
        }
    }

    @Test("The 32nd meeting's page lists each attendee with the posts held that day")
    func attendeePosts() throws {
        let page = try String(contentsOfFile: Self.site + "/events/ev-2021-12-14-cshq-32.html", encoding: .utf8)
        guard let start = page.range(of: "People present"), let end = page.range(of: "</ul>", range: start.upperBound..<page.endIndex) else {
            Issue.record("no list of people present")
            return
        }
        let list = page[start.upperBound..<end.lowerBound]
        #expect(list.components(separatedBy: "<li>").count - 1 == 22)
        #expect(list.components(separatedBy: "<br><small><span class=\"post\">").count - 1 == 22)
        #expect(list.contains("内閣官房長官"))
    }
}
