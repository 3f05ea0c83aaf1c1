import Foundation
import RenkeiModel
import RenkeiPipeline
import Testing

/// Errors a contributor can act on: the nearest names, the real reason, the cause before its
/// consequences, and a short report.
@Suite("Errors a contributor can act on")
struct ContributorErrorTests {
    func messages(_ extra: [String: String]) -> [String] {
        let directory = TestSupport.exampleDirectory(extra)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        return Pipeline.check(dataDirectory: directory).report(strict: false).diagnostics.map(\.formatted)
    }

    static let event = """
        events:
          - id: ev-2018-a
            kind: KIND
            title: {ja: 演習, en: Exercise}
            date: DATE
            FIELD: [{actor: ACTOR, role: ROLE}]
            sources: [{source: src-example, locator: 表1}]

        """

    func event(kind: String = "exercise", date: String = "2018-05", field: String = "participants", actor: String = "JP", role: String = "participant") -> String {
        Self.event.replacingOccurrences(of: "KIND", with: kind).replacingOccurrences(of: "DATE", with: date)
            .replacingOccurrences(of: "FIELD", with: field).replacingOccurrences(of: "ACTOR", with: actor).replacingOccurrences(of: "ROLE", with: role)
    }

    @Test("Every unknown name gets the nearest known ones")
    func didYouMean() {
        #expect(NameSuggestion.nearest("partcipants", among: ["participants", "persons", "themes"]) == ["participants"])
        #expect(NameSuggestion.nearest("zzz", among: ["participants"]).isEmpty)
        #expect(NameSuggestion.hint("evnets", among: ["events", "series"]) == ": did you mean 'events'?")
        let cases: [(String, String)] = [
            (event(field: "partcipants"), "unknown field 'partcipants': did you mean 'participants'?"),
            (event(kind: "excercise"), "did you mean 'exercise'?"),
            (event(role: "participnt"), "did you mean 'participant'?"),
            (event(actor: "jp"), "did you mean 'JP'?"),
            (event().replacingOccurrences(of: "events:", with: "event:"), "'event' is not a collection: did you mean 'events'?"),
        ]
        for (yaml, expected) in cases {
            let found = messages(["e.yaml": yaml])
            #expect(found.contains { $0.contains(expected) }, "\(expected): \(found)")
        }
    }

    @Test("A day the month lacks is named; the record's other problems are still reported, by the loader and the rules")
    func badDateAndMore() {
        let found = messages(["e.yaml": event(date: "2023-02-30", field: "partcipants")])
        #expect(found.contains { $0.contains("February 2023 has no 30th day") }, "\(found)")
        #expect(found.contains { $0.contains("unknown field 'partcipants': did you mean 'participants'?") }, "\(found)")
        // The rules see the record too (with a stand-in date): its unknown actor is reported,
        // and nothing is said about the stand-in date itself.
        let ruled = messages(["e.yaml": event(kind: "excercise", date: "平成32年5月", actor: "jp")])
        #expect(ruled.contains { $0.contains("after the end of 平成") }, "\(ruled)")
        #expect(ruled.contains { $0.contains("did you mean 'JP'?") }, "\(ruled)")
        #expect(ruled.contains { $0.contains("did you mean 'exercise'?") }, "\(ruled)")
        #expect(ruled.filter { $0.contains("e.yaml:5:") }.count == 1, "only the date's own error at the date: \(ruled)")
        // An attribution naming the event does not cascade into an unknown id.
        let attribution = "attributions:\n  - id: at-x\n    event: ev-2018-a\n    incident: {ja: 攻撃, en: An operation}\n    attributed_to: [JP]\n    issuer: JP\n    sources: [{source: src-example, locator: 表1}]\n"
        #expect(messages(["f.yaml": attribution]).contains { $0.contains("'ev-2018-a' is not a known") }, "without the event the id is unknown")
        #expect(!messages(["e.yaml": event(date: "2023-02-30"), "f.yaml": attribution]).contains { $0.contains("'ev-2018-a' is not a known") })
    }

    @Test("A file that cannot be read comes first; unknown ids elsewhere are marked as its possible consequence")
    func syntaxErrorFirst() {
        let user = event().replacingOccurrences(of: "    sources:", with: "    themes: [th-later]\n    sources:")
        let found = messages(["a.yaml": user, "z.yaml": "themes:\n  - id: th-later\n    name: {ja: 後, en: Later\n"])
        let errors = found.filter { $0.contains(": error[") }
        #expect(errors.first?.contains("z.yaml") == true && errors.first?.contains("yaml-syntax") == true, "\(errors)")
        #expect(errors.contains { $0.contains("th-later") && $0.contains("perhaps a consequence") }, "\(errors)")
    }

    @Test("validate sums the possible consequences up in one line before the summary")
    func cascadeSummary() throws {
        let user = event().replacingOccurrences(of: "    sources:", with: "    themes: [th-later]\n    sources:")
        let data = TestSupport.exampleDirectory(["a.yaml": user, "z.yaml": "themes:\n  - id: th-later\n    name: {ja: 後, en: Later\n"])
        defer { try? FileManager.default.removeItem(atPath: data) }
        let result = try TestSupport.renkei(["validate", "--data", data])
        let lines = result.out.split(separator: "\n")
        #expect(lines.first?.contains("z.yaml") == true && lines.first?.contains("yaml-syntax") == true, "\(result.out)")
        #expect(lines.dropLast().last == "1 unknown-id error may only follow from the file that could not be read (listed first): fix it first", "\(result.out)")
    }

    @Test("Notes are counted in one line unless --notes; --quiet lists errors only")
    func notesAndQuiet() throws {
        let real = TestSupport.root + "/data"
        let plain = try TestSupport.renkei(["validate", "--data", real])
        #expect(plain.code == 0)
        let noteCount = plain.out.split(separator: "\n").last.flatMap { $0.split(separator: ",").last?.split(separator: " ").first }.flatMap { Int($0) } ?? 0
        #expect(noteCount > 0)
        #expect(!plain.out.contains(": note["), "\(plain.out.prefix(300))")
        #expect(plain.out.contains("\(noteCount) note\(noteCount == 1 ? "" : "s") not listed (--notes lists them)"))
        let all = try TestSupport.renkei(["validate", "--data", real, "--notes"])
        #expect(all.out.components(separatedBy: ": note[").count - 1 == noteCount)
        let broken = TestSupport.exampleDirectory(["e.yaml": event(kind: "excercise")])
        defer { try? FileManager.default.removeItem(atPath: broken) }
        let quiet = try TestSupport.renkei(["validate", "--data", broken, "--quiet"])
        #expect(quiet.code == 1)
        #expect(quiet.out.split(separator: "\n").dropLast().allSatisfy { $0.contains(": error[") }, "\(quiet.out)")
        #expect(quiet.out.split(separator: "\n").last?.hasPrefix("validation failed: ") == true, "\(quiet.out)")
        let loud = try TestSupport.renkei(["validate", "--data", broken])
        #expect(loud.out.split(separator: "\n").count >= quiet.out.split(separator: "\n").count)
    }
}
