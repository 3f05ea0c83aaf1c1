import RenkeiExport
import RenkeiModel

/// Writes every event as an all-day entry of one iCalendar file (`calendar/renkei.ics`,
/// RFC 5545), for calendar applications.
///
/// A date known only to the month, year or fiscal year becomes an all-day span over that whole
/// month, year or fiscal year, marked `X-RENKEI-PRECISION` and explained in the description —
/// never a made-up day; so does a date known to lie somewhere in a span. An event with no span
/// to show (undated, or known only to be not after or not before a date) is left out: a
/// calendar entry needs a start. `DTSTAMP` is the date of the newest source the event cites, so
/// the file depends on the data alone.
public final class ICalExporter: Exporter {
    public static let description = ExporterDescription(
        id: "ical", name: "iCalendar", files: ["calendar/renkei.ics"], mediaType: "text/calendar",
        summary: "Every event as an all-day calendar entry (RFC 5545) that keeps the precision of its date, for calendar applications.",
        version: "1.0.0")

    private var file: OutputFile?
    private var lookup: (any RecordLookup)?
    private var datasetName = ""
    /// The day the dataset was released: every event's `DTSTAMP` when known.
    private var released: PartialDate.Day?
    /// Events written so far: a calendar without any still needs a component.
    private var written = 0

    public init() {}

    public func begin(_ context: ExportContext) throws {
        let file = try context.output.create("calendar/renkei.ics")
        self.file = file
        lookup = context.lookup
        datasetName = context.info.name
        released = context.info.released?.firstDay
        var lines = [
            "BEGIN:VCALENDAR",
            "VERSION:2.0",
            "PRODID:-//Renkei//Renkei iCalendar exporter \(Self.description.version)//EN",
            "CALSCALE:GREGORIAN",
        ]
        let title = context.info.title.map { Self.bilingual($0) } ?? context.info.name
        lines.append("X-WR-CALNAME:" + Self.text(title))
        try file.write(lines.map(Self.fold).joined())
    }

    public func write(_ record: AnyRecord) throws {
        guard case .event(let event) = record, let file, let lines = vevent(event) else { return }
        try file.write(lines.map(Self.fold).joined())
        written += 1
    }

    public func finish() throws {
        guard let file else { return }
        if written == 0 { try file.write(Self.placeholderComponent.map(Self.fold).joined()) }
        try file.write(Self.fold("END:VCALENDAR"))
        try file.close()
    }

    // MARK: - One event

    /// The content lines of the event's VEVENT, unfolded; nil when its date has no span to show.
    func vevent(_ event: Event) -> [String]? {
        guard let first = event.date.earliest, let dateLast = event.date.latest else { return nil }
        let last = event.end?.lastDay ?? dateLast
        var lines = [
            "BEGIN:VEVENT",
            "UID:" + Self.text("\(event.id)@\(datasetName)"),
            "DTSTAMP:" + Self.dateTime(stamp(event, first: first)),
            "DTSTART;VALUE=DATE:" + Self.date(first),
            "DTEND;VALUE=DATE:" + Self.date(Self.dayAfter(last)),
            "X-RENKEI-PRECISION:" + event.date.precision,
        ]
        if let end = event.end, end.precision.rawValue != event.date.precision {
            lines.append("X-RENKEI-END-PRECISION:" + end.precision.rawValue)
        }
        lines.append("X-RENKEI-DATE:" + Self.text(Self.writtenDate(event)))
        // Corrections in later releases: SEQUENCE counts them, LAST-MODIFIED is the last one's day.
        if let history = lookup?.history(event.id, in: .events) {
            lines.append("SEQUENCE:\(history.changes)")
            if let day = Self.releaseDay(history.lastChanged) { lines.append("LAST-MODIFIED:" + Self.dateTime(day)) }
        }
        if event.isRetired {
            lines.append("STATUS:CANCELLED")
            if let successor = event.replacedBy { lines.append("RELATED-TO:" + Self.text("\(successor)@\(datasetName)")) }
        }
        lines.append("SUMMARY:" + Self.text(Self.bilingual(event.title)))
        if let location = location(event) { lines.append("LOCATION:" + Self.text(location)) }
        lines.append("CATEGORIES:" + categories(event).map(Self.text).joined(separator: ","))
        lines.append("DESCRIPTION:" + Self.text(description(event)))
        lines.append("TRANSP:TRANSPARENT")
        lines.append("END:VEVENT")
        return lines
    }

    /// The event's categories, for one `CATEGORIES` line: its kind, then the names of its themes
    /// in Japanese and in English (each name once).
    private func categories(_ event: Event) -> [String] {
        var out = [event.kind]
        for theme in event.themes {
            let name = lookup?.theme(theme)?.name ?? LocalizedText(ja: theme, en: theme)
            for text in [name.ja, name.en] where !out.contains(text) { out.append(text) }
        }
        return out
    }

    /// A calendar needs at least one component (RFC 5545, 3.6): one without events carries the
    /// time zone of Japan, which every date of the data belongs to, and nothing else.
    static let placeholderComponent = [
        "BEGIN:VTIMEZONE",
        "TZID:Asia/Tokyo",
        "BEGIN:STANDARD",
        "DTSTART:19700101T000000",
        "TZOFFSETFROM:+0900",
        "TZOFFSETTO:+0900",
        "TZNAME:JST",
        "END:STANDARD",
        "END:VTIMEZONE",
    ]

    /// `DTSTAMP`: in a calendar without `METHOD`, when the information was last revised in the
    /// calendar store (RFC 5545, 3.8.7.2) — the store being the dataset, the day of its release
    /// (`released`). A dataset without a release date falls back on the first day of the newest
    /// source the event cites, or of the event itself when that is later (a source known only
    /// to its year can seem older than the event it reports).
    private func stamp(_ event: Event, first: PartialDate.Day) -> PartialDate.Day {
        if let released { return released }
        let dates = event.sources.compactMap { lookup?.source($0.source)?.date.firstDay }
        return max(dates.max() ?? first, first)
    }

    /// `city, country / city, country`, Japanese first; nil when the event has no place.
    private func location(_ event: Event) -> String? {
        guard let place = event.location else { return nil }
        let country = place.country.map { lookup?.actor($0)?.name ?? LocalizedText(ja: $0, en: $0) }
        let parts = [place.city, country].compactMap { $0 }
        guard !parts.isEmpty else { return nil }
        let ja = parts.map(\.ja).joined(separator: ", ")
        let en = parts.map(\.en).joined(separator: ", ")
        return ja == en ? en : "\(ja) / \(en)"
    }

    /// Summary, outcomes, series, participants, attendees, how the date is shown, and sources,
    /// each in Japanese and English.
    private func description(_ event: Event) -> String {
        var blocks: [String] = []
        if let summary = event.summary { blocks.append(summary.ja == summary.en ? summary.en : summary.ja + "\n" + summary.en) }
        if !event.outcomes.isEmpty {
            blocks.append((["成果 / Outcomes:"] + event.outcomes.map { "- " + Self.bilingual($0) }).joined(separator: "\n"))
        }
        var facts: [String] = []
        if let seriesID = event.series {
            var line = "シリーズ / Series: " + Self.bilingual(lookup?.series(seriesID)?.name ?? LocalizedText(ja: seriesID, en: seriesID))
            if let ordinal = event.ordinal { line += "（第\(ordinal)回 / no. \(ordinal)）" }
            facts.append(line)
        }
        if !event.participants.isEmpty {
            let list = event.participants.map { "\(actorName($0.actor))（\($0.role)）" }
            facts.append("参加 / Participants: " + list.joined(separator: "; "))
        }
        if !event.persons.isEmpty {
            let list = event.persons.map { "\(Self.bilingual(lookup?.person($0.person)?.name ?? LocalizedText(ja: $0.person, en: $0.person)))（\($0.role)）" }
            facts.append("出席者 / Attendees: " + list.joined(separator: "; "))
        }
        if let note = Self.precisionNote(event) { facts.append("日付 / Date: " + Self.bilingual(note)) }
        if let note = event.dateNote { facts.append("日付の解決 / Date resolved: " + note) }
        if !facts.isEmpty { blocks.append(facts.joined(separator: "\n")) }
        let sources = event.sources.map { citation -> String in
            let source = lookup?.source(citation.source)
            var line = "- " + (source.map { Self.bilingual($0.title) } ?? citation.source) + ": " + citation.locator
            if let url = source?.url { line += " <\(url)>" }
            return line
        }
        blocks.append((["出典 / Sources:"] + sources).joined(separator: "\n"))
        return blocks.joined(separator: "\n\n")
    }

    private func actorName(_ id: String) -> String {
        Self.bilingual(lookup?.actor(id)?.name ?? LocalizedText(ja: id, en: id))
    }

    // MARK: - Dates

    /// The date as the data gives it: `2018-03`, `FY2023`, or `start/end` for a range.
    static func writtenDate(_ event: Event) -> String {
        event.end.map { "\(event.date)/\($0)" } ?? event.date.description
    }

    /// Explains the span when the start or the end is known to less than a day; nil otherwise.
    static func precisionNote(_ event: Event) -> LocalizedText? {
        guard let first = event.date.earliest, let dateLast = event.date.latest else { return nil }
        let last = event.end?.lastDay ?? dateLast
        if case .between = event.date {
            return LocalizedText(
                ja: "資料からは\(first)から\(last)までのいずれかの時点としか分からないため、その終日の期間として示す。",
                en: "The sources place it some time between \(first) and \(last) only; shown as an all-day span over that period.")
        }
        var precisions: [PartialDate.Precision] = []
        for date in (event.date.exact.map { [$0] } ?? []) + (event.end.map { [$0] } ?? []) where date.precision != .day && !precisions.contains(date.precision) {
            precisions.append(date.precision)
        }
        guard !precisions.isEmpty else { return nil }
        let ja = precisions.map { p -> String in
            switch p {
            case .month: "月"
            case .year: "年"
            case .fiscalYear: "年度（4月1日から翌年3月31日まで）"
            case .day: "日"
            }
        }.joined(separator: "・")
        let en = precisions.map { p -> String in
            switch p {
            case .month: "the month"
            case .year: "the year"
            case .fiscalYear: "the Japanese fiscal year (1 April to 31 March)"
            case .day: "the day"
            }
        }.joined(separator: " and ")
        return LocalizedText(
            ja: "資料の日付は\(writtenDate(event))で、\(ja)までしか分からないため、\(first)から\(last)までの終日の期間として示す。",
            en: "The source gives \(writtenDate(event)), known to \(en) only; shown as an all-day span from \(first) to \(last).")
    }

    /// The day after `day`.
    static func dayAfter(_ day: PartialDate.Day) -> PartialDate.Day {
        if day.day < PartialDate.daysIn(month: day.month, year: day.year) {
            return PartialDate.Day(year: day.year, month: day.month, day: day.day + 1)
        }
        if day.month < 12 { return PartialDate.Day(year: day.year, month: day.month + 1, day: 1) }
        return PartialDate.Day(year: day.year + 1, month: 1, day: 1)
    }

    /// A DATE value, `20180314`.
    static func date(_ day: PartialDate.Day) -> String { String(day.description.filter { $0 != "-" }) }

    /// A UTC DATE-TIME at midnight, `20190101T000000Z`.
    static func dateTime(_ day: PartialDate.Day) -> String { date(day) + "T000000Z" }

    /// A release day written `YYYY-MM-DD`, or nil.
    static func releaseDay(_ text: String) -> PartialDate.Day? {
        let parts = text.split(separator: "-").compactMap { Int($0) }
        guard parts.count == 3, let day = PartialDate(year: parts[0], month: parts[1], day: parts[2]) else { return nil }
        return day.firstDay
    }

    // MARK: - Text

    /// `ja / en`, or one of them when both are the same.
    static func bilingual(_ text: LocalizedText) -> String { text.ja == text.en ? text.en : "\(text.ja) / \(text.en)" }

    /// A TEXT value (RFC 5545, 3.3.11): backslash, semicolon and comma escaped, every line break
    /// written `\n`, and control characters other than tab dropped.
    public static func text(_ value: String) -> String {
        var out = ""
        out.reserveCapacity(value.utf8.count)
        var afterCR = false
        for scalar in value.unicodeScalars {
            defer { afterCR = scalar == "\r" }
            switch scalar {
            case "\\": out += "\\\\"
            case ";": out += "\\;"
            case ",": out += "\\,"
            case "\r": out += "\\n"
            case "\n": if !afterCR { out += "\\n" }
            case "\t": out.unicodeScalars.append(scalar)
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F { continue }
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// The content line folded into lines of at most 75 octets, each ended by CRLF; a fold
    /// never splits a character (nor, unless one is longer than a line, a grapheme cluster).
    public static func fold(_ line: String) -> String {
        var out = ""
        var used = 0
        var limit = 75
        func breakLine() {
            out += "\r\n "
            used = 0
            limit = 74
        }
        for character in line {
            let size = character.utf8.count
            if used + size <= limit {
                out.append(character)
                used += size
            } else if size <= 74 {
                breakLine()
                out.append(character)
                used = size
            } else {
                for scalar in character.unicodeScalars {
                    let scalarSize = String(scalar).utf8.count
                    if used + scalarSize > limit { breakLine() }
                    out.unicodeScalars.append(scalar)
                    used += scalarSize
                }
            }
        }
        return out + "\r\n"
    }
}
