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
        var rows: [(indicator: Indicator, value: Indicator.Value)] = []
        var indicators: [Indicator] = []
        try store.forEachRecord(in: .indicators) { record in
            guard case .indicator(let indicator) = record else { return }
            indicators.append(indicator)
            for v in indicator.values { rows.append((indicator, v)) }
        }
        switch format {
        case "json":
            struct Entry: Encodable {
                let id: String, name: LocalizedText, budget: String?, output: String?
                let periodKind: Period, values: [Indicator.Value], undetermined: Int
                enum CodingKeys: String, CodingKey {
                    case id, name, budget, output, values, undetermined
                    case periodKind = "period_kind"
                }
            }
            let entries = indicators.map {
                Entry(id: $0.id, name: $0.name, budget: $0.budget, output: $0.output, periodKind: $0.periodKind, values: $0.values, undetermined: $0.undetermined)
            }
            print(try CanonicalJSON.pretty(entries))
        case "csv":
            print("indicator,name_en,period_kind,period,value,undetermined")
            for row in rows {
                print([row.indicator.id, row.indicator.name.en, row.indicator.periodKind.rawValue, row.value.period, String(row.value.value), String(row.value.undetermined)]
                    .map { Self.csv($0) }.joined(separator: ","))
            }
        default:
            for indicator in indicators {
                print("\(indicator.id)  \(indicator.name.en) / \(indicator.name.ja)")
                let kind = indicator.periodKind == .fiscalYear ? "fiscal year" : "calendar year"
                print("  per \(kind): " + (indicator.values.isEmpty ? "—" : indicator.values.map {
                    "\($0.period) \($0.value)" + ($0.undetermined > 0 ? " (+ \($0.undetermined) undetermined)" : "")
                }.joined(separator: "  ")))
                if indicator.undetermined > 0 {
                    print("  \(indicator.undetermined) matching event(s) in no single \(kind): their dates are a span, a bound, or unknown")
                }
            }
        }
    }

    static func csv(_ s: String) -> String {
        s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" }) ? "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : s
    }
}
