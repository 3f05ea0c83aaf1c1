import RenkeiModel

/// The 2019 report's table of consultations per year (各年別二国間サイバー協議等の開催実績),
/// regenerated from the events that cite it: per calendar year, each event's partners (Japan's
/// own bodies left out) in the order the events arrive; apart, the events whose date lies in no
/// single year, never placed in one. The Markdown and spreadsheet exporters both write it.
public struct ConsultationsPerYear: Sendable {
    /// The heading the events cite.
    public static let locator = "各年別二国間サイバー協議等の開催実績"

    /// Per year, one entry per event: its partners' names joined with ・.
    public private(set) var byYear: [Int: [String]] = [:]
    /// The events citing the table that lie in no single calendar year.
    public private(set) var undetermined: [String] = []

    public init() {}

    /// Takes the event when it cites the table; `name` gives an actor's name as the table writes it.
    public mutating func add(_ event: Event, name: (String) -> String) {
        guard event.sources.contains(where: { $0.locator.contains(Self.locator) }) else { return }
        let partners = event.participants.map(\.actor).filter { $0 != "JP" && !$0.hasPrefix("jp-") }
        let entry = partners.map(name).joined(separator: "・")
        if let year = event.date.calendarYear {
            byYear[year, default: []].append(entry)
        } else {
            undetermined.append(entry)
        }
    }

    /// The rows in order: each year (`2017`), then `undetermined` when any event lies in no single year.
    public var rows: [(period: String, entries: [String])] {
        byYear.keys.sorted().map { (String($0), byYear[$0]!) } + (undetermined.isEmpty ? [] : [("undetermined", undetermined)])
    }
}
