import ArgumentParser
import Foundation
import RenkeiModel
import RenkeiQuery
import RenkeiStore

/// How the query commands print: the format, and the language of titles and names.
struct OutputOptions: ParsableArguments {
    @Option(help: "The output format: text (an aligned table), csv, json, jsonl or markdown.")
    var format: String = "text"

    @Option(help: "The language of titles and names: ja or en (default: from the locale, LANG).")
    var lang: String?

    func validate() throws {
        guard OutputFormat(rawValue: format) != nil else {
            throw ValidationError("'\(format)' is not a format: use \(OutputFormat.allCases.map(\.rawValue).joined(separator: ", ")).")
        }
        if let lang, !["ja", "en"].contains(lang) { throw ValidationError("'\(lang)' is not a language: use ja or en.") }
    }

    var outputFormat: OutputFormat { OutputFormat(rawValue: format) ?? .text }

    /// `--lang`, else Japanese when the locale is Japanese, else English.
    var language: String {
        if let lang { return lang }
        let environment = ProcessInfo.processInfo.environment
        let locale = environment["LC_ALL"].flatMap { $0.isEmpty ? nil : $0 } ?? environment["LANG"] ?? ""
        return locale.hasPrefix("ja") ? "ja" : "en"
    }
}

/// The filters `events` and `count` share.
struct EventFilterOptions: ParsableArguments {
    @Option(help: "A calendar year (repeatable).")
    var year: [Int] = []

    @Option(help: "A fiscal year, April to March, named by the year it starts in (repeatable).")
    var fy: [Int] = []

    @Option(help: "The first date, as 2017, 2017-12 or 2017-12-05.")
    var from: String?

    @Option(help: "The last date, as 2018, 2018-03 or 2018-03-31.")
    var until: String?

    @Option(help: "An event kind, or a family such as consultation (repeatable; any of them).")
    var kind: [String] = []

    @Option(help: "A partner by id, alias or name: US, 米国, United States (repeatable; any of them).")
    var partner: [String] = []

    @Option(help: "An actor that took part, by id, alias or name (repeatable; all of them).")
    var actor: [String] = []

    @Option(help: "A series id (repeatable).")
    var series: [String] = []

    @Option(help: "A theme id (repeatable).")
    var theme: [String] = []

    @Option(help: "A source id: events citing it (repeatable).")
    var source: [String] = []

    @Option(help: "Words that must appear in the title or summary, in either language.")
    var text: String?

    @Flag(help: "Also give events whose date is too coarse to tell whether they fall in the period.")
    var includeUndetermined = false

    @Flag(help: "Also give retired records (deprecated or replaced), which counts leave out by default.")
    var includeRetired = false

    func validate() throws {
        for y in year + fy where !QueryPeriod.plausibleYears.contains(y) {
            throw ValidationError("\(y) is not a year this record covers: give a year between \(QueryPeriod.plausibleYears.lowerBound) and \(QueryPeriod.plausibleYears.upperBound), such as 2017.")
        }
        for (name, value) in [("--from", from), ("--until", until)] {
            if let value, QueryPeriod.parseDate(value) == nil {
                throw ValidationError("'\(value)' is not a date for \(name): write 2017, 2017-12 or 2017-12-05.")
            }
        }
        for k in kind {
            do { try EventFilter.checkKind(k) } catch { throw ValidationError(error.message) }
        }
    }

    /// The filter, with partners and actors resolved and ids checked against the store.
    func filter(store: Store, catalog: ActorCatalog) throws -> EventFilter {
        var filter = EventFilter()
        filter.periods = year.map(QueryPeriod.Window.calendarYear) + fy.map(QueryPeriod.Window.fiscalYear)
        if from != nil || until != nil {
            filter.range = .between(from.flatMap(QueryPeriod.parseDate), until.flatMap(QueryPeriod.parseDate))
        }
        filter.kinds = Set(kind)
        filter.partners = try partner.map { catalog.members(of: try catalog.resolve($0)) }
        filter.actors = try actor.map { try catalog.resolve($0, what: "actor") }
        for (ids, collection) in [(series, Collection.series), (theme, .themes), (source, .sources)] {
            for id in ids where try store.collection(of: id) != collection {
                var nearest = NearestIDs(to: id)
                try store.forEachRecord(in: collection) { nearest.add($0.id) }
                throw QueryError(.usage, "no \(collection.entityType) has the id '\(id)'.\(nearest.sentence)")
            }
        }
        filter.series = Set(series)
        filter.themes = Set(theme)
        filter.sources = Set(source)
        filter.text = text
        filter.includeUndetermined = includeUndetermined
        filter.includeRetired = includeRetired
        return filter
    }
}

extension QueryError {
    /// The error as the driver reports it: the message on standard error and the documented code.
    var failure: CommandFailure { CommandFailure(code: exitCode, message: "renkei: \(message)") }
}

/// Runs a query command's body, turning a ``QueryError`` into its message and exit code.
func answering(_ body: () throws -> Void) throws {
    do {
        try body()
    } catch let error as QueryError {
        throw error.failure
    }
}

/// Writes text to standard output as it is produced.
func write(_ text: String) {
    FileHandle.standardOutput.write(Data(text.utf8))
}
