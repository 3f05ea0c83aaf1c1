import Foundation
import RenkeiModel
import RenkeiPipeline
import Testing

/// The embedded dataset, checked as CI checks every change to it — and, where `../shared` is
/// beside the checkout, fact by fact against the source documents.
@Suite("The dataset in data/")
struct DatasetTests {
    static let checked = Pipeline.check(dataDirectory: TestSupport.root + "/data")

    @Test("validates with no error and no warning")
    func clean() {
        let problems = Self.checked.diagnostics.filter { $0.severity > .note }
        #expect(problems.isEmpty, "\(problems.map(\.formatted))")
    }

    @Test("the per-year consultation table of the 2019 report is reproduced from the records")
    func perYearTable() throws {
        let dataset = try #require(Self.checked.dataset)
        let claim = try #require(dataset.claims.first { claim in
            if case .perPeriod(let map) = claim.expected { return map["2013"] != nil && claim.source == "src-nisc-2019-status" }
            return false
        })
        #expect(claim.expected == .perPeriod(["2013": 1, "2014": 7, "2015": 5, "2016": 9, "2017": 8, "2018": 5]))
        #expect(claim.holds == true)
    }

    @Test("every claim has a verdict: none fails, and each unverifiable one says why")
    func claims() throws {
        let dataset = try #require(Self.checked.dataset)
        #expect(!dataset.claims.isEmpty)
        for claim in dataset.claims {
            #expect(claim.verdict == .holds || claim.verdict == .unverifiable, "\(claim.id): \(String(describing: claim.verdict))")
            if claim.verdict == .unverifiable { #expect(claim.unverifiable != nil, "\(claim.id)") }
            #expect((claim.holds == true) == (claim.verdict == .holds), "\(claim.id)")
        }
    }

    @Test("every record cites a source")
    func provenance() throws {
        let dataset = try #require(Self.checked.dataset)
        for record in dataset.allRecords {
            if case .source = record { continue }
            #expect(!record.base.citations.isEmpty, "\(record.id)")
        }
    }
}

/// Fact checks against the source documents in `../shared/seeds`.
@Suite("The dataset against the source documents")
struct SourceDocumentTests {
    /// Text compared without layout: NFKC, no whitespace, markup, brackets or middle dots.
    /// Footnote marks stay as written (`CCDCOE<sup>\*1</sup>` reads `CCDCOE*1`, compared as
    /// `CCDCOE1`), so a locator that leaves a heading's mark out does not match it.
    static func normalized(_ text: String) -> String {
        var s = text.precomposedStringWithCompatibilityMapping
        s = s.replacingOccurrences(of: "<sup>([^<]*)</sup>", with: "$1", options: .regularExpression)
        s = s.replacingOccurrences(of: "\\\\\\*", with: "*", options: .regularExpression)
        let dropped = Set(" \t\n\r\u{3000}*#■●～〜-－・()（）「」『』【】[]".unicodeScalars)
        return String(String.UnicodeScalarView(s.unicodeScalars.filter { !dropped.contains($0) }))
    }

    static func seedTexts() throws -> [String: String]? {
        guard let shared = TestSupport.shared else { return nil }
        let dataset = try #require(DatasetTests.checked.dataset)
        var texts: [String: String] = [:]
        for source in dataset.sources {
            guard let file = source.file else { continue }
            let path = shared + "/seeds/" + file
            let text = try String(contentsOfFile: path, encoding: .utf8)
            texts[source.id] = normalized(text)
        }
        return texts
    }

    @Test("each held source's file exists, and its title is the document's own")
    func titles() throws {
        guard let texts = try Self.seedTexts() else {
            print("SKIPPED source-document checks: ../shared/seeds is not beside the checkout")
            return
        }
        let dataset = try #require(DatasetTests.checked.dataset)
        let held = dataset.sources.filter { $0.file != nil }
        #expect(held.count == 5)
        for source in held {
            #expect(texts[source.id]?.contains(Self.normalized(source.title.ja)) == true, "\(source.id): \(source.title.ja)")
        }
    }

    @Test("every locator names headings and passages that are in the cited document")
    func locators() throws {
        guard let texts = try Self.seedTexts() else {
            print("SKIPPED source-document checks: ../shared/seeds is not beside the checkout")
            return
        }
        let dataset = try #require(DatasetTests.checked.dataset)
        var checked = 0
        for record in dataset.allRecords {
            for citation in record.base.citations {
                guard let text = texts[citation.source] else { continue }
                for segment in citation.locator.components(separatedBy: " > ") {
                    // Conventions: 表題 is the document's title; a trailing （表） marks the table under a heading.
                    let heading = segment.hasSuffix("（表）") ? String(segment.dropLast(3)) : segment
                    if heading == "表題" { continue }
                    checked += 1
                    #expect(text.contains(Self.normalized(heading)), "\(record.id): '\(segment)' is not in \(citation.source)")
                }
            }
        }
        #expect(checked > 1000)
    }

    @Test("summaries, outcomes and remarks are the project's own words, not copied sentences")
    func ownWords() throws {
        guard let texts = try Self.seedTexts() else {
            print("SKIPPED source-document checks: ../shared/seeds is not beside the checkout")
            return
        }
        let dataset = try #require(DatasetTests.checked.dataset)
        // A run this long is a sentence, not an official name (the longest names shared are shorter).
        let window = 32
        var checked = 0
        for event in dataset.events {
            let written = ([event.summary] + event.outcomes.map { Optional($0) } + event.remarks.map { Optional($0.summary) })
                .compactMap { $0.map { Array(Self.normalized($0.ja)) } }
            for text in written where text.count >= window {
                checked += 1
                for citation in event.sources {
                    guard let source = texts[citation.source] else { continue }
                    for start in 0...(text.count - window) {
                        let piece = String(text[start..<(start + window)])
                        #expect(!source.contains(piece), "\(event.id) copies '\(piece)' from \(citation.source)")
                    }
                }
            }
        }
        #expect(checked > 100)
    }

    @Test("numbered consultations carry the official title the document gives")
    func consultationTitles() throws {
        guard let texts = try Self.seedTexts() else {
            print("SKIPPED source-document checks: ../shared/seeds is not beside the checkout")
            return
        }
        let dataset = try #require(DatasetTests.checked.dataset)
        let numbered = dataset.events.filter { $0.ordinal != nil && ["bilateral-consultation", "trilateral-consultation"].contains($0.kind) }
        #expect(numbered.count >= 6)
        for event in numbered {
            let text = texts[event.sources[0].source] ?? ""
            #expect(text.contains(Self.normalized(event.title.ja)), "\(event.id): \(event.title.ja)")
        }
    }
}

@Suite("Generated documentation")
struct GeneratedDocumentationTests {
    @Test("docs/DATASET.md's statistics are the current output of renkei stats")
    func datasetStatistics() throws {
        let page = try String(contentsOfFile: TestSupport.root + "/docs/DATASET.md", encoding: .utf8)
        let begin = try #require(page.range(of: "<!-- BEGIN renkei stats -->"))
        let end = try #require(page.range(of: "<!-- END renkei stats -->"))
        let section = page[begin.upperBound..<end.lowerBound].trimmingCharacters(in: .whitespacesAndNewlines)
        let stats = try TestSupport.renkei(["stats", "--format", "markdown", "--data", TestSupport.root + "/data"])
        #expect(stats.code == 0)
        #expect(section == stats.out.trimmingCharacters(in: .whitespacesAndNewlines), "run scripts/update-docs")
    }
}
