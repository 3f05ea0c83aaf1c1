import ArgumentParser
import Foundation
import RenkeiModel
import RenkeiQuery
import RenkeiStore

struct Show: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print one record of any collection with everything linked to it.",
        discussion: """
            Gives the record in both languages, what it names (an event's participants with their \
            roles, its series and ordinal, its sources with locators) and what names it (an actor's \
            events by kind and year, members, attributions naming it; a meeting's attendees with the \
            posts they held; a budget's indicators and their values; the events a claim counts). \
            Exit status: 0, or 2 for an unknown id (the nearest ids are suggested).
            """)

    @Argument(help: "The id of the record, such as ev-2017-jp-fr-consultation or US.")
    var id: String

    @OptionGroup var source: RecordSourceOptions

    @Option(help: "The output format: text or json.")
    var format: String = "text"

    @Option(help: "The language of titles and names: ja or en (default: from the locale, LANG).")
    var lang: String?

    func validate() throws {
        guard ["text", "json"].contains(format) else { throw ValidationError("'\(format)' is not a format for show: use text or json.") }
        if let lang, !["ja", "en"].contains(lang) { throw ValidationError("'\(lang)' is not a language: use ja or en.") }
    }

    func run() throws {
        try answering {
            let store = try source.openStore()
            let view = try RecordShow(id: id, store: store)
            if format == "json" {
                write(try CanonicalJSON.pretty(view.json) + "\n")
            } else {
                var options = OutputOptions()
                options.lang = lang
                write(view.text(language: options.language))
            }
        }
    }
}
