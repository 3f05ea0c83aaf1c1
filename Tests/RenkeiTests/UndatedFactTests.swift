import Foundation
import RenkeiModel
import Testing

/// Facts the sources do not date carry only what the sources let one know: a bound taken from
/// the citing document's date (with a note saying so), a window, or nothing. The stand-in dates
/// that used to take a document's date for the fact's own are pinned in their truthful form, and
/// the facts added from the MOD sheet, the 2019 report, the 32nd meeting and the 2021 speech are
/// pinned with their kinds, participants and dates.
@Suite("Undated facts and former stand-in dates")
struct UndatedFactTests {
    static func dataset() throws -> Dataset { try FactCorrectionTests.dataset() }
    static func event(_ id: String) throws -> Event { try FactCorrectionTests.event(id) }

    static func date(_ year: Int, _ month: Int? = nil) -> PartialDate { PartialDate(year: year, month: month)! }

    /// The last day of FY2023 (31 March 2024), the latest the MOD sheet's undated facts can be.
    static let endOfFY2023 = PartialDate(fiscalYear: 2023)!.lastDay

    static func actors(_ e: Event, _ role: String) -> Set<String> {
        Set(e.participants.filter { $0.role == role }.map(\.actor))
    }

    // MARK: Former stand-ins

    static let policyExamples = [
        "ev-2016-10-jica-asean-cybersecurity-experts-training",
        "ev-2016-10-japan-asean-policy-meeting-cyber-defence-training",
        "ev-2016-10-jaif-japan-asean-cybersecurity-cooperation",
        "ev-2016-10-unodc-cybercrime-technical-assistance-contribution",
        "ev-2016-10-cyber-legal-and-investigation-training",
        "ev-2016-10-criminal-justice-training",
        "ev-2016-10-asean-awareness-content-coproduction",
        "ev-2016-10-international-students-exchange",
    ]

    @Test("the 2016 policy's eight undated examples are not later than the policy, and say why")
    func policyExamplesBound() throws {
        for id in Self.policyExamples {
            let e = try Self.event(id)
            #expect(e.date == .notAfter(Self.date(2016, 10)), "\(id): \(e.date)")
            #expect(e.end == nil, "\(id)")
            #expect(e.dateNote?.hasPrefix("not later than the policy's date (2016-10)") == true, "\(id): \(e.dateNote ?? "no note")")
        }
        // No event that only the policy's passages on examples of support cite is dated at the policy's month.
        let examples = ["基本方針 > 2 支援の在り方 > (2)", "基本方針 > 2 支援の在り方 > (3)", "基本方針 > 2 支援の在り方 > (4)"]
        let stillStandIns = try Self.dataset().events.filter { e in
            e.date == .on(Self.date(2016, 10)) && e.sources.allSatisfy { $0.source == "src-basic-policy-2016" && (examples.contains($0.locator) || $0.locator.hasPrefix("概要 > 具体的取組")) }
        }
        #expect(stillStandIns.isEmpty, "\(stillStandIns.map(\.id))")
    }

    @Test("the 2019 report's observers and exercise workshop are not later than the report, not 2018")
    func reportExerciseItems() throws {
        for id in ["ev-2018-cross-sectoral-exercise-foreign-observers", "ev-2018-nisc-international-exercise-workshop"] {
            let e = try Self.event(id)
            #expect(e.date == .notAfter(Self.date(2019, 1)), "\(id): \(e.date)")
            #expect(e.date.calendarYear == nil, "\(id)")
            #expect(e.dateNote?.hasPrefix("not later than the report's date (2019-01)") == true, "\(id)")
        }
        // The report's 本年 (2019) is the year of the exercises NISC took part in, and only theirs.
        #expect(try Self.event("ev-2019-nisc-international-cyber-exercises").date == .on(Self.date(2019)))
        if let report = FactCorrectionTests.seed("001_6401f09a09c17983.txt") {
            #expect(report.contains("本年は、**日ASEANサイバーセキュリティ政策会議等の国際サイバー演習に参加。**"))
            #expect(report.contains("平成31年1月"))
        }
    }

    @Test("the six-country claim counts the visit's partners whatever its year, and stays unverifiable")
    func observersClaim() throws {
        let claim = try #require(try Self.dataset().claims.first { $0.id == "cl-nisc-2019-exercise-observers-6-countries" })
        let query = try #require(claim.query)
        #expect(query.from == nil && query.until == nil)
        #expect(query.events == ["ev-2018-cross-sectoral-exercise-foreign-observers"])
        #expect(claim.verdict == .unverifiable)
        #expect(claim.unverifiable?.en.contains("does not name the six countries") == true)
    }

    @Test("ongoing work named in the 2021 speech began on or before it; the online consultations lie between 2020 and 2021")
    func speechOngoing() throws {
        for id in ["ev-2021-un-oewg-discussions", "ev-2021-jaif-interpol-asean-cyber-capacity-project", "ev-2021-jaif-interpol-asean-joint-operation-cybercrime"] {
            let e = try Self.event(id)
            #expect(e.date == .notAfter(Self.date(2021)), "\(id): \(e.date)")
            #expect(e.dateNote?.hasPrefix("not later than the speech's date (2021)") == true, "\(id)")
        }
        for id in ["ev-2020-jp-uk-cyber-consultation-online", "ev-2020-jp-de-cyber-consultation-online", "ev-2020-jp-cn-kr-cyber-dialogue-online"] {
            let e = try Self.event(id)
            #expect(e.date == .between(Self.date(2020), Self.date(2021)), "\(id): \(e.date)")
            #expect(e.end == nil, "\(id)")
        }
        // What the speech does date stays dated: 本年 and 今年 are 2021.
        #expect(try Self.event("ev-2021-world-bank-cybersecurity-mdtf-contribution").date == .on(Self.date(2021)))
        #expect(try Self.event("ev-2021-jp-intl-law-position-published").date == .on(Self.date(2021)))
    }

    // MARK: Added from the MOD sheet

    /// Every MOD fact the sheet names without a date: kind, series and the partner that must take part.
    static let modFacts: [(id: String, kind: String, series: String, partner: String)] = [
        ("ev-by-fy2023-cyber-skills-challenge-mod-first", "exercise", "sr-cyber-skills-challenge", "au-dod"),
        ("ev-by-fy2023-jp-us-it-forum", "expert-meeting", "sr-jp-us-it-forum", "US"),
        ("ev-by-fy2023-cycon-mod-participation", "conference", "sr-cycon", "nato-ccdcoe"),
        ("ev-by-fy2023-jp-nato-cyber-defence-staff-talks", "bilateral-consultation", "sr-jp-nato-cyber-staff-talks", "nato"),
        ("ev-by-fy2023-jp-gb-defence-cyber-consultation", "bilateral-consultation", "sr-jp-gb-defence-cyber-consultation", "GB"),
        ("ev-by-fy2023-jp-de-defence-cyber-consultation", "bilateral-consultation", "sr-jp-de-defence-cyber-consultation", "DE"),
        ("ev-by-fy2023-jp-fr-defence-cyber-consultation", "bilateral-consultation", "sr-jp-fr-defence-cyber-consultation", "FR"),
        ("ev-by-fy2023-jp-ee-defence-cyber-consultation", "bilateral-consultation", "sr-jp-ee-defence-cyber-consultation", "EE"),
        ("ev-by-fy2023-mod-jp-asean-cyber-capacity-building", "technical-cooperation", "sr-jp-asean-mod-cyber-capacity-building", "asean"),
        ("ev-by-fy2023-jp-us-defence-ministers-meeting", "ministerial-meeting", "sr-jp-us-defence-ministers-meeting", "us-dod"),
    ] + (1...8).map { ("ev-by-fy2023-jp-vn-it-forum-\($0)", "expert-meeting", "sr-jp-vn-it-forum", "vn-mod") }

    @Test("the MOD facts the sheet names without a date are events not later than the sheet (FY2023)")
    func modFactsAdded() throws {
        for fact in Self.modFacts {
            let e = try Self.event(fact.id)
            #expect(e.kind == fact.kind, "\(fact.id): \(e.kind)")
            #expect(e.series == fact.series, "\(fact.id)")
            #expect(e.participants.contains { $0.actor == "jp-mod" }, "\(fact.id)")
            #expect(e.participants.contains { $0.actor == fact.partner }, "\(fact.id)")
            #expect(e.date.earliest == nil && e.date.latest == Self.endOfFY2023, "\(fact.id): \(e.date)")
            #expect(e.date.fiscalYear == nil, "\(fact.id)")
            #expect(e.dateNote?.hasPrefix("not later than the sheet's date (FY2023)") == true, "\(fact.id)")
            #expect(e.sources.allSatisfy { $0.source == "src-mod-fy2023-budget-review" }, "\(fact.id)")
        }
        let first = try Self.event("ev-by-fy2023-cyber-skills-challenge-mod-first")
        #expect(Self.actors(first, "organiser") == ["au-dod"])
        #expect(first.sources.contains { $0.locator == "3. ロジックモデル > アウトカム (初期)" })
        let cycon = try Self.event("ev-by-fy2023-cycon-mod-participation")
        #expect(cycon.sources.map(\.locator) == ["(参考資料) > NATO > NATOサイバー防衛協力センター（CCDCOE*1）との協力"])
        for id in ["gb", "de", "fr", "ee"] {
            let e = try Self.event("ev-by-fy2023-jp-\(id)-defence-cyber-consultation")
            #expect(e.sources.contains { $0.locator == "(参考資料) > 欧州（2国間） > 防衛当局間によるサイバー協議（英国、ドイツ、フランス、エストニア）" }, "\(id)")
        }
        // The eight Japan-Viet Nam IT Forums: ordinals 1 to 8 and no chair, as the sheet dates none.
        let forums = try Self.dataset().events.filter { $0.series == "sr-jp-vn-it-forum" && $0.status == nil }
        #expect(forums.count == 8)
        #expect(Set(forums.compactMap(\.ordinal)) == Set(1...8))
        #expect(forums.allSatisfy { Set($0.participants.map(\.actor)) == ["jp-mod", "vn-mod"] })
    }

    @Test("the Japan-U.S. cyber defence policy working group met not later than its joint statement")
    func cdpwg() throws {
        let e = try Self.event("ev-by-2015-05-jp-us-cdpwg")
        #expect(e.kind == "bilateral-consultation" && e.series == "sr-jp-us-cdpwg")
        #expect(e.date == .notAfter(Self.date(2015, 5)))
        #expect(Set(e.participants.map(\.actor)) == ["jp-mod", "us-dod"])
        let statement = try Self.event("ev-2015-05-jp-us-cdpwg-joint-statement")
        #expect(statement.date == .on(Self.date(2015, 5)) && statement.series == nil)
    }

    @Test("the MOD consultation indicator's query matches every consultation the sheet names")
    func indicatorMatches() throws {
        let dataset = try Self.dataset()
        let indicator = try #require(dataset.indicators.first { $0.id == "ind-mod-cyber-consultations" })
        let query = indicator.query
        let matched = Set(dataset.events.filter { e in
            e.status == nil && query.kinds.contains(e.kind) && query.with.allSatisfy { a in e.participants.contains { $0.actor == a } }
        }.map(\.id))
        let consultations = Self.modFacts.filter { ["bilateral-consultation", "expert-meeting"].contains($0.kind) }.map(\.id) + ["ev-by-2015-05-jp-us-cdpwg"]
        #expect(consultations.count == 15)
        for id in consultations { #expect(matched.contains(id), "\(id) is not counted by \(indicator.id)") }
        // The exercise indicator counts the first Cyber Skills Challenge.
        let exercises = try #require(dataset.indicators.first { $0.id == "ind-mod-cyber-exercises" }).query
        let csc = try Self.event("ev-by-fy2023-cyber-skills-challenge-mod-first")
        #expect(exercises.kinds.contains(csc.kind) && exercises.with.allSatisfy { a in csc.participants.contains { $0.actor == a } })
        // Computed: none of the fifteen lies in a single fiscal year, and the indicator says so
        // rather than reporting nothing; the five exercises likewise.
        let run = try TestSupport.renkei(["indicators", "--format", "json", "--data", TestSupport.root + "/data"])
        #expect(run.code == 0)
        let computed = try #require(try JSONSerialization.jsonObject(with: Data(run.out.utf8)) as? [[String: Any]])
        let byID = Dictionary(uniqueKeysWithValues: computed.map { ($0["id"] as? String ?? "", $0) })
        #expect(byID["ind-mod-cyber-consultations"]?["undetermined"] as? Int == 15)
        #expect(byID["ind-mod-cyber-consultations"]?["period_kind"] as? String == "fiscal-year")
        #expect(byID["ind-mod-cyber-exercises"]?["undetermined"] as? Int == 5)
    }

    @Test("the eight Japan-Viet Nam IT Forums hold: the records count the rounds the sheet counts")
    func itForumClaim() throws {
        let claim = try #require(try Self.dataset().claims.first { $0.id == "cl-mod-fy2023-jp-vn-it-forum-8" })
        #expect(claim.verdict == .holds)
        #expect(claim.unverifiable == nil)
    }

    // MARK: Added from the 2019 report, the 32nd meeting and the 2021 speech

    @Test("the 2019 report's undated efforts are not later than the report")
    func reportEfforts() throws {
        let expected: [(String, String, String?)] = [
            ("ev-by-2019-01-cybercrime-convention-expansion", "other", nil),
            ("ev-by-2019-01-gcsc-participation", "conference", "gcsc"),
            ("ev-by-2019-01-igf-participation", "conference", "igf"),
            ("ev-by-2019-01-gccs-participation", "conference", "gccs"),
        ]
        for (id, kind, forum) in expected {
            let e = try Self.event(id)
            #expect(e.kind == kind, "\(id)")
            #expect(e.date == .notAfter(Self.date(2019, 1)), "\(id): \(e.date)")
            #expect(e.dateNote?.hasPrefix("not later than the report's date (2019-01)") == true, "\(id)")
            #expect(Self.actors(e, "participant").contains("JP"), "\(id)")
            if let forum { #expect(e.participants.contains { $0.actor == forum }, "\(id)") }
        }
        let convention = try Self.event("ev-by-2019-01-cybercrime-convention-expansion")
        #expect(convention.title.ja == "サイバー犯罪条約の締約国の拡大・推進")
        #expect(convention.themes.contains("th-cb-cybercrime"))
    }

    @Test("the new post of Minister for Economic Security is not later than the 32nd meeting")
    func economicSecurityMinister() throws {
        let e = try Self.event("ev-by-2021-12-14-economic-security-minister-post")
        #expect(e.kind == "founding")
        #expect(e.date == .notAfter(PartialDate(year: 2021, month: 12, day: 14)!))
        #expect(e.dateNote?.hasPrefix("先般の組閣") == true)
        #expect(e.sources.map(\.locator) == ["4 議事概要 > （1）本部長冒頭挨拶"])
        // The holder is on record in the post, observed at the meeting, with no start.
        let post = try #require(try Self.dataset().memberships.first { $0.id == "mb-kobayashi-takayuki-economic-security-minister" })
        #expect(post.role.ja == "経済安全保障担当大臣" && post.start == nil)
    }

    @Test("the joint tabletop exercises and workshops with ASEAN began on or before the 2021 speech")
    func aseanJointWork() throws {
        for (id, kind) in [("ev-by-2021-japan-asean-joint-tabletop-exercises", "exercise"), ("ev-by-2021-japan-asean-joint-workshops", "workshop")] {
            let e = try Self.event(id)
            #expect(e.kind == kind, "\(id)")
            #expect(e.date == .notAfter(Self.date(2021)), "\(id): \(e.date)")
            #expect(Set(e.participants.map(\.actor)) == ["JP", "asean"], "\(id)")
            #expect(e.sources.map(\.locator) == ["能力構築支援 > 共同の机上演習やワークショップ"], "\(id)")
        }
    }

    @Test("facts already on record are not recorded twice")
    func noDuplicates() throws {
        let events = try Self.dataset().events.filter { $0.status == nil }
        #expect(events.filter { $0.series == "sr-cyber-skills-challenge" }.count == 1)
        #expect(events.filter { $0.series == "sr-cycon" }.count == 1)
        #expect(events.filter { $0.title.ja == "2022年サイバーセキュリティ月間" }.count == 1)
        #expect(events.filter { $0.kind == "exercise" && $0.participants.contains { $0.actor == "jp-nisc" } && $0.date == .on(Self.date(2019)) }.count == 1)
        #expect(events.filter { $0.title.ja.contains("経済安全保障担当大臣") }.count == 1)
    }
}
