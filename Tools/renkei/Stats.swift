import ArgumentParser
import Foundation
import RenkeiModel
import RenkeiStore

struct Stats: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print counts by entity, event kind, year, partner and source document.")

    @OptionGroup var source: RecordSourceOptions

    @Option(help: "The output format: text, markdown, json or csv.")
    var format: String = "text"

    func validate() throws {
        guard ["text", "markdown", "json", "csv"].contains(format) else {
            throw ValidationError("'\(format)' is not a format: use text, markdown, json or csv.")
        }
    }

    func run() throws {
        let store = try source.openStore()
        let (_, counts) = try store.info()
        var kinds: [String: Int] = [:]
        // Per calendar year: the events that certainly lie in it, and how many more could.
        var years = QueryEvaluator(Query(count: .events, per: .year))
        var partners: [String: Int] = [:]
        var coverage: [String: [Collection: Int]] = [:]
        var sourceTitles: [String: String] = [:]
        var sourceFiles: [String: String] = [:]
        var actorNames: [String: String] = [:]
        // Actors arrive before events, so the definition knows them all when events are counted.
        var definition = CooperationPartners()
        try store.forEachRecord { record in
            for source in Set(record.base.citations.map(\.source)) { coverage[source, default: [:]][record.collection, default: 0] += 1 }
            switch record {
            case .source(let s):
                sourceTitles[s.id] = s.title.en
                if let file = s.file { sourceFiles[s.id] = file }
            case .actor(let a):
                actorNames[a.id] = a.name.en
                definition.add(a)
            case .event(let e):
                kinds[e.kind, default: 0] += 1
                years.add(e)
                for actor in definition.partners(of: e.participants).partners { partners[actor, default: 0] += 1 }
            default: break
            }
        }
        let md = format == "markdown"
        // JSON: one object per table (title, columns, rows); CSV: one tidy row per cell
        // (table, row key, column, value), so every table fits one sheet.
        var tables: [JSONValue] = []
        var tidy: [[String]] = []
        func table(_ title: String, _ header: [String], _ rows: [[String]]) {
            if format == "json" {
                tables.append(.object([
                    "title": .string(title), "columns": .array(header.map { .string($0) }),
                    "rows": .array(rows.map { row in .array(row.map { cell in Int(cell).map { .int($0) } ?? .string(cell) }) }),
                ]))
            } else if format == "csv" {
                for row in rows {
                    for (column, cell) in zip(header, row).dropFirst() { tidy.append([title, row[0], column, cell]) }
                }
            } else if md {
                print("### \(title)\n\n| \(header.joined(separator: " | ")) |\n|\(header.map { _ in "---" }.joined(separator: "|"))|")
                for row in rows { print("| \(row.joined(separator: " | ")) |") }
                print("")
            } else {
                print("\(title):")
                for row in rows { print("  " + row.joined(separator: "  ")) }
            }
        }
        table("Records by collection", ["collection", "records"], Collection.allCases.map { [$0.rawValue, String(counts[$0] ?? 0)] })
        table("Events by kind", ["kind", "events"], kinds.sorted { ($1.value, $0.key) < ($0.value, $1.key) }.map { [$0.key, String($0.value)] })
        let byYear = years.counts(per: .year)
        table(
            "Events by year", ["year", "events", "undetermined"],
            byYear.periods.map { [$0, String(byYear.values[$0] ?? 0), String(byYear.undeterminedIn[$0] ?? 0)] }
                + (byYear.undetermined > 0 ? [["in no single year", "", String(byYear.undetermined)]] : []))
        table("Partners (Japan's cooperation partners, by events shared with Japan)", ["partner", "name", "events"],
              partners.sorted { ($1.value, $0.key) < ($0.value, $1.key) }.prefix(40).map { [$0.key, actorNames[$0.key] ?? $0.key, String($0.value)] })
        let seeds = coverage.keys.filter { sourceFiles[$0] != nil }.sorted { sourceFiles[$0]! < sourceFiles[$1]! }
        let shown: [Collection] = [.actors, .persons, .memberships, .series, .events, .attributions, .proposals, .budgets, .indicators, .claims, .assessments]
        table("Coverage per source document (records citing it)", ["source", "file"] + shown.map(\.rawValue),
              seeds.map { id in [id, sourceFiles[id]!] + shown.map { String(coverage[id]?[$0] ?? 0) } })
        if format == "json" { print(try CanonicalJSON.pretty(JSONValue.array(tables))) }
        if format == "csv" {
            print("table,row,column,value")
            for row in tidy { print(row.map(Indicators.csv).joined(separator: ",")) }
        }
    }
}
