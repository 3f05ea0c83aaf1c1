import ArgumentParser
import Foundation
import RenkeiModel
import RenkeiStore

struct Indicators: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print the indicators' values, computed from the events per fiscal and calendar year.")

    @OptionGroup var source: RecordSourceOptions

    @Option(help: "The output format: text, json or csv.")
    var format: String = "text"

    func validate() throws {
        guard ["text", "json", "csv"].contains(format) else { throw ValidationError("'\(format)' is not a format: use text, json or csv.") }
    }

    func run() throws {
        let store = try source.openStore()
        var rows: [(indicator: Indicator, period: String, value: Int)] = []
        var indicators: [Indicator] = []
        try store.forEachRecord(in: .indicators) { record in
            guard case .indicator(let indicator) = record else { return }
            indicators.append(indicator)
            for v in indicator.values { rows.append((indicator, v.period, v.value)) }
        }
        switch format {
        case "json":
            struct Entry: Encodable {
                let id: String, name: LocalizedText, budget: String?, output: String?
                let values: [Indicator.Value], undetermined: [Indicator.Value]
            }
            let entries = indicators.map { Entry(id: $0.id, name: $0.name, budget: $0.budget, output: $0.output, values: $0.values, undetermined: $0.undetermined) }
            print(try CanonicalJSON.pretty(entries))
        case "csv":
            print("indicator,name_en,period,value")
            for row in rows {
                print([row.indicator.id, row.indicator.name.en, row.period, String(row.value)].map { Self.csv($0) }.joined(separator: ","))
            }
        default:
            for indicator in indicators {
                print("\(indicator.id)  \(indicator.name.en) / \(indicator.name.ja)")
                let fiscal = indicator.values.filter { $0.period.hasPrefix("FY") }
                let calendar = indicator.values.filter { !$0.period.hasPrefix("FY") }
                print("  fiscal year:   " + (fiscal.isEmpty ? "—" : fiscal.map { "\($0.period) \($0.value)" }.joined(separator: "  ")))
                print("  calendar year: " + (calendar.isEmpty ? "—" : calendar.map { "\($0.period) \($0.value)" }.joined(separator: "  ")))
                for u in indicator.undetermined {
                    print("  \(u.value) matching event(s) dated too coarsely for a \(u.period) period")
                }
            }
        }
    }

    static func csv(_ s: String) -> String {
        s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" }) ? "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : s
    }
}
