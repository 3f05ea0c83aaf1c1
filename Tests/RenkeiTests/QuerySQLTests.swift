import Foundation
import RenkeiModel
@testable import RenkeiQuery
import RenkeiSource
import RenkeiStore
import RenkeiTesting
import Testing

/// The query commands decide filters, placements and counts in SQL and look short queries up in
/// the store's short-query index; these tests hold them to the Swift reference they replace
/// (``DayWindow/place(earliest:latest:)``, ``EventFilter/matches(_:)``, ``EventCounter/add(_:)``
/// on each decoded event, and `instr()` over every field).
@Suite("Query commands in SQL: the same answers as the Swift reference")
struct QuerySQLTests {
    /// Every form a date takes, around the edges of years and fiscal years.
    static let dates: [EventDate] = {
        func d(_ text: String) -> EventDate {
            guard case .success(let parsed) = EventDate.parse(text) else { fatalError("not a date: \(text)") }
            return parsed.date
        }
        return [
            "2017-01-01", "2017-03-31", "2017-04-01", "2017-12-31", "2018-01-01", "2018-03-31",
            "2017-03", "2017-04", "2017-12", "2018-03",
            "2016", "2017", "2018", "FY2016", "FY2017", "FY2018",
            "..2017-03-31", "..2017-12", "..2017", "..FY2017", "2017-04..", "2018..", "2017-12-31..",
            "2017-02..2017-05", "2016..2018", "2017-04..2018-03", "2017-05..2017-09", "FY2016..FY2017",
            "undated",
        ].map(d)
    }()

    static let windows: [DayWindow] = {
        func day(_ y: Int, _ m: Int, _ d: Int) -> PartialDate.Day { PartialDate.Day(year: y, month: m, day: d) }
        return (2015...2019).map(DayWindow.calendarYear) + (2015...2018).map(DayWindow.fiscalYear) + [
            DayWindow(first: day(2017, 4, 1), last: nil), DayWindow(first: nil, last: day(2017, 12, 31)),
            DayWindow(first: day(2017, 3, 31), last: day(2017, 4, 1)), DayWindow(first: day(2017, 12, 31), last: day(2017, 12, 31)),
            DayWindow(first: nil, last: day(2016, 12, 31)), DayWindow(first: day(2018, 1, 1), last: nil), DayWindow(first: nil, last: nil),
        ]
    }()

    /// A store of one event per date form.
    static func datedStore() throws -> (Store, [Event]) {
        var dataset = TestDatasets.minimal()
        let template = dataset.events[0]
        dataset.events = dates.enumerated().map { i, date in
            var event = template
            event.id = "ev-date-\(i)"
            event.series = nil
            event.ordinal = nil
            event.date = date
            return event
        }
        dataset.attributions = []
        return (try Store.inMemory(dataset), dataset.events)
    }

    func placements(_ selection: EventSelection, in store: Store) throws -> [String: DayWindow.Placement] {
        var found: [String: DayWindow.Placement] = [:]
        try store.forEachEvent(selection) { event, placement in found[event.id] = placement }
        return found
    }

    @Test("SQL places every form of date in every window as DayWindow does")
    func placementMatchesDayWindow() throws {
        let (store, events) = try Self.datedStore()
        for window in Self.windows {
            for asRange in [false, true] {
                var selection = EventSelection()
                if asRange { selection.range = window } else { selection.periods = [window] }
                selection.includeUndetermined = true
                let expected = Dictionary(uniqueKeysWithValues: events.compactMap { e -> (String, DayWindow.Placement)? in
                    let p = window.place(earliest: e.date.earliest, latest: e.date.latest)
                    return p == .outside ? nil : (e.id, p)
                })
                #expect(try placements(selection, in: store) == expected, "\(window) as \(asRange ? "range" : "period")")
                selection.includeUndetermined = false
                #expect(try placements(selection, in: store) == expected.filter { $0.value == .inside }, "\(window), inside only")
            }
        }
    }

    @Test("Several periods and a range combine in SQL as EventFilter combines them")
    func combinedWindows() throws {
        let (store, events) = try Self.datedStore()
        let periods: [[DayWindow]] = [
            [.calendarYear(2016), .calendarYear(2018)], [.fiscalYear(2016), .calendarYear(2017)], [.fiscalYear(2017), .fiscalYear(2015)],
        ]
        let ranges: [DayWindow?] = [nil, .between(PartialDate(year: 2017, month: 6), nil), .between(nil, PartialDate(year: 2017)),
                                    .between(PartialDate(year: 2016), PartialDate(year: 2017, month: 9))]
        for p in periods {
            for r in ranges {
                var filter = EventFilter()
                filter.periods = p
                filter.range = r
                filter.includeUndetermined = true
                let expected = Dictionary(uniqueKeysWithValues: events.compactMap { e -> (String, DayWindow.Placement)? in
                    let placement = filter.matches(e)
                    return placement == .outside ? nil : (e.id, placement)
                })
                #expect(try placements(filter.selection, in: store) == expected, "\(p) and \(String(describing: r))")
            }
        }
    }

    /// The dataset in `data/`, in a store in memory, with its events as the Swift reference reads them.
    static let embedded: (store: Store, events: [Event], catalog: ActorCatalog)? = {
        guard var dataset = DatasetLoader().load(directory: TestSupport.root + "/data").dataset else { return nil }
        dataset.computeDerivedValues()
        guard let store = try? Store.inMemory(dataset), let catalog = try? ActorCatalog(store: store) else { return nil }
        var events: [Event] = []
        try? store.forEachEvent { events.append($0) }
        return (store, events, catalog)
    }()

    static func filters(_ catalog: ActorCatalog) throws -> [EventFilter] {
        func filter(_ change: (inout EventFilter) throws -> Void) rethrows -> EventFilter {
            var f = EventFilter()
            try change(&f)
            return f
        }
        var filters = [
            filter { _ in }, filter { $0.includeRetired = true }, filter { $0.includeUndetermined = true },
            filter { $0.periods = [.calendarYear(2017)] }, filter { $0.periods = [.fiscalYear(2021)]; $0.includeUndetermined = true },
            filter { $0.periods = [.calendarYear(2016), .fiscalYear(2019)] },
            filter { $0.range = .between(PartialDate(year: 2015, month: 6), PartialDate(year: 2019)); $0.includeUndetermined = true },
            filter { $0.range = .between(nil, PartialDate(year: 2012)) },
            filter { $0.kinds = ["consultation"] }, filter { $0.kinds = ["exercise", "training"]; $0.periods = [.fiscalYear(2022)] },
            filter { $0.series = ["sr-cshq-meetings"] }, filter { $0.themes = ["th-cb"] }, filter { $0.sources = ["src-nisc-2019-status"] },
            filter { $0.text = "cyber" }, filter { $0.text = "演習" }, filter { $0.text = "CYBER dialogue" }, filter { $0.text = "ASEAN"; $0.includeRetired = true },
        ]
        filters.append(try filter { $0.partners = [catalog.members(of: try catalog.resolve("US"))] })
        filters.append(try filter { $0.partners = [catalog.members(of: try catalog.resolve("中・韓"))] })
        filters.append(try filter { $0.partners = try ["CN", "KR", "EU"].map { catalog.members(of: try catalog.resolve($0)) }; $0.kinds = ["consultation"] })
        filters.append(try filter { $0.actors = [try catalog.resolve("jp-mofa"), try catalog.resolve("US")] })
        filters.append(try filter { $0.actors = [try catalog.resolve("jp-mod")]; $0.periods = [.calendarYear(2021)]; $0.includeUndetermined = true })
        return filters
    }

    @Test("events and count on the embedded dataset: SQL gives what the Swift filter and counter give")
    func embeddedDataset() throws {
        let (store, events, catalog) = try #require(Self.embedded)
        #expect(events.count > 100)
        for filter in try Self.filters(catalog) {
            let expected = events.compactMap { e -> String? in
                let placement = filter.matches(e)
                return placement == .outside ? nil : "\(e.id) \(placement)"
            }
            var actual: [String] = []
            try store.forEachEvent(filter.selection) { e, placement in actual.append("\(e.id) \(placement)") }
            #expect(actual == expected, "\(filter.selection)")

            for dimensions in [[EventCounter.Dimension.year], [.fy], [.kind, .year], [.family, .fy], [.partner, .year], [.fy, .partner],
                               [.series], [.theme, .kind], [.source, .year]] {
                var reference = try EventCounter(by: dimensions, catalog: catalog)
                var counting = filter
                counting.includeUndetermined = true
                for e in events where counting.matches(e) != .outside {
                    if filter.includeUndetermined || counting.matches(e) == .inside { reference.add(e) }
                }
                var counter = try EventCounter(by: dimensions, catalog: catalog)
                try store.countEvents(filter.selection, by: counter.storeKeys) { group in
                    if group.placement == .inside || (group.placement == .undetermined && filter.includeUndetermined) { counter.add(group) }
                }
                #expect(counter.table().rendered(.csv) == reference.table().rendered(.csv), "\(dimensions) \(filter.selection)")
            }
        }
    }

    @Test("Short queries find, through the short-query index, exactly the fields instr() found")
    func shortQueries() throws {
        let (store, _, _) = try #require(Self.embedded)
        #expect(store.hasSearchGrams)
        let dataset = try #require(DatasetLoader().load(directory: TestSupport.root + "/data").dataset)
        // instr(lower(text), term): A-Z lowered in the text, the term lowered as the search lowers it.
        func scalars(_ s: String) -> [Unicode.Scalar] {
            s.unicodeScalars.map { (65...90).contains($0.value) ? Unicode.Scalar($0.value + 32)! : $0 }
        }
        for query in ["演習", "協議", "訓練", "支援", "米", "日", "の", "us", "EU", "a", "（", "、", "20", " 2", "é"] {
            let term = Array(query.lowercased().unicodeScalars)
            var expected: [String] = []
            for record in dataset.allRecords {
                for field in record.searchableFields {
                    let text = scalars(field.text)
                    let found = text.count >= term.count && (0...(text.count - term.count)).contains { Array(text[$0..<$0 + term.count]) == term }
                    if found { expected.append("\(record.collection.rawValue) \(record.base.id) \(field.name) \(field.language)") }
                }
            }
            var actual: [String] = []
            try store.forEachField(containing: query) { f in
                actual.append("\(f.collection.rawValue) \(f.record) \(f.field) \(f.language)")
                return true
            }
            #expect(actual.sorted() == expected.sorted(), "\(query)")
        }
    }

    @Test("The short-query tokens of a text are exactly its one- and two-character stretches")
    func gramTokens() {
        for text in TestDatasets.hostileTexts + ["演習ASEAN", "aAa", ""] {
            let tokens = Set(SearchGrams.document(of: text).split(separator: " ").map(String.init))
            let lowered = String(String.UnicodeScalarView(text.unicodeScalars.map { (65...90).contains($0.value) ? Unicode.Scalar($0.value + 32)! : $0 }))
            let scalars = Array(lowered.unicodeScalars)
            var stretches = Set<String>()
            for i in scalars.indices {
                stretches.insert(String(scalars[i]))
                if i + 1 < scalars.count { stretches.insert(String(String.UnicodeScalarView([scalars[i], scalars[i + 1]]))) }
            }
            #expect(tokens == Set(stretches.compactMap(SearchGrams.token(for:))), "\(text)")
        }
        // Each token once, in order of first occurrence: the pair before the character it ends on.
        #expect(SearchGrams.document(of: "演習 Ab") == "6f14 6f14x7fd2 7fd2 7fd2x20 20 20x61 61 61x62 62")
        #expect(SearchGrams.document(of: "aAa\u{0}\u{10FFFF}") == "61 61x61 61x0 0 0x10ffff 10ffff")
    }
}

@Suite("Search scoring counts occurrences literally")
struct SearchOccurrenceTests {
    @Test("On every field of the embedded dataset, the literal count is Foundation's count")
    func literalCountsMatchFoundation() throws {
        let dataset = try #require(DatasetLoader().load(directory: TestSupport.root + "/data").dataset)
        func foundation(_ needle: String, _ text: String) -> Int {
            var count = 0
            var range = text.startIndex..<text.endIndex
            while let found = text.range(of: needle, range: range) {
                count += 1
                range = found.upperBound..<text.endIndex
            }
            return count
        }
        let needles = ["演習", "協議", "訓練", "支援", "米", "日", "の", "asean", "us", "eu", "cyber dialogue", "サイバー", "a", "、", "ー", "が", "か"]
        for record in dataset.allRecords {
            for field in record.searchableFields {
                let text = field.text.lowercased()
                for needle in needles {
                    #expect(RecordSearch.occurrences(of: needle, in: text) == foundation(needle, text), "\(record.base.id) \(field.name): \(needle)")
                }
            }
        }
        #expect(RecordSearch.occurrences(of: "aa", in: "aaaaa") == 2)
        #expect(RecordSearch.occurrences(of: "", in: "abc") == 0)
    }
}
