import Foundation
import Testing

/// The README's "Answering questions": each question, the one command that answers it and its
/// output, generated from `data/`. The test fails when the README is out of date; run it with
/// `RENKEI_UPDATE_README=1` to write the current answers into the README.
@Suite("README: answering questions", .serialized)
struct ReadmeAnswersTests {
    static let questions: [(question: String, arguments: [String])] = [
        ("How many bilateral consultations were held in 2017, and with whom?",
         ["events", "--year", "2017", "--kind", "consultation"]),
        ("How many cyber consultations per partner and year (the source's yearly table)?",
         ["count", "events", "--by", "partner,year", "--kind", "consultation", "--until", "2018"]),
        ("Which public attributions has Japan made, and when?",
         ["events", "--kind", "public-attribution"]),
        ("Who attended the 32nd meeting of the Cybersecurity Strategic Headquarters, and in which posts?",
         ["show", "ev-2021-12-14-cshq-32"]),
        ("What is the FY2023 defence budget for cyber cooperation, its logic model and its indicators?",
         ["show", "bg-mod-fy2023-cyber-cooperation"]),
        ("Which records mention ASEAN or 演習?",
         ["search", "ASEAN", "OR", "演習", "--limit", "12"]),
        ("Everything linked to one record (the United States)?",
         ["show", "US"]),
    ]

    static let begin = "<!-- answers:begin — generated: RENKEI_UPDATE_README=1 swift test --filter ReadmeAnswersTests -->"
    static let end = "<!-- answers:end -->"

    @Test("The answers in the README are the commands' current output")
    func answersAreCurrent() throws {
        var section = Self.begin + "\n"
        for (question, arguments) in Self.questions {
            let result = try TestSupport.renkei(
                arguments + ["--db", QueryCommandTests.database, "--lang", "en"], environment: ["LANG": "C.UTF-8", "PATH": "/usr/bin:/bin"])
            #expect(result.code == 0, "\(arguments): \(result.err)")
            section += "\n**\(question)**\n\n```console\n$ renkei \(arguments.map(Self.quoted).joined(separator: " "))\n\(result.out)```\n"
        }
        section += "\n" + Self.end
        let path = TestSupport.root + "/README.md"
        let readme = try String(contentsOfFile: path, encoding: .utf8)
        guard let start = readme.range(of: Self.begin), let stop = readme.range(of: Self.end) else {
            Issue.record("README.md has no answers section between \(Self.begin) and \(Self.end)")
            return
        }
        let current = String(readme[start.lowerBound..<stop.upperBound])
        if current != section, ProcessInfo.processInfo.environment["RENKEI_UPDATE_README"] == "1" {
            try (readme[..<start.lowerBound] + section + readme[stop.upperBound...]).write(toFile: path, atomically: true, encoding: .utf8)
            return
        }
        #expect(current == section, "README.md's answers are out of date: run RENKEI_UPDATE_README=1 swift test --filter ReadmeAnswersTests")
    }

    static func quoted(_ argument: String) -> String {
        argument.contains(where: { $0 == " " || $0 == "\"" }) ? "'\(argument)'" : argument
    }
}
