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

    /// The text a citation points at, compared without layout (so a heading wrapped over two
    /// lines still matches): around every place one of the locator's segments occurs, a short
    /// run before it (the paragraph's start) and the section after it. 表題 is the document's
    /// title block, where a document gives its date.
    static func passage(of locator: String, in text: String) -> String {
        let chars = Array(text)
        var out: [String] = []
        for segment in locator.components(separatedBy: " > ") {
            if segment == "表題" {
                out.append(String(chars.prefix(300)))
                continue
            }
            let heading = normalized(segment.hasSuffix("（表）") ? String(segment.dropLast(3)) : segment)
            guard !heading.isEmpty else { continue }
            var from = text.startIndex
            while let hit = text.range(of: heading, range: from..<text.endIndex) {
                let start = text.distance(from: text.startIndex, to: hit.lowerBound)
                let a = max(0, start - 200), b = min(chars.count, start + heading.count + 600)
                out.append(String(chars[a..<b]))
                from = hit.upperBound
            }
        }
        return out.joined(separator: "\n")
    }

    /// The ways a document writes a month or a day: western and era years, or the month (and
    /// day) alone when the passage names the year elsewhere.
    static func writtenForms(of date: PartialDate) -> (full: [String], bare: String, year: [String]) {
        var years = ["\(date.year)年"]
        // A year two eras share (2019: 平成31年 and 令和元年) is written either way.
        for era in DateParser.eras where date.year >= era.firstYear && date.year - era.firstYear < 64 {
            let n = date.year - era.firstYear + 1
            years += ["\(era.name)\(n)年"] + (n == 1 ? ["\(era.name)元年"] : [])
        }
        let tail = "\(date.month!)月" + (date.day.map { "\($0)日" } ?? "")
        return (years.map { $0 + tail }, tail, years)
    }

    @Test("every day- and month-precision event date appears in, or is resolved from, the passage it cites")
    func datesInPassages() throws {
        guard let shared = TestSupport.shared else {
            print("SKIPPED source-document checks: ../shared/seeds is not beside the checkout")
            return
        }
        let dataset = try #require(DatasetTests.checked.dataset)
        var raw: [String: String] = [:]
        var own: [String: PartialDate] = [:]
        for source in dataset.sources {
            guard let file = source.file else { continue }
            raw[source.id] = Self.normalized(try String(contentsOfFile: shared + "/seeds/" + file, encoding: .utf8))
            own[source.id] = source.date
        }
        var checked = 0
        for event in dataset.events {
            guard let date = event.date.exact, date.precision == .day || date.precision == .month else { continue }
            let passages = event.sources.compactMap { c in raw[c.source].map { Self.passage(of: c.locator, in: $0) } }
            guard !passages.isEmpty else { continue }
            checked += 1
            let forms = Self.writtenForms(of: date)
            // A relative date keeps how it was written before the arrow of its note (本年6月28日 → …).
            let relative = event.dateNote?.components(separatedBy: " → ").first.map(Self.normalized)
            // A meeting's decisions carry the date the minutes give for the meeting itself.
            let documentDate = event.sources.contains { own[$0.source] == date }
            let found = documentDate || passages.contains { text in
                forms.full.contains { text.contains(Self.normalized($0)) }
                    || (text.contains(Self.normalized(forms.bare)) && forms.year.contains { text.contains(Self.normalized($0)) })
                    || (relative.map { !$0.isEmpty && text.contains($0) } ?? false)
                    // 「10月には」 in a speech of 2021: the month is written, the year resolved.
                    || (relative != nil && text.contains(Self.normalized(forms.bare)))
            }
            #expect(found, "\(event.id): \(date) is not written in the passage it cites (\(event.sources.map(\.locator)))")
        }
        #expect(checked > 20)
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
