import ArgumentParser
import Foundation
import RenkeiModel
import RenkeiQuery
import RenkeiStore

struct Events: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List the events that match the filters, in date order.",
        discussion: """
            Retired records are left out unless --include-retired is given. With --year or --fy, an \
            event dated too coarsely to tell (a year against a fiscal year) is left out unless \
            --include-undetermined is given. Exit status: 0 when events were found, 3 when none \
            match, 2 for bad usage (an unknown partner, kind or id, an impossible year).
            """)

    @OptionGroup var source: RecordSourceOptions
    @OptionGroup var filters: EventFilterOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        try answering {
            let store = try source.openStore()
            let catalog = try ActorCatalog(store: store)
            let filter = try filters.filter(store: store, catalog: catalog)
            let language = output.language
            let format = output.outputFormat
            let wide = format == .csv || format == .json || format == .jsonl
            let columns = wide
                ? ["id", "date", "precision", "kind", "family", "title_ja", "title_en", "partners", "series", "ordinal", "sources", "status"]
                : ["id", "date", "kind", "partners", "title"]
            var buffered = ResultTable(columns: columns)
            var found = 0
            if format != .text { write(buffered.streamHeader(format)) }
            let bounds = filter.dayBounds
            try store.forEachEvent(from: bounds.first, until: bounds.last) { event in
                let placement = filter.matches(event)
                guard placement != .outside else { return }
                let partners = catalog.partners(of: event)
                let date = event.date.description + (placement == .undetermined ? " (undetermined)" : "")
                let row: [ResultTable.Cell] = wide
                    ? [
                        .text(event.id), .text(event.date.description), .text(event.date.precision), .text(event.kind),
                        .text(Event.family(of: event.kind)), .text(event.title.ja), .text(event.title.en), .list(partners),
                        event.series.map { .text($0) } ?? .null, event.ordinal.map { .number($0) } ?? .null,
                        .list(event.sources.map(\.source)), event.status.map { .text($0) } ?? .null,
                    ]
                    : [.text(event.id), .text(date), .text(event.kind), .list(partners), .text(event.title.text(in: language))]
                // An aligned table needs every width first; every other format streams.
                if format == .text { buffered.rows.append(row) } else { write(buffered.streamRow(row, format, index: found)) }
                found += 1
            }
            if format == .text, found > 0 { write(buffered.rendered(.text)) } else { write(buffered.streamFooter(format, count: found)) }
            guard found > 0 else {
                throw QueryError(.empty, "no events match these filters. Try fewer filters, --include-undetermined, or 'renkei count events --by year' to see which years have events.")
            }
            if format == .text { write("\(found) event\(found == 1 ? "" : "s")\n") }
        }
    }
}
