import RenkeiModel
import RenkeiStore

/// Counts events into a table of one or two dimensions (`--by fy,partner`), one event at a time,
/// so it works over a cursor; it keeps one number per cell.
///
/// An event whose date is too coarse for a period dimension goes to that dimension's
/// `undetermined` value, never to a guessed year. A dimension with several values per event
/// (partners, themes, sources) counts the event once under each; totals count each event once.
public struct EventCounter {
    /// What events are grouped by.
    public enum Dimension: String, CaseIterable, Sendable {
        case year, fy, kind, family, partner, series, theme, source

        var period: QueryPeriod.Unit? {
            switch self {
            case .year: .year
            case .fy: .fiscalYear
            default: nil
            }
        }
    }

    public static let undetermined = "undetermined"
    public static let none = "—"

    public let dimensions: [Dimension]
    private let catalog: ActorCatalog
    private var cells: [String: [String: Int]] = [:]
    private var rowTotals: [String: Int] = [:]
    private var columnTotals: [String: Int] = [:]
    public private(set) var total = 0

    /// Counts by one or two dimensions; with a period and another dimension, the period becomes
    /// the columns, so `undetermined` is a column beside the years.
    public init(by dimensions: [Dimension], catalog: ActorCatalog) throws(QueryError) {
        guard (1...2).contains(dimensions.count) else { throw QueryError(.usage, "give one or two dimensions to --by, such as 'fy,partner'.") }
        guard Set(dimensions).count == dimensions.count else { throw QueryError(.usage, "give each --by dimension once.") }
        var ordered = dimensions
        if ordered.count == 2, ordered[0].period != nil, ordered[1].period == nil { ordered.swapAt(0, 1) }
        self.dimensions = ordered
        self.catalog = catalog
    }

    func keys(_ dimension: Dimension, of event: Event) -> [String] {
        let keys: [String]
        switch dimension {
        case .year, .fy:
            let unit = dimension.period!
            keys = [unit.bucket(of: event.date).map(unit.label) ?? Self.undetermined]
        case .kind: keys = [event.kind]
        case .family: keys = [Event.family(of: event.kind)]
        case .partner: keys = catalog.partners(of: event)
        case .series: keys = event.series.map { [$0] } ?? []
        case .theme: keys = event.themes
        case .source: keys = event.sources.map(\.source)
        }
        var seen = Set<String>()
        let unique = keys.filter { seen.insert($0).inserted }
        return unique.isEmpty ? [Self.none] : unique
    }

    /// Counts one event (the caller has already filtered it).
    public mutating func add(_ event: Event) {
        add(rows: keys(dimensions[0], of: event), columns: dimensions.count > 1 ? keys(dimensions[1], of: event) : ["events"])
    }

    /// What the store groups events by for these dimensions (``Store/countEvents(_:by:_:)``).
    public var storeKeys: [EventSelection.Key] {
        dimensions.map { dimension in
            switch dimension {
            case .year: .year
            case .fy: .fiscalYear
            case .kind, .family: .kind
            case .partner: .partners(excluding: catalog.japaneseSide)
            case .series: .series
            case .theme: .themes
            case .source: .sources
            }
        }
    }

    /// Counts a group of events the store counted by ``storeKeys``, as ``add(_:)`` counts each.
    public mutating func add(_ group: EventSelection.Group) {
        func keys(_ i: Int) -> [String] {
            let dimension = dimensions[i], values = group.values[i]
            let keys: [String]
            switch dimension {
            case .year, .fy:
                let unit = dimension.period!
                keys = [values.first.flatMap { Int($0) }.map(unit.label) ?? Self.undetermined]
            case .family: keys = values.map(Event.family(of:))
            default: keys = values
            }
            var seen = Set<String>()
            let unique = keys.filter { seen.insert($0).inserted }
            return unique.isEmpty ? [Self.none] : unique
        }
        add(rows: keys(0), columns: dimensions.count > 1 ? keys(1) : ["events"], count: group.count)
    }

    mutating func add(rows: [String], columns: [String], count: Int = 1) {
        total += count
        for r in rows {
            rowTotals[r, default: 0] += count
            for c in columns { cells[r, default: [:]][c, default: 0] += count }
        }
        for c in columns { columnTotals[c, default: 0] += count }
    }

    func sorted(_ keys: [String], _ dimension: Dimension?, totals: [String: Int]) -> [String] {
        keys.sorted { a, b in
            func rank(_ k: String) -> Int { k == Self.undetermined ? 2 : (k == Self.none ? 1 : 0) }
            if rank(a) != rank(b) { return rank(a) < rank(b) }
            if dimension?.period != nil { return a < b }
            let (ta, tb) = (totals[a] ?? 0, totals[b] ?? 0)
            return ta != tb ? ta > tb : a < b
        }
    }

    /// The table: one row per value of the first dimension, one column per value of the second
    /// (or `events`), a `total` column when there are two dimensions, and a `total` row.
    public func table(label: (Dimension, String) -> String = { $1 }) -> ResultTable {
        let rowDimension = dimensions[0]
        let columnDimension = dimensions.count > 1 ? dimensions[1] : nil
        let rowKeys = sorted(Array(rowTotals.keys), rowDimension, totals: rowTotals)
        let columnKeys = columnDimension == nil ? ["events"] : sorted(Array(columnTotals.keys), columnDimension, totals: columnTotals)
        var columns = [rowDimension.rawValue] + columnKeys.map { k in columnDimension.map { label($0, k) } ?? k }
        if columnDimension != nil { columns.append("total") }
        var table = ResultTable(columns: columns)
        for r in rowKeys {
            var row: [ResultTable.Cell] = [.text(label(rowDimension, r))]
            row += columnKeys.map { .number(cells[r]?[$0] ?? 0) }
            if columnDimension != nil { row.append(.number(rowTotals[r] ?? 0)) }
            table.rows.append(row)
        }
        var totalRow: [ResultTable.Cell] = [.text("total")]
        totalRow += columnKeys.map { .number(columnTotals[$0] ?? 0) }
        if columnDimension != nil { totalRow.append(.number(total)) }
        table.rows.append(totalRow)
        return table
    }
}
