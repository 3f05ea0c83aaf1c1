/// What the sources let one know of when an event happened: a date at some precision, a bound
/// ("not later than", "not earlier than"), a span it lies somewhere in, or nothing at all.
///
/// Counts never guess: an event belongs to a period only when every day its date allows lies
/// inside that period (``earliest`` and ``latest``); otherwise it is undetermined for it.
///
/// Written in a source file as `2016-10` (or any form ``DateParser`` reads), `..2016-10`
/// (not later than), `2016-10..` (not earlier than), `2014..2016` (some time between) or
/// `undated`. The canonical text is EDTF: `2016-10`, `[..2016-10]`, `[2016-10..]`,
/// `[2014..2016]`; an undated event has none (JSON `null`).
public enum EventDate: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// Known to a precision: a day, a month, a year or a fiscal year.
    case on(PartialDate)
    /// On or before the last day of the date.
    case notAfter(PartialDate)
    /// On or after the first day of the date.
    case notBefore(PartialDate)
    /// Some time from the first day of the first date to the last day of the second.
    case between(PartialDate, PartialDate)
    /// The sources give no date and no bound.
    case undated

    /// The word written in a source file for an undated event.
    public static let undatedWord = "undated"

    /// How much is known, as the canonical JSON's `precision` says it: `day`, `month`, `year`,
    /// `fiscal-year`, or `not-after`, `not-before`, `between`, `undated`.
    public var precision: String {
        switch self {
        case .on(let date): date.precision.rawValue
        case .notAfter: "not-after"
        case .notBefore: "not-before"
        case .between: "between"
        case .undated: Self.undatedWord
        }
    }

    /// Every value `precision` can take.
    public static let precisions = PartialDate.Precision.allCases.map(\.rawValue) + ["not-after", "not-before", "between", "undated"]

    /// The date when it is known to a precision.
    public var exact: PartialDate? {
        if case .on(let date) = self { return date }
        return nil
    }

    /// The first day the event can have happened on; nil when the sources set no lower bound.
    public var earliest: PartialDate.Day? {
        switch self {
        case .on(let date), .notBefore(let date), .between(let date, _): date.firstDay
        case .notAfter, .undated: nil
        }
    }

    /// The last day the event can have happened on; nil when the sources set no upper bound.
    public var latest: PartialDate.Day? {
        switch self {
        case .on(let date), .notAfter(let date), .between(_, let date): date.lastDay
        case .notBefore, .undated: nil
        }
    }

    /// The calendar year, when every day the date allows lies in one.
    public var calendarYear: Int? {
        within(.year)
    }

    /// The fiscal year (April to March), when every day the date allows lies in one.
    public var fiscalYear: Int? {
        within(.fiscalYear)
    }

    /// The year of the one period of that kind every day the date allows lies in.
    private func within(_ period: Period) -> Int? {
        guard let first = earliest, let last = latest else { return nil }
        let a = period.year(of: first)
        return a == period.year(of: last) ? a : nil
    }

    /// The canonical text (EDTF), nil when undated.
    public var edtf: String? {
        switch self {
        case .on(let date): date.iso
        case .notAfter(let date): "[..\(date.iso)]"
        case .notBefore(let date): "[\(date.iso)..]"
        case .between(let a, let b): "[\(a.iso)..\(b.iso)]"
        case .undated: nil
        }
    }

    /// The canonical text, or `undated`.
    public var description: String {
        if case .on(let date) = self { return date.description }
        return edtf ?? Self.undatedWord
    }

    /// The year a reader looks the event up under: the year it lies in, or the year of its
    /// only bound; nil when undated.
    public var indexYear: Int? { calendarYear ?? earliest?.year ?? latest?.year }

    /// Orders by the first day the date allows (the last for an upper bound alone), then by
    /// the last; undated dates come last.
    public static func < (a: EventDate, b: EventDate) -> Bool {
        let ka = a.sortKey, kb = b.sortKey
        if ka.0 != kb.0 { return ka.0 < kb.0 }
        if ka.1 != kb.1 { return ka.1 < kb.1 }
        if ka.2 != kb.2 { return ka.2 < kb.2 }
        return (a.edtf ?? "") < (b.edtf ?? "")
    }

    private var sortKey: (Int, PartialDate.Day, PartialDate.Day) {
        let far = PartialDate.Day(year: 9999, month: 12, day: 31)
        guard let anchor = earliest ?? latest else { return (1, far, far) }
        return (0, anchor, latest ?? far)
    }

    /// Reads a date as written in a source file or in the canonical JSON; a relative side
    /// (本年, 先月) resolves from `anchor`. A fiscal year used as a bound becomes its months
    /// (`..FY2023` is `[..2024-03]`), so the canonical text reads back to the same value.
    public static func parse(_ text: String, anchor: PartialDate? = nil) -> Result<(date: EventDate, resolution: String?), DateParser.Failure> {
        let input = DateParser.normalize(text)
        if input == undatedWord { return .success((.undated, nil)) }
        var body = Substring(input)
        let bracketed = body.hasPrefix("[") && body.hasSuffix("]") && body.count >= 2
        if bracketed { body = body.dropFirst().dropLast() }
        guard let dots = body.range(of: "..") else {
            if bracketed {
                return .failure(.init(message: "'\(text)' is not a date: inside [ ] write ..D, D.. or A..B"))
            }
            return DateParser.parse(text, anchor: anchor).map { (.on($0.date), $0.resolution) }
        }
        let lower = String(body[..<dots.lowerBound]), upper = String(body[dots.upperBound...])
        if upper.contains("..") {
            return .failure(.init(message: "'\(text)' is not a date: write one '..' (..D, D.. or A..B)"))
        }
        var notes: [String] = []
        func side(_ s: String, asEnd: Bool) throws(DateParser.Failure) -> PartialDate? {
            guard !s.isEmpty else { return nil }
            switch DateParser.parse(s, anchor: anchor) {
            case .failure(let failure): throw failure
            case .success(let parsed):
                if let how = parsed.resolution { notes.append(how) }
                let date = parsed.date
                guard date.precision == .fiscalYear else { return date }
                return asEnd ? PartialDate(year: date.year + 1, month: 3) : PartialDate(year: date.year, month: 4)
            }
        }
        do {
            let a = try side(lower, asEnd: false), b = try side(upper, asEnd: true)
            let resolution = notes.isEmpty ? nil : notes.joined(separator: "; ")
            switch (a, b) {
            case (nil, nil):
                return .failure(.init(message: "'\(text)' is not a date: give at least one end, or write '\(undatedWord)'"))
            case (let a?, nil): return .success((.notBefore(a), resolution))
            case (nil, let b?): return .success((.notAfter(b), resolution))
            case (let a?, let b?):
                guard a.firstDay <= b.lastDay else {
                    return .failure(.init(message: "'\(text)' is not a date: its start (\(a.iso)) is after its end (\(b.iso))"))
                }
                if a == b { return .success((.on(a), resolution)) }
                return .success((.between(a, b), resolution))
            }
        } catch {
            return .failure(error)
        }
    }
}

extension EventDate: Codable {
    /// Decoded from the canonical text (or any form ``parse(_:anchor:)`` reads); `null` is undated.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .undated
            return
        }
        let text = try container.decode(String.self)
        switch Self.parse(text) {
        case .success(let parsed): self = parsed.date
        case .failure(let error):
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: error.message))
        }
    }

    /// Encoded as the canonical text, `null` when undated.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        if let edtf { try container.encode(edtf) } else { try container.encodeNil() }
    }
}
