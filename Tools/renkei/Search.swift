import ArgumentParser
import Foundation
import RenkeiModel
import RenkeiQuery
import RenkeiStore

struct Search: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Search every bilingual field of every collection, best matches first.",
        discussion: """
            Any length of query works, one- and two-character Japanese included (演習, 協議). Words \
            are all required; "quoted words" form one phrase; OR between words gives records \
            matching either side (ASEAN OR 演習). The matching passage is shown with \
            the match in [brackets]. Exit status: 0, 3 when nothing matches, 2 for bad usage.
            """)

    @Argument(help: "The text to look for: words, or \"a phrase\" in quotes.")
    var text: [String]

    @Option(help: "Search only this collection (repeatable), such as events or actors.")
    var collection: [String] = []

    @Option(help: "The most records to give.")
    var limit: Int = 20

    @OptionGroup var source: RecordSourceOptions
    @OptionGroup var output: OutputOptions

    func validate() throws {
        for name in collection where Collection(rawValue: name) == nil {
            throw ValidationError("'\(name)' is not a collection: use \(Collection.allCases.map(\.rawValue).joined(separator: ", ")).")
        }
        guard limit > 0 else { throw ValidationError("--limit must be at least 1.") }
    }

    func run() throws {
        try answering {
            var search = try RecordSearch(text.joined(separator: " "))
            search.collections = collection.compactMap(Collection.init(rawValue:))
            search.limit = limit
            let store = try source.openStore()
            let hits = try search.run(on: store)
            guard !hits.isEmpty else {
                throw QueryError(.empty, "nothing matches \(search.alternatives.map { $0.map { "'\($0)'" }.joined(separator: " and ") }.joined(separator: " or ")). Try fewer words or another spelling.")
            }
            let language = output.language
            // On a terminal the passage says what the record is; the files also carry its title.
            let wide = ![.text, .markdown].contains(output.outputFormat)
            var table = ResultTable(columns: ["collection", "id"] + (wide ? ["title"] : []) + ["field", "passage", "score"])
            for hit in hits {
                let label = (try store.record(hit.id, in: hit.collection)).map { $0.label.text(in: language) } ?? ""
                table.rows.append(
                    [.text(hit.collection.rawValue), .text(hit.id)] + (wide ? [.text(label)] : [])
                        + [.text(hit.field + (hit.language == "und" ? "" : ".\(hit.language)")), .text(hit.passage), .number(hit.score)])
            }
            write(table.rendered(output.outputFormat))
        }
    }
}
