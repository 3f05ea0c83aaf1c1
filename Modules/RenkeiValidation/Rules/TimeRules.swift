import RenkeiModel

/// Ranges run forward, and a range's end is written at the precision of its start.
struct DateRangeRule: RecordRule {
    let id = "date-range"
    let severity = Severity.error
    let summary = "A range's 'end' is not before its start (events, memberships)."
    let examples: [RuleExample] = [
        .breaking("""
            events:
              - id: ev-2018-example
                kind: exercise
                title: {ja: 例, en: Example}
                date: 2018-06
                end: 2018-03
                participants: [{actor: JP, role: participant}]
                sources: [{source: src-example, locator: 表1}]
            """),
        .passing("""
            events:
              - id: ev-2018-example
                kind: exercise
                title: {ja: 例, en: Example}
                date: 2018-03
                end: 2018-06
                participants: [{actor: JP, role: participant}]
                sources: [{source: src-example, locator: 表1}]
            """),
    ]

    func check(_ record: AnyRecord, in data: ValidationContext) -> [Diagnostic] {
        switch record {
        case .event(let e):
            guard let end = e.end, let start = e.date.earliest, end.lastDay < start else { return [] }
            return [finding("the event ends (\(end)) before it starts (\(e.date))", record: e, path: "end")]
        case .membership(let m):
            guard let start = m.start, let end = m.end, end.lastDay < start.firstDay else { return [] }
            return [finding("the post ends (\(end)) before it starts (\(start))", record: m, path: "end")]
        default:
            return []
        }
    }
}

/// A range's end has the precision of its start, so the span reads one way.
struct DatePrecisionRule: RecordRule {
    let id = "date-precision"
    let severity = Severity.warning
    let summary = "An event's 'end' is written at the same precision as its 'date' (a day with a day, a month with a month)."
    let examples: [RuleExample] = [
        .breaking("""
            events:
              - id: ev-2018-example
                kind: exercise
                title: {ja: 例, en: Example}
                date: 2018-03-01
                end: 2018
                participants: [{actor: JP, role: participant}]
                sources: [{source: src-example, locator: 表1}]
            """),
        .passing("""
            events:
              - id: ev-2018-example
                kind: exercise
                title: {ja: 例, en: Example}
                date: 2018-03-01
                end: 2018-03-03
                participants: [{actor: JP, role: participant}]
                sources: [{source: src-example, locator: 表1}]
            """),
    ]

    func check(_ record: AnyRecord, in data: ValidationContext) -> [Diagnostic] {
        guard case .event(let e) = record, let end = e.end else { return [] }
        guard let start = e.date.exact else {
            return [finding("'end' needs a 'date' known to a day, month or year, but 'date' is \(e.date.precision) (\(e.date))", record: e, path: "end")]
        }
        guard end.precision != start.precision else { return [] }
        return [finding("'end' is a \(end.precision.rawValue) but 'date' is a \(start.precision.rawValue): write both at one precision", record: e, path: "end")]
    }
}

/// A source cannot report what happened after it was written.
struct DateAfterSourceRule: RecordRule {
    let id = "date-after-source"
    let severity = Severity.warning
    let summary = "An event does not start after the date of every source that cites it (a plan reported in advance is suppressed with its reason)."
    let examples: [RuleExample] = [
        .breaking("""
            events:
              - id: ev-2020-example
                kind: exercise
                title: {ja: 例, en: Example}
                date: 2020-05
                participants: [{actor: JP, role: participant}]
                sources: [{source: src-example, locator: 表1}]
            """),
        .passing("""
            events:
              - id: ev-2018-example
                kind: exercise
                title: {ja: 例, en: Example}
                date: 2018-05
                participants: [{actor: JP, role: participant}]
                sources: [{source: src-example, locator: 表1}]
            """),
    ]

    func check(_ record: AnyRecord, in data: ValidationContext) -> [Diagnostic] {
        guard case .event(let e) = record else { return [] }
        let dates = e.sources.compactMap { data.sourceDates[$0.source] }
        guard let latest = dates.max(by: { $0.lastDay < $1.lastDay }), let start = e.date.earliest, start > latest.lastDay else { return [] }
        return [finding("the event (\(e.date)) is dated after its latest citing source (\(latest))", record: e, path: "date")]
    }
}

/// Within a series, a later meeting has a higher ordinal.
struct SeriesOrdinalOrderRule: RecordRule, SetRule {
    let id = "series-ordinal-order"
    let severity = Severity.error
    let summary = "Within a series, ordinals rise with dates, and no ordinal is used twice; an ordinal needs a series."
    let examples: [RuleExample] = [
        .breaking("""
            events:
              - id: ev-2017-dialogue-5
                kind: bilateral-consultation
                title: {ja: 第5回日米対話, en: 5th Japan-US Dialogue}
                series: sr-jp-us-dialogue
                ordinal: 5
                date: 2017
                participants: [{actor: JP, role: participant}, {actor: US, role: participant}]
                sources: [{source: src-example, locator: 表1}]
              - id: ev-2018-dialogue-4
                kind: bilateral-consultation
                title: {ja: 第4回日米対話, en: 4th Japan-US Dialogue}
                series: sr-jp-us-dialogue
                ordinal: 4
                date: 2018
                participants: [{actor: JP, role: participant}, {actor: US, role: participant}]
                sources: [{source: src-example, locator: 表1}]
            """),
        .passing("""
            events:
              - id: ev-2017-dialogue-1
                kind: bilateral-consultation
                title: {ja: 第1回日米対話, en: 1st Japan-US Dialogue}
                series: sr-jp-us-dialogue
                ordinal: 1
                date: 2017
                participants: [{actor: JP, role: participant}, {actor: US, role: participant}]
                sources: [{source: src-example, locator: 表1}]
              - id: ev-2018-dialogue-2
                kind: bilateral-consultation
                title: {ja: 第2回日米対話, en: 2nd Japan-US Dialogue}
                series: sr-jp-us-dialogue
                ordinal: 2
                date: 2018
                participants: [{actor: JP, role: participant}, {actor: US, role: participant}]
                sources: [{source: src-example, locator: 表1}]
            """),
    ]

    func check(_ record: AnyRecord, in data: ValidationContext) -> [Diagnostic] {
        guard case .event(let e) = record, let ordinal = e.ordinal else { return [] }
        var out: [Diagnostic] = []
        if e.series == nil { out.append(finding("an ordinal needs a series: add 'series'", record: e, path: "ordinal")) }
        if ordinal < 1 { out.append(finding("ordinal \(ordinal) must be 1 or more", record: e, path: "ordinal")) }
        return out
    }

    func check(_ data: ValidationContext) -> [Diagnostic] {
        var out: [Diagnostic] = []
        data.records.forEachSeries { _, events in
            let sorted = events.filter { $0.ordinal != nil }.sorted { ($0.ordinal!, $0.id) < ($1.ordinal!, $1.id) }
            for (a, b) in zip(sorted, sorted.dropFirst()) {
                if a.ordinal == b.ordinal {
                    out.append(finding("ordinal \(b.ordinal!) of '\(b.series!)' is also used by '\(a.id)'", record: b, path: "ordinal"))
                } else if let bLast = b.date.latest, let aFirst = a.date.earliest, bLast < aFirst {
                    out.append(finding("ordinal \(b.ordinal!) (\(b.date)) is dated before ordinal \(a.ordinal!) (\(a.date), '\(a.id)')", record: b, path: "ordinal"))
                }
            }
        }
        return out
    }
}

/// A series' numbered meetings have no unexplained gaps.
struct SeriesOrdinalGapRule: SetRule {
    let id = "series-ordinal-gap"
    let severity = Severity.warning
    let summary = "A series' ordinals run 1, 2, 3, … without gaps, counting un-numbered meetings dated before the highest ordinal as possible fillers; a gap names the missing ordinals."
    let examples: [RuleExample] = [
        .breaking("""
            events:
              - id: ev-2018-dialogue-3
                kind: bilateral-consultation
                title: {ja: 第3回日米対話, en: 3rd Japan-US Dialogue}
                series: sr-jp-us-dialogue
                ordinal: 3
                date: 2018
                participants: [{actor: JP, role: participant}, {actor: US, role: participant}]
                sources: [{source: src-example, locator: 表1}]
            """),
        .passing("""
            events:
              - id: ev-2016-dialogue
                kind: bilateral-consultation
                title: {ja: 日米対話, en: Japan-US Dialogue}
                series: sr-jp-us-dialogue
                date: 2016
                participants: [{actor: JP, role: participant}, {actor: US, role: participant}]
                sources: [{source: src-example, locator: 表1}]
              - id: ev-2017-dialogue-2
                kind: bilateral-consultation
                title: {ja: 第2回日米対話, en: 2nd Japan-US Dialogue}
                series: sr-jp-us-dialogue
                ordinal: 2
                date: 2017
                participants: [{actor: JP, role: participant}, {actor: US, role: participant}]
                sources: [{source: src-example, locator: 表1}]
            """),
    ]

    func check(_ data: ValidationContext) -> [Diagnostic] {
        var out: [Diagnostic] = []
        data.records.forEachSeries { series, events in
            let numbered = events.filter { $0.ordinal != nil }
            guard let top = numbered.max(by: { $0.ordinal! < $1.ordinal! }), (2...10_000).contains(top.ordinal!) else { return }
            let present = Set(numbered.map { $0.ordinal! })
            let missing = (1..<top.ordinal!).filter { !present.contains($0) }
            let fillers = events.filter { e in e.ordinal == nil && DayWindow(first: nil, last: top.date.latest).place(e.date) != .outside }.count
            guard missing.count > fillers else { return }
            let list = missing.prefix(20).map(String.init).joined(separator: ", ") + (missing.count > 20 ? ", …" : "")
            let note = fillers > 0 ? " (\(fillers) un-numbered meeting\(fillers == 1 ? "" : "s") may be among them)" : ""
            out.append(finding("series '\(series)' has no meeting numbered \(list) before ordinal \(top.ordinal!)\(note)", record: top, path: "ordinal"))
        }
        return out
    }
}

/// An event's kind agrees with its series' kind.
struct SeriesKindRule: RecordRule {
    let id = "series-kind"
    let severity = Severity.warning
    let summary = "An event in a series has the series' kind."
    let examples: [RuleExample] = [
        .breaking("""
            events:
              - id: ev-2018-example
                kind: exercise
                title: {ja: 例, en: Example}
                series: sr-jp-us-dialogue
                date: 2018
                participants: [{actor: JP, role: participant}]
                sources: [{source: src-example, locator: 表1}]
            """),
        .passing("""
            events:
              - id: ev-2018-example
                kind: bilateral-consultation
                title: {ja: 例, en: Example}
                series: sr-jp-us-dialogue
                date: 2018
                participants: [{actor: JP, role: participant}]
                sources: [{source: src-example, locator: 表1}]
            """),
    ]

    func check(_ record: AnyRecord, in data: ValidationContext) -> [Diagnostic] {
        guard case .event(let e) = record, let s = e.series,
            let kind = data.seriesKinds[s], kind != e.kind
        else { return [] }
        return [finding("the event is a '\(e.kind)' but its series '\(s)' is a '\(kind)'", record: e, path: "kind")]
    }
}

/// A source's own date is not the date of what it lists: examples a document names without a
/// date must not borrow the document's date, or per-year counts place them in a year the source
/// never names.
struct DateStandInRule: SetRule {
    let id = "date-stand-in"
    let severity = Severity.warning
    let summary = "Events that cite one passage of one source and are all dated at (or around) that source's own date, with no date_note, look like undated examples given the document's date: write `..DATE` (not later than) or `undated`, or explain the date in date_note."
    let examples: [RuleExample] = [
        .breaking("""
            events:
              - id: ev-2019-example-training
                kind: training
                title: {ja: 研修, en: Training}
                date: 2019-01
                participants: [{actor: JP, role: organiser}]
                sources: [{source: src-example, locator: 表1}]
              - id: ev-2019-example-seminar
                kind: seminar
                title: {ja: セミナー, en: Seminar}
                date: 2019
                participants: [{actor: JP, role: organiser}]
                sources: [{source: src-example, locator: 表1}]
            """),
        .passing("""
            events:
              - id: ev-example-training
                kind: training
                title: {ja: 研修, en: Training}
                date: ..2019-01
                date_note: not later than the report's date; the report lists it among examples without a date
                participants: [{actor: JP, role: organiser}]
                sources: [{source: src-example, locator: 表1}]
              - id: ev-example-seminar
                kind: seminar
                title: {ja: セミナー, en: Seminar}
                date: undated
                participants: [{actor: JP, role: organiser}]
                sources: [{source: src-example, locator: 表1}]
            """),
    ]

    func check(_ data: ValidationContext) -> [Diagnostic] {
        // Per (source, locator): the events whose only citation it is and whose exact date spans
        // the source's own date, without a note on how the date was found.
        var out: [Diagnostic] = []
        data.records.forEachPassage { citing in
            let events = citing.filter { e in
                guard e.dateNote == nil, let date = e.date.exact, let own = data.sourceDates[e.sources[0].source] else { return false }
                return date.firstDay <= own.firstDay && own.lastDay <= date.lastDay
            }
            guard events.count > 1 else { return }
            for e in events {
                let own = data.sourceDates[e.sources[0].source]!
                out.append(finding(
                    "the event is dated \(e.date), the date of its only source '\(e.sources[0].source)' (\(own)), as are \(events.count - 1) other event(s) citing the same passage: if the passage lists them without dates, write '..\(own.iso)' (not later than) or 'undated'; otherwise explain the date in date_note",
                    record: e, path: "date"))
            }
        }
        return out
    }
}
