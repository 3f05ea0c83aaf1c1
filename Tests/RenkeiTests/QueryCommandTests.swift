import Foundation
import RenkeiModel
import Testing

/// `renkei events`, `count`, `show` and `search` on the dataset in `data/`, with answers taken
/// from the source documents, and the bad input each must refuse with a clear message.
@Suite("Asking the record: events, count, show, search", .serialized)
struct QueryCommandTests {
    /// A store built once from `data/` for every test of the suite.
    static let database: String = {
        let folder = NSTemporaryDirectory() + "renkei-query-\(ProcessInfo.processInfo.processIdentifier)"
        TestSupport.removeAtExit(folder)
        let path = folder + "/renkei.sqlite"
        let built = try? TestSupport.renkei(["build", "--data", TestSupport.root + "/data", "--db", path])
        precondition(built?.code == 0, "cannot build the store: \(built?.err ?? "")")
        return path
    }()

    func ask(_ arguments: [String]) throws -> (code: Int32, out: String, err: String) {
        try TestSupport.renkei(arguments + ["--db", Self.database], environment: ["LANG": "C.UTF-8", "PATH": "/usr/bin:/bin"])
    }

    @Test("2017: seven bilateral consultations and one trilateral, with the partners of the source's table")
    func consultations2017() throws {
        let count = try ask(["count", "events", "--year", "2017", "--kind", "consultation", "--by", "kind", "--format", "csv"])
        #expect(count.code == 0, "\(count.err)")
        #expect(count.out == "kind,events\nbilateral-consultation,7\ntrilateral-consultation,1\ntotal,8\n")
        let events = try ask(["events", "--year", "2017", "--kind", "bilateral-consultation", "--format", "jsonl"])
        #expect(events.code == 0, "\(events.err)")
        let partners = try events.out.split(separator: "\n").flatMap { line -> [String] in
            guard case .array(let list)? = try JSONValue.parse(String(line))["partners"] else { return [] }
            return list.compactMap(\.stringValue)
        }
        // 2017年 仏、EU、エストニア、中・韓、米、印、イスラエル、豪 — 中・韓 is the trilateral one.
        #expect(partners.sorted() == ["AU", "EE", "EU", "FR", "IL", "IN", "US"])
    }

    @Test("A partner by id, alias or name gives the same events")
    func partnerByAlias() throws {
        let byID = try ask(["events", "--partner", "US", "--kind", "consultation", "--format", "csv"])
        #expect(byID.code == 0, "\(byID.err)")
        for reference in ["米国", "United States", "米"] {
            let other = try ask(["events", "--partner", reference, "--kind", "consultation", "--format", "csv"])
            #expect(other.out == byID.out, "\(reference): \(other.err)")
        }
        #expect(byID.out.contains("ev-2017-jp-us-dialogue"))
    }

    @Test("count by year and partner puts the periods in columns, with totals")
    func countByYearAndPartner() throws {
        let result = try ask(["count", "events", "--by", "partner,year", "--kind", "consultation", "--from", "2013", "--until", "2018", "--format", "csv"])
        #expect(result.code == 0, "\(result.err)")
        let lines = result.out.split(separator: "\n").map(String.init)
        #expect(lines.first == "partner,2013,2014,2015,2016,2017,2018,total")
        let us = lines.first { $0.hasPrefix("US,") }
        #expect(us == "US,1,1,1,1,1,1,6")
    }

    @Test("Public attributions and when: three statements naming four attributions")
    func publicAttributions() throws {
        let events = try ask(["events", "--kind", "public-attribution", "--format", "csv"])
        #expect(events.code == 0, "\(events.err)")
        let ids = events.out.split(separator: "\n").dropFirst().map { $0.split(separator: ",")[0] + "," + $0.split(separator: ",")[1] }
        #expect(ids == [
            "ev-2017-12-wannacry-attribution,2017-12", "ev-2018-12-apt10-attribution,2018-12",
            "ev-2021-07-apt40-tick-press-secretary-statement,2021-07",
        ])
        let found = try ask(["search", "attribution", "--collection", "attributions", "--format", "csv"])
        var attributions = 0
        for line in events.out.split(separator: "\n").dropFirst() {
            let show = try ask(["show", String(line.split(separator: ",")[0]), "--format", "json"])
            let view = try JSONValue.parse(show.out)
            guard case .array(let sections)? = view["links"] else { continue }
            for section in sections where section["name"]?.stringValue == "attributions (event)" {
                if case .array(let records)? = section["records"] { attributions += records.count }
            }
        }
        #expect(attributions == 4, "\(found.out)")
    }

    @Test("The 32nd Headquarters meeting: 22 attendees, each with the post held")
    func meetingAttendees() throws {
        let show = try ask(["show", "ev-2021-12-14-cshq-32", "--format", "json"])
        #expect(show.code == 0, "\(show.err)")
        let view = try JSONValue.parse(show.out)
        guard case .array(let sections)? = view["links"],
            let attendees = sections.first(where: { $0["name"]?.stringValue == "attendees" }),
            case .array(let records)? = attendees["records"]
        else {
            Issue.record("no attendees in \(show.out.prefix(300))")
            return
        }
        #expect(records.count == 22)
        let withPost = records.filter { if case .array(let posts)? = $0["posts"] { !posts.isEmpty } else { false } }
        #expect(withPost.count == 22, "\(records.map(\.compactText))")
        // 出席者（敬称略）: the chair is the Chief Cabinet Secretary, head of the Headquarters.
        #expect(records.first?["detail"]?.stringValue == "chair")
        #expect(records.first?["posts"]?.compactText.contains("内閣官房長官（内閣）") == true)
        let series = sections.first { $0["name"]?.stringValue == "series" }
        #expect(series?["records"]?.compactText.contains("no. 32") == true)
        let text = try ask(["show", "ev-2021-12-14-cshq-32", "--lang", "ja"])
        #expect(text.out.contains("attendees:"))
    }

    @Test("The FY2023 defence budget with its logic model and indicator values")
    func budget() throws {
        let show = try ask(["show", "bg-mod-fy2023-cyber-cooperation"])
        #expect(show.code == 0, "\(show.err)")
        #expect(show.out.contains("fiscal_year: 2023"))
        #expect(show.out.contains("indicators (budget):"))
    }

    @Test("Search finds 1–2 character Japanese, Latin words in any case, and phrases")
    func search() throws {
        for query in ["演習", "協議", "訓練", "支援", "ASEAN", "asean", "\"cyber dialogue\""] {
            let result = try ask(["search", query, "--format", "jsonl", "--limit", "5"])
            #expect(result.code == 0, "\(query): \(result.err)")
            let hits = result.out.split(separator: "\n")
            #expect(!hits.isEmpty, "\(query)")
            for hit in hits {
                let passage = try JSONValue.parse(String(hit))["passage"]?.stringValue ?? ""
                #expect(passage.lowercased().contains("[\(query.lowercased().trimmingCharacters(in: CharacterSet(charactersIn: "\"")))]"), "\(query): \(passage)")
            }
        }
        let actors = try ask(["search", "米", "--collection", "actors", "--format", "csv"])
        #expect(actors.out.contains("actors,US,"))
    }

    @Test("Bad input: unknown id, unknown partner, impossible year, empty result")
    func badInput() throws {
        let unknown = try ask(["show", "ev-2017-jp-fr-consultaton"])
        #expect(unknown.code == 2)
        #expect(unknown.err.contains("no record has the id 'ev-2017-jp-fr-consultaton'. Did you mean ev-2017-jp-fr-consultation"))
        let partner = try ask(["events", "--partner", "Atlantis"])
        #expect(partner.code == 2)
        #expect(partner.err.contains("no actor is called 'Atlantis'"))
        let year = try ask(["events", "--year", "20170"])
        #expect(year.code == 2)
        #expect(year.err.contains("20170 is not a year this record covers"))
        let kind = try ask(["count", "events", "--kind", "consultations"])
        #expect(kind.code == 2)
        #expect(kind.err.contains("Did you mean consultation"))
        let empty = try ask(["events", "--year", "1950"])
        #expect(empty.code == 3)
        #expect(empty.out.isEmpty)
        #expect(empty.err.contains("no events match these filters"))
        let nothing = try ask(["search", "zzqqxx"])
        #expect(nothing.code == 3)
        #expect(nothing.err.contains("nothing matches 'zzqqxx'"))
    }

    @Test("stats gives JSON and CSV")
    func statsFormats() throws {
        let json = try ask(["stats", "--format", "json"])
        #expect(json.code == 0, "\(json.err)")
        guard case .array(let tables) = try JSONValue.parse(json.out) else {
            Issue.record("not an array: \(json.out.prefix(200))")
            return
        }
        #expect(tables.first?["title"]?.stringValue == "Records by collection")
        let csv = try ask(["stats", "--format", "csv"])
        #expect(csv.out.hasPrefix("table,row,column,value\n"))
        #expect(csv.out.contains("Records by collection,events,records,"))
    }
}
