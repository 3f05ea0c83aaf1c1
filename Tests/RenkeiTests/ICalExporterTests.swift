import ExportICal
import Foundation
import RenkeiExport
import RenkeiModel
import RenkeiTesting
import Testing

@Suite("Exporter: ical (iCalendar, RFC 5545)")
struct ICalExporterTests {
    let entry = ExporterRegistry.Entry(ICalExporter.self)
    static let path = "calendar/renkei.ics"

    static func text(_ files: [String: Data]) throws -> String { String(decoding: try #require(files[path]), as: UTF8.self) }

    /// The calendar's content lines, unfolded, grouped by the UID of their VEVENT.
    static func events(_ calendar: String) -> [String: [String]] {
        let unfolded = calendar.replacingOccurrences(of: "\r\n ", with: "")
        var out: [String: [String]] = [:]
        var current: [String] = []
        for line in unfolded.components(separatedBy: "\r\n") {
            if line == "BEGIN:VEVENT" { current = [] }
            current.append(line)
            if line == "END:VEVENT", let uid = current.first(where: { $0.hasPrefix("UID:") }) {
                out[String(uid.dropFirst(4))] = current
            }
        }
        return out
    }

    @Test("Passes the conformance kit: one VEVENT per event")
    func conformance() {
        let kit = ExporterConformance(entry: entry, markup: .calendar) { files in
            let text = try Self.text(files)
            return [.events: text.components(separatedBy: "\r\nBEGIN:VEVENT\r\n").count - 1]
        }
        let problems = kit.run()
        #expect(problems.isEmpty, "\(problems)")
    }

    @Test("Keeps the date's precision: a day, a month and a fiscal year as all-day spans")
    func dates() throws {
        let events = Self.events(try Self.text(try ExporterHarness.run(entry, on: TestDatasets.minimal())))
        let day = try #require(events["ev-2018-07-test-dialogue-1@test"])
        #expect(day.contains("DTSTART;VALUE=DATE:20180703"))
        #expect(day.contains("DTEND;VALUE=DATE:20180704"))
        #expect(day.contains("X-RENKEI-PRECISION:day"))
        #expect(day.contains("DTSTAMP:20190101T000000Z"), "the newest cited source's date")

        let month = try #require(events["ev-2018-12-test-attribution@test"])
        #expect(month.contains("DTSTART;VALUE=DATE:20181201"))
        #expect(month.contains("DTEND;VALUE=DATE:20190101"))
        #expect(month.contains("X-RENKEI-PRECISION:month"))
        #expect(month.contains { $0.hasPrefix("DESCRIPTION:") && $0.contains("known to the month only") })

        let fiscal = try #require(events["ev-2017-test-exercise@test"])
        #expect(fiscal.contains("DTSTART;VALUE=DATE:20170401"))
        #expect(fiscal.contains("DTEND;VALUE=DATE:20180401"))
        #expect(fiscal.contains("X-RENKEI-PRECISION:fiscal-year"))
        #expect(fiscal.contains("X-RENKEI-DATE:FY2017"))
        #expect(fiscal.contains { $0.hasPrefix("DESCRIPTION:") && $0.contains("Japanese fiscal year (1 April to 31 March)") })
    }

    @Test("DTSTAMP is the dataset's release day when it has one (last revised in the store, RFC 5545 3.8.7.2)")
    func stampFromRelease() throws {
        var dataset = TestDatasets.minimal()
        dataset.info.released = PartialDate(year: 2020, month: 5, day: 1)
        let events = Self.events(try Self.text(try ExporterHarness.run(entry, on: dataset)))
        #expect(!events.isEmpty)
        for (uid, lines) in events { #expect(lines.contains("DTSTAMP:20200501T000000Z"), "\(uid)") }
    }

    @Test("Summary, location and categories are bilingual")
    func bilingual() throws {
        let events = Self.events(try Self.text(try ExporterHarness.run(entry, on: TestDatasets.minimal())))
        let event = try #require(events["ev-2018-07-test-dialogue-1@test"])
        #expect(event.contains("SUMMARY:第1回日米対話 / 1st Japan-US Dialogue"))
        #expect(event.contains("LOCATION:東京\\, 日本国 / Tokyo\\, Japan"))
        #expect(event.contains("CATEGORIES:bilateral-consultation,試験分野,Test area"))
        #expect(event.filter { $0.hasPrefix("CATEGORIES") }.count == 1, "one CATEGORIES line: ics and icalevents reject several")
        #expect(event.contains { $0.hasPrefix("DESCRIPTION:両国が協力を確認した。\\nThe two sides confirmed cooperation.") })
    }

    @Test("Escapes text, ends lines with CRLF and folds them at 75 octets without splitting a character")
    func lines() throws {
        let data = try #require(try ExporterHarness.run(entry, on: TestDatasets.hostile())[Self.path])
        let bytes = [UInt8](data)
        for (i, byte) in bytes.enumerated() where byte == 0x0A { #expect(i > 0 && bytes[i - 1] == 0x0D) }
        var start = 0
        for i in bytes.indices where i + 1 < bytes.count && bytes[i] == 0x0D && bytes[i + 1] == 0x0A {
            let line = Array(bytes[start..<i])
            #expect(line.count <= 75)
            #expect(String(bytes: line, encoding: .utf8) != nil, "a fold splits a character")
            start = i + 2
        }
        #expect(ICalExporter.text("a\\b;c,d\ne\r\nf\u{7}g\th") == "a\\\\b\\;c\\,d\\ne\\nfg\th")
        let long = String(repeating: "日本", count: 40)
        let folded = ICalExporter.fold("SUMMARY:" + long)
        #expect(folded.replacingOccurrences(of: "\r\n ", with: "") == "SUMMARY:" + long + "\r\n")
        #expect(folded.utf8.split(separator: 0x0A).allSatisfy { $0.count <= 76 })
    }

    @Test("An empty dataset gives a valid calendar without events: one component, the time zone")
    func empty() throws {
        let text = try Self.text(try ExporterHarness.run(entry, on: TestDatasets.empty()))
        #expect(text.hasPrefix("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:"))
        #expect(text.hasSuffix("END:VTIMEZONE\r\nEND:VCALENDAR\r\n"))
        #expect(!text.contains("BEGIN:VEVENT"))
        #expect(!text.contains("METHOD:"), "METHOD:PUBLISH needs an ORGANIZER, which the data has not")
    }

    @Test("Parses with the icalendar library, one VEVENT per event whose date is a span (a start and an end)")
    func standard() throws {
        guard let (python, _) = StandardCheck.prerequisites("iCalendar check") else { return }
        for (name, dataset) in StandardCheck.datasets() {
            let files = try ExporterHarness.run(entry, on: dataset)
            let result = try StandardCheck.run(
                python, "check_ical.py", "\(name).ics", try #require(files[Self.path]), ["{}", String(dataset.events.filter { $0.date.earliest != nil && $0.date.latest != nil }.count)])
            #expect(result.code == 0, "\(name): \(result.output)")
        }
    }
}
