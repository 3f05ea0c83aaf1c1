import ArgumentParser
import Foundation
import RenkeiModel
import RenkeiQuery
import RenkeiStore

struct Count: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Count events in a table by one or two dimensions, with totals.",
        discussion: """
            Dimensions: \(EventCounter.Dimension.allCases.map(\.rawValue).joined(separator: ", ")). With a period \
            (year, fy) and another dimension, the periods are the columns; events whose date is too \
            coarse for the period are counted under 'undetermined', never guessed. An event with \
            several partners (themes, sources) counts once under each; totals count it once. \
            Retired records are left out unless --include-retired is given. Exit status: 0, 3 when \
            no event matches, 2 for bad usage.

            Example: renkei count events --by fy,partner --kind consultation
            """)

    @Argument(help: "What to count: events.")
    var what: String = "events"

    @Option(help: "One or two dimensions, comma-separated, such as year,kind or fy,partner.")
    var by: String = "year"

    @OptionGroup var source: RecordSourceOptions
    @OptionGroup var filters: EventFilterOptions
    @OptionGroup var output: OutputOptions

    func validate() throws {
        guard what == "events" else { throw ValidationError("'\(what)' cannot be counted: count events (renkei count events --by year).") }
        for name in dimensionNames where EventCounter.Dimension(rawValue: name) == nil {
            throw ValidationError("'\(name)' is not a dimension for --by: use \(EventCounter.Dimension.allCases.map(\.rawValue).joined(separator: ", ")).")
        }
    }

    var dimensionNames: [String] { by.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) } }

    func run() throws {
        try answering {
            let store = try source.openStore()
            let catalog = try ActorCatalog(store: store)
            let filter = try filters.filter(store: store, catalog: catalog)
            // A count keeps every event its filters take and puts a coarse date under
            // 'undetermined' itself, so undetermined placements against --year are kept apart too.
            let counted = filter.includeUndetermined
            var counter = try EventCounter(by: dimensionNames.compactMap(EventCounter.Dimension.init), catalog: catalog)
            var undeterminedInPeriod = 0
            // SQLite filters and groups; only the groups come back, never an event's JSON.
            try store.countEvents(filter.selection, by: counter.storeKeys) { group in
                switch group.placement {
                case .outside: return
                case .undetermined:
                    undeterminedInPeriod += group.count
                    if counted { counter.add(group) }
                case .inside: counter.add(group)
                }
            }
            guard counter.total > 0 else {
                throw QueryError(.empty, "no events match these filters, so there is nothing to count. Try fewer filters or --include-undetermined.")
            }
            let language = output.language
            let table = counter.table { dimension, key in
                dimension == .partner && output.outputFormat == .text && key != EventCounter.none ? "\(key) \(catalog.name(key, in: language))" : key
            }
            write(table.rendered(output.outputFormat))
            if undeterminedInPeriod > 0 && !counted {
                printError("note: \(undeterminedInPeriod) more event(s) match but are dated too coarsely to tell whether they fall in the period asked for; add --include-undetermined to count them under 'undetermined'.")
            }
        }
    }
}
