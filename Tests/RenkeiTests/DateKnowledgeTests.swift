import Foundation
import RenkeiPipeline
import Testing
@testable import RenkeiModel

/// What an event's date may say — a precision, a bound, a span, nothing — and how counts place it.
@Suite("Date knowledge: bounds, spans, undated, and counts that never guess")
struct DateKnowledgeTests {
    func parse(_ text: String, anchor: PartialDate? = nil) -> EventDate? {
        try? EventDate.parse(text, anchor: anchor).get().date
    }

    func day(_ y: Int, _ m: Int, _ d: Int) -> PartialDate.Day { PartialDate.Day(year: y, month: m, day: d) }

    @Test("Source forms and their canonical EDTF text")
    func forms() throws {
        #expect(parse("2016-10") == .on(PartialDate(year: 2016, month: 10)!))
        #expect(parse("..2016-10") == .notAfter(PartialDate(year: 2016, month: 10)!))
        #expect(parse("..平成28年10月") == .notAfter(PartialDate(year: 2016, month: 10)!))
        #expect(parse("2016-10..") == .notBefore(PartialDate(year: 2016, month: 10)!))
        #expect(parse("2014..2016") == .between(PartialDate(year: 2014)!, PartialDate(year: 2016)!))
        #expect(parse("undated") == .undated)
        #expect(parse("..2016-10")?.edtf == "[..2016-10]")
        #expect(parse("2016-10..")?.edtf == "[2016-10..]")
        #expect(parse("2014..2016")?.edtf == "[2014..2016]")
        #expect(parse("undated")?.edtf == nil)
        #expect(parse("undated")?.precision == "undated")
        #expect(parse("..2016-10")?.precision == "not-after")
        // A fiscal year as a bound is its months, so the canonical text reads back the same.
        #expect(parse("..FY2023") == .notAfter(PartialDate(year: 2024, month: 3)!))
        #expect(parse("令和5年度..") == .notBefore(PartialDate(year: 2023, month: 4)!))
        for text in ["[..2016-10]", "[2016-10..]", "[2014..2016]", "2023-04/2024-03", "2018-03-14"] {
            #expect(parse(text)?.edtf == text, "\(text)")
        }
        // A span whose ends are one date is that date.
        #expect(parse("2016..2016") == .on(PartialDate(year: 2016)!))
    }

    @Test("Malformed bounds and spans are refused with a reason")
    func refused() {
        for text in ["..", "[2016]", "2016..2014", "2014..2015..2016", "..2016-13", "[..2016-10", "soon"] {
            #expect(parse(text) == nil, "\(text)")
        }
        if case .failure(let failure) = EventDate.parse("2016..2014") {
            #expect(failure.message.contains("after its end"))
        } else {
            Issue.record("2016..2014 was accepted")
        }
    }

    @Test("A relative end resolves from the citing document's date and says how")
    func relative() throws {
        let parsed = try EventDate.parse("..本年", anchor: PartialDate(year: 2019, month: 1)).get()
        #expect(parsed.date == .notAfter(PartialDate(year: 2019)!))
        #expect(parsed.resolution?.hasPrefix("本年 → 2019") == true)
    }

    @Test("Earliest and latest days, and the one year or fiscal year a date lies in")
    func spans() throws {
        let fy = try #require(parse("FY2018"))
        #expect(fy.earliest == day(2018, 4, 1) && fy.latest == day(2019, 3, 31))
        #expect(fy.fiscalYear == 2018 && fy.calendarYear == nil)
        let year = try #require(parse("2018"))
        #expect(year.calendarYear == 2018 && year.fiscalYear == nil)
        let bound = try #require(parse("..2016-10"))
        #expect(bound.earliest == nil && bound.latest == day(2016, 10, 31))
        #expect(bound.calendarYear == nil && bound.fiscalYear == nil)
        let after = try #require(parse("2016-10.."))
        #expect(after.earliest == day(2016, 10, 1) && after.latest == nil)
        let within = try #require(parse("2016-05..2016-09"))
        #expect(within.calendarYear == 2016 && within.fiscalYear == 2016)
        #expect(EventDate.undated.earliest == nil && EventDate.undated.latest == nil && EventDate.undated.indexYear == nil)
    }

    @Test("Order: by the first day allowed (else the last), undated last")
    func order() throws {
        let dates = try ["undated", "2017", "..2016-10", "2016-10..", "2014..2016", "FY2016"].map { try #require(parse($0)) }
        #expect(dates.sorted().map(\.description) == ["[2014..2016]", "FY2016", "[2016-10..]", "[..2016-10]", "2017", "undated"])
    }

    @Test("A window places a date inside, outside, or undetermined — never guessed")
    func placement() throws {
        let y2018 = DayWindow.calendarYear(2018)
        #expect(y2018.place(try #require(parse("2018-05"))) == .inside)
        #expect(y2018.place(try #require(parse("2017"))) == .outside)
        #expect(y2018.place(try #require(parse("FY2018"))) == .undetermined)
        #expect(y2018.place(try #require(parse("..2016-10"))) == .outside)
        #expect(y2018.place(try #require(parse("..2018-10"))) == .undetermined)
        #expect(y2018.place(try #require(parse("2019..")) ) == .outside)
        #expect(y2018.place(EventDate.undated) == .undetermined)
        let until = DayWindow(first: nil, last: day(2016, 12, 31))
        #expect(until.place(try #require(parse("..2016-10"))) == .inside)
        #expect(until.place(EventDate.undated) == .undetermined)
        #expect(DayWindow(first: nil, last: nil).place(EventDate.undated) == .inside)
    }

    func event(_ id: String, _ date: String) -> Event {
        Event(id: id, kind: "exercise", title: LocalizedText(ja: id, en: id), date: parse(date)!,
              participants: [Participant(actor: "JP", role: "participant")], sources: [Citation(source: "src", locator: "x")])
    }

    var events: [Event] {
        [event("a", "2018-05"), event("b", "FY2018"), event("c", "..2016-10"), event("d", "undated"), event("e", "2017..2018")]
    }

    @Test("Per period: what certainly lies in it, and how many more could")
    func periodCounts() {
        var evaluator = QueryEvaluator(Query(count: .events, per: .year))
        for e in events { evaluator.add(e) }
        let counts = evaluator.counts(per: .year)
        #expect(counts.values == ["2018": 1])
        // 2017: the span and the undated event; 2018: the fiscal year, the span, the undated
        // event; 2019: the fiscal year's last months and the undated event.
        #expect(counts.undeterminedIn == ["2017": 2, "2018": 3, "2019": 2])
        #expect(counts.undetermined == 4)
        #expect(evaluator.totalValue == 5)
        let fiscal = evaluator.counts(per: .fiscalYear)
        #expect(fiscal.values == ["FY2018": 2])
        #expect(fiscal.undetermined == 3)
    }

    @Test("Claims: unverifiable when undetermined dates could make up the difference, failing when they cannot")
    func claims() {
        func verdict(_ expected: ClaimValue, _ query: Query) -> Claim {
            var evaluator = QueryEvaluator(query)
            for e in events { evaluator.add(e) }
            return Claim(id: "cl", source: "src", locator: "x", statement: LocalizedText(ja: "x", en: "x"), query: query, expected: expected)
                .computed(by: evaluator)
        }
        let perYear = Query(count: .events, per: .year)
        #expect(verdict(.perPeriod(["2018": 1]), perYear).verdict == .holds)
        let could = verdict(.perPeriod(["2018": 3]), perYear)
        #expect(could.verdict == .unverifiable && could.holds == nil)
        #expect(verdict(.perPeriod(["2018": 5]), perYear).verdict == .fails)
        // Until the end of 2016: the bound counts, the undated event may or may not.
        let until = Query(count: .events, until: PartialDate(year: 2016)!)
        let counted = verdict(.number(1), until)
        #expect(counted.verdict == .holds && counted.actual == .number(1))
        let two = verdict(.number(2), until)
        #expect(two.verdict == .unverifiable && two.undetermined == 1)
        #expect(verdict(.number(3), until).verdict == .fails)
    }

    @Test("The source format: bounds, spans and undated events load, export and read back")
    func sourceFormat() throws {
        let folder = NSTemporaryDirectory() + "renkei-dates-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try FileManager.default.copyItem(atPath: TestSupport.root + "/data", toPath: folder + "/data")
        let extra = """
            events:
              - id: ev-bound-example
                kind: training
                title: {ja: 研修, en: Training}
                date: ..平成28年10月
                date_note: not later than the policy's date; listed without a date
                participants: [{actor: JP, role: organiser}]
                sources: [{source: src-basic-policy-2016, locator: 表題}]
              - id: ev-undated-example
                kind: training
                title: {ja: 研修, en: Training}
                date: undated
                participants: [{actor: JP, role: organiser}]
                sources: [{source: src-basic-policy-2016, locator: 表題}]
            """
        try extra.write(toFile: folder + "/data/zz-dates.yaml", atomically: true, encoding: .utf8)
        let checked = Pipeline.check(dataDirectory: folder + "/data")
        #expect(!checked.diagnostics.contains { $0.severity == .error }, "\(checked.diagnostics.map(\.formatted))")
        let dataset = try #require(checked.dataset)
        #expect(dataset.events.first { $0.id == "ev-bound-example" }?.date == .notAfter(PartialDate(year: 2016, month: 10)!))
        #expect(dataset.events.first { $0.id == "ev-undated-example" }?.date == .undated)
        let json = try CanonicalJSON.pretty(dataset.events.first { $0.id == "ev-undated-example" }!)
        #expect(json.contains("\"date\": null") && json.contains("\"precision\": \"undated\""))
        let data = try CanonicalJSON.compactEncoder().encode(dataset.events.first { $0.id == "ev-bound-example" }!)
        let back = try JSONDecoder().decode(Event.self, from: data)
        #expect(back.date == .notAfter(PartialDate(year: 2016, month: 10)!))
        // `date` stays required: leaving it out is an error, not an undated event.
        try extra.replacingOccurrences(of: "    date: undated\n", with: "").write(toFile: folder + "/data/zz-dates.yaml", atomically: true, encoding: .utf8)
        let missing = Pipeline.check(dataDirectory: folder + "/data")
        #expect(missing.diagnostics.contains { $0.severity == .error && $0.message.contains("'date'") })
    }
}
