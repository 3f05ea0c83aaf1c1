import Foundation
import RenkeiModel
import Testing

/// Facts corrected or added after reading the records against the source documents, each
/// pinned so it cannot drift back; and the verdicts of the claims that used to count the wrong
/// thing.
@Suite("Corrected facts and claims")
struct FactCorrectionTests {
    static func dataset() throws -> Dataset { try #require(DatasetTests.checked.dataset) }

    static func event(_ id: String) throws -> Event {
        try #require(try dataset().events.first { $0.id == id }, "\(id) is missing")
    }

    /// The raw text of a seed document, or nil when `../shared` is absent.
    static func seed(_ file: String) -> String? {
        guard let shared = TestSupport.shared else { return nil }
        return try? String(contentsOfFile: shared + "/seeds/" + file, encoding: .utf8)
    }

    // MARK: Claims

    @Test("claims count what the source counts, with the verdict the sources support")
    func verdicts() throws {
        let claims = Dictionary(uniqueKeysWithValues: try Self.dataset().claims.map { ($0.id, $0) })
        let expected: [String: Claim.Verdict] = [
            "cl-nisc-2019-consultations-per-year": .holds,
            "cl-nisc-2019-13-partners": .holds,
            "cl-nisc-2019-arf-three-meetings": .holds,
            // The ten ASEAN states are the forum's members, not a meeting's participants.
            "cl-nisc-2019-japan-asean-policy-meeting-10-members": .holds,
            "cl-nisc-2019-meridian-about-70-countries": .unverifiable,
            "cl-nisc-2019-iwwn-15-countries": .unverifiable,
            "cl-nisc-2019-japan-asean-three-working-meetings": .unverifiable,
            "cl-nisc-2019-exercise-observers-6-countries": .unverifiable,
            // The eight rounds are recorded, each dated only as not later than the sheet.
            "cl-mod-fy2023-jp-vn-it-forum-8": .holds,
            "cl-mod-fy2023-cyber-coalition-2019-2022": .holds,
            "cl-mod-fy2023-locked-shields-2021-2022": .holds,
            "cl-mod-fy2023-ccdcoe-one-official": .holds,
            "cl-cshq-32-meti-exercise-14-partners": .unverifiable,
            // The fourth round says three came before it.
            "cl-cshq-32-meti-exercise-4th-edition": .holds,
            "cl-cshq-32-two-decisions": .holds,
            // The sixth session says five came before it.
            "cl-odawara-2021-un-gge-six-sessions": .holds,
            "cl-odawara-2021-un-gge-25-experts": .unverifiable,
            "cl-odawara-2021-un-gge-four-reports": .unverifiable,
            "cl-odawara-2021-un-gge-11-norms": .unverifiable,
            "cl-odawara-2021-14-national-positions": .unverifiable,
            "cl-odawara-2021-14-consultation-partners": .unverifiable,
            "cl-odawara-2021-ransomware-30-countries": .unverifiable,
        ]
        #expect(Set(claims.keys) == Set(expected.keys))
        for (id, verdict) in expected {
            #expect(claims[id]?.verdict == verdict, "\(id): \(String(describing: claims[id]?.verdict))")
        }
        let members = try #require(claims["cl-nisc-2019-japan-asean-policy-meeting-10-members"]?.query)
        #expect(members.count == .members && members.of == "japan-asean-cybersecurity-policy-meeting" && members.asOf != nil)
        // Norms are not records: the claim counts nothing rather than counting reports.
        #expect(claims["cl-odawara-2021-un-gge-11-norms"]?.query == nil)
    }

    // MARK: Corrections

    @Test("APT10: the G20 members are asked to act responsibly, not accused")
    func apt10() throws {
        let e = try Self.event("ev-2018-12-apt10-attribution")
        #expect(e.participants.filter { $0.role == "target" }.map(\.actor) == ["apt10"])
        #expect(!e.participants.contains { $0.actor == "g20" })
    }

    @Test("ITU GCI 2020: the minutes write 6月28日, not 本年6月28日")
    func ituDate() throws {
        let e = try Self.event("ev-2021-06-28-itu-gci-2020")
        #expect(e.date == .on(PartialDate(year: 2021, month: 6, day: 28)!))
        let note = try #require(e.dateNote)
        #expect(note.hasPrefix("6月28日") && !note.contains("本年"))
        if let minutes = Self.seed("003_e5551d00702aaa27.txt") {
            #expect(minutes.contains("6月28日にITU") && !minutes.contains("本年6月28日"))
        }
    }

    @Test("year-only consultations are titled by the series name the document gives, or as a サイバー協議")
    func consultationNaming() throws {
        let e = try Self.event("ev-2017-jp-in-dialogue")
        #expect(e.title.ja == "日印サイバー協議（2017年）")
        guard let texts = try SourceDocumentTests.seedTexts(), let report = texts["src-nisc-2019-status"] else { return }
        let table = "各年別二国間サイバー協議等の開催実績"
        let yearOnly = try Self.dataset().events.filter { e in
            e.ordinal == nil && e.sources.contains { $0.locator.hasSuffix(table) } && e.kind.hasSuffix("consultation")
        }
        #expect(yearOnly.count >= 25)
        for e in yearOnly {
            let stem = e.title.ja.replacingOccurrences(of: "（[0-9]{4}年）$", with: "", options: .regularExpression)
            #expect(report.contains(SourceDocumentTests.normalized(stem)) || stem.hasSuffix("サイバー協議"), "\(e.id): \(e.title.ja)")
        }
    }

    @Test("the CCDCOE heading is cited as written, with its footnote mark")
    func ccdcoeLocator() throws {
        let locators = try Self.dataset().allRecords.flatMap { $0.base.citations.map(\.locator) }
        let ccdcoe = locators.filter { $0.contains("との協力") && $0.contains("CCDCOE") }
        #expect(ccdcoe.count >= 5)
        for locator in ccdcoe { #expect(locator.hasSuffix("NATOサイバー防衛協力センター（CCDCOE*1）との協力"), "\(locator)") }
    }

    @Test("the 2016 policy's seven bodies are cited at the line that names them, not at the title")
    func issuerLocators() throws {
        let dataset = try Self.dataset()
        let policy = try #require(dataset.sources.first { $0.id == "src-basic-policy-2016" })
        #expect(policy.issuers.count == 7)
        let line = try #require(Self.seed("000_9016ff650b982543.txt")?.split(separator: "\n").first { $0.hasPrefix("平成28年10月 ") })
        for id in policy.issuers {
            let actor = try #require(dataset.actors.first { $0.id == id })
            let citations = actor.sources.filter { $0.source == policy.id }
            #expect(!citations.isEmpty && citations.allSatisfy { $0.locator != "表題" }, "\(id)")
            #expect(citations.contains { $0.locator.hasSuffix(String(line)) && line.contains(actor.name.ja) }, "\(id)")
        }
    }

    @Test("remarks at the 32nd meeting say what the minutes say, under the item they belong to")
    func remarks() throws {
        let meeting = try Self.event("ev-2021-12-14-cshq-32")
        let goto = try #require(meeting.remarks.first { $0.person == "goto-atsuhiro" && $0.agenda == "ag-cshq-32-tokyo-games" })
        #expect(goto.summary.ja.contains("この1年") && !goto.summary.en.contains("coming year"))
        let maeda = meeting.remarks.filter { $0.person == "maeda-masahide" }
        #expect(!maeda.isEmpty && maeda.allSatisfy { $0.agenda == "ag-cshq-32-priority-plan-opinion" })
        let opinion = try Self.event("ev-2021-12-14-cshq-opinion-digital-priority-plan")
        #expect(opinion.summary?.en.contains("do not give the opinion's content") == true)
        #expect(opinion.summary?.en.contains("convenience") == false)
        let quad = try Self.event("ev-2021-09-quad-leaders-meeting")
        #expect(!quad.participants.contains { $0.actor == "quad" })
    }

    @Test("the assessments the minutes give no year for have none")
    func undatedAssessments() throws {
        let assessments = try Self.dataset().assessments
        let ncsi = try #require(assessments.first { $0.id == "as-ncsi-jp-cybersecurity" })
        #expect(ncsi.year == nil && ncsi.scope.en.contains("no year given"))
        #expect(assessments.filter { $0.id.hasPrefix("as-ncsi-") || $0.id.hasPrefix("as-iiss-") }.allSatisfy { $0.year == nil })
        // The ITU index names its year.
        #expect(assessments.first { $0.id == "as-itu-gci-2020-jp-asia" }?.year == 2020)
    }

    // MARK: Added facts

    @Test("facts the sources date are recorded with that date")
    func added() throws {
        let exercises = try Self.event("ev-2019-nisc-international-cyber-exercises")
        #expect(exercises.date == .on(PartialDate(year: 2019)!) && exercises.dateNote?.hasPrefix("本年") == true)
        #expect(exercises.participants.contains { $0.actor == "jp-nisc" })
        #expect(try Self.event("ev-2022-cybersecurity-month").date == .on(PartialDate(year: 2022)!))
        let bill = try Self.event("ev-2022-economic-security-bill-plan")
        #expect(bill.date == .on(PartialDate(year: 2022)!) && bill.dateNote?.hasPrefix("来年の通常国会") == true)
        let memberships = try Self.dataset().memberships.filter { $0.person == "nohara-sawako" && $0.role.ja == "社外取締役" }
        #expect(Set(memberships.map(\.organization)) == ["nec", "sompo-hd"])
        #expect(memberships.allSatisfy { $0.start == nil })
    }

    // MARK: Partners

    @Test("renkei stats counts cooperation partners: no threat group, and China as often as in the report's network")
    func statsPartners() throws {
        let stats = try TestSupport.renkei(["stats", "--format", "markdown", "--data", TestSupport.root + "/data"])
        #expect(stats.code == 0)
        let section = try #require(stats.out.components(separatedBy: "### Partners").dropFirst().first?.components(separatedBy: "###").first)
        let rows = section.split(separator: "\n").filter { $0.hasPrefix("| ") }.map { $0.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) } }
        let counts = Dictionary(rows.dropFirst().map { ($0[0], Int($0[2]) ?? -1) }, uniquingKeysWith: { a, _ in a })
        for threat in ["apt10", "apt40", "tick"] { #expect(counts[threat] == nil, "\(threat)") }
        #expect(counts["g20"] == nil)
        // The same definition drives the report's network: count China's shared events there.
        let dataset = try Self.dataset()
        var definition = CooperationPartners()
        for a in dataset.actors { definition.add(a) }
        let china = dataset.events.filter { definition.partners(of: $0.participants).partners.contains("CN") }.count
        #expect(counts["CN"] == china)
    }
}
