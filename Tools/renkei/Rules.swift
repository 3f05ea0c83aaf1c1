import ArgumentParser
import RenkeiValidation

struct Rules: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print the validation rules, or with --markdown the page docs/RULES.md is made from.")

    @Flag(help: "Print the whole rule catalogue as Markdown.")
    var markdown = false

    func run() {
        if markdown {
            print(RuleDocumentation.markdown(), terminator: "")
            return
        }
        let width = RuleCatalog.builtIn.map(\.id.count).max() ?? 10
        for rule in RuleCatalog.builtIn {
            print("\(rule.id.padding(toLength: width, withPad: " ", startingAt: 0))  \(rule.severity.rawValue.padding(toLength: 7, withPad: " ", startingAt: 0))  \(rule.summary)")
        }
    }
}
