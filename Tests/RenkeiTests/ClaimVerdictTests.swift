import Foundation
import RenkeiModel
import Testing

/// The queries that count what a source counts, the three verdicts of a claim, and the one
/// definition of a cooperation partner.
@Suite("Claims, their queries and verdicts")
struct ClaimVerdictTests {
    static let cite = [Citation(source: "src-test", locator: "表1")]

    static func event(
        _ id: String, _ kind: String = "meeting", date: PartialDate, series: String? = nil, ordinal: Int? = nil,
        _ participants: [(String, String)]
    ) -> Event {
        Event(id: id, kind: kind, title: LocalizedText(ja: id, en: id), series: series, ordinal: ordinal, date: .on(date),
              participants: participants.map { Participant(actor: $0.0, role: $0.1) }, sources: cite)
    }

    static func actor(_ id: String, _ kind: String = "state", parent: String? = nil, members: [String] = [], founded: PartialDate? = nil) -> Actor {
        Actor(id: id, kind: kind, name: LocalizedText(ja: id, en: id), parent: parent, members: members, founded: founded, sources: cite)
    }

    static func evaluate(_ query: Query, actors: [Actor] = [], events: [Event] = []) -> QueryEvaluator {
        var evaluator = QueryEvaluator(query)
        for a in actors { evaluator.add(a) }
        for e in events { evaluator.add(e) }
        return evaluator
    }

    // MARK: Members of an actor

    @Test("members of an actor are its listed members, less exclude and retired actors")
    func members() {
        var retired = Self.actor("XX")
        retired.status = "deprecated"
        retired.reason = LocalizedText(ja: "誤り", en: "A mistake")
        let forum = Self.actor("forum", "forum", members: ["BN", "KH", "JP", "secretariat", "XX"], founded: PartialDate(year: 2009, month: 2))
        let query = Query(count: .members, exclude: ["JP", "secretariat"], of: "forum", asOf: PartialDate(year: 2019, month: 1))
        #expect(Self.evaluate(query, actors: [forum, retired]).totalValue == 2)
    }

    @Test("an actor founded after as_of had no members then")
    func foundedLater() {
        let forum = Self.actor("forum", "forum", members: ["BN", "KH"], founded: PartialDate(year: 2020))
        let query = Query(count: .members, of: "forum", asOf: PartialDate(year: 2019, month: 1))
        #expect(Self.evaluate(query, actors: [forum]).totalValue == 0)
    }

    @Test("a membership-start event adds its members when dated on or before as_of")
    func joined() {
        let forum = Self.actor("forum", "forum", members: ["BN"])
        let joins = [
            Self.event("ev-2018-join", "membership-start", date: PartialDate(year: 2018)!, [("forum", "host"), ("KH", "member")]),
            Self.event("ev-2020-join", "membership-start", date: PartialDate(year: 2020)!, [("forum", "host"), ("LA", "member")]),
            Self.event("ev-2018-other", "meeting", date: PartialDate(year: 2018)!, [("forum", "host"), ("MM", "member")]),
        ]
        let query = Query(count: .members, of: "forum", asOf: PartialDate(year: 2019, month: 1))
        #expect(Self.evaluate(query, actors: [forum], events: joins).totalValue == 2)
    }

    // MARK: Events of a series up to a date

    @Test("editions count the rounds an ordinal implies, up to the date")
    func editions() {
        let events = [
            Self.event("ev-2018-1", date: PartialDate(year: 2018, month: 9)!, series: "sr-a", ordinal: 1, [("JP", "host")]),
            Self.event("ev-2021-4", date: PartialDate(year: 2021, month: 10)!, series: "sr-a", ordinal: 4, [("JP", "host")]),
            Self.event("ev-2022-5", date: PartialDate(year: 2022, month: 10)!, series: "sr-a", ordinal: 5, [("JP", "host")]),
            Self.event("ev-2019-b", date: PartialDate(year: 2019)!, series: "sr-b", [("JP", "host")]),
            Self.event("ev-2019-b2", date: PartialDate(year: 2019)!, series: "sr-b", [("JP", "host")]),
        ]
        #expect(Self.evaluate(Query(count: .editions, series: ["sr-a"], until: PartialDate(year: 2021, month: 10)), events: events).totalValue == 4)
        #expect(Self.evaluate(Query(count: .editions, series: ["sr-a", "sr-b"]), events: events).totalValue == 7)
        // Plain events count only what is on record.
        #expect(Self.evaluate(Query(count: .events, series: ["sr-a"], until: PartialDate(year: 2021, month: 10)), events: events).totalValue == 2)
    }

    // MARK: Distinct partners over a set of events

    @Test("distinct partners over a given set of events")
    func partnersOverEvents() {
        let events = [
            Self.event("ev-a", date: PartialDate(year: 2018)!, [("JP", "participant"), ("US", "participant")]),
            Self.event("ev-b", date: PartialDate(year: 2018)!, [("JP", "participant"), ("US", "participant"), ("GB", "participant")]),
            Self.event("ev-c", date: PartialDate(year: 2018)!, [("JP", "participant"), ("FR", "participant")]),
        ]
        let query = Query(count: .partners, exclude: ["JP"], events: ["ev-a", "ev-b"])
        #expect(Self.evaluate(query, events: events).totalValue == 2)
    }

    @Test("the new query fields round-trip through JSON")
    func roundTrip() throws {
        let query = Query(count: .members, exclude: ["JP"], of: "forum", asOf: PartialDate(year: 2019, month: 1), events: ["ev-a"])
        let data = try JSONEncoder().encode(query)
        let text = String(decoding: data, as: UTF8.self)
        #expect(text.contains("\"as_of\"") && text.contains("\"of\"") && text.contains("\"events\""))
        #expect(try JSONDecoder().decode(Query.self, from: data) == query)
    }

    // MARK: Verdicts

    static func claim(_ query: Query?, expected: Int, unverifiable: LocalizedText? = nil, discrepancy: LocalizedText? = nil) -> Claim {
        Claim(id: "cl-test", source: "src-test", locator: "表1", statement: LocalizedText(ja: "例", en: "Example"),
              query: query, expected: .number(expected), unverifiable: unverifiable, discrepancy: discrepancy)
    }

    static let events = [
        event("ev-a", date: PartialDate(year: 2018)!, [("JP", "participant"), ("US", "participant")]),
    ]
    static let reason = LocalizedText(ja: "資料は構成国を挙げていない", en: "The source does not list them")

    func computed(_ claim: Claim) -> Claim {
        var evaluator = QueryEvaluator(claim.query ?? Query(count: .events))
        for e in Self.events { evaluator.add(e) }
        return claim.computed(by: evaluator)
    }

    @Test("holds: the records give the stated value")
    func holds() {
        let c = computed(Self.claim(Query(count: .events), expected: 1))
        #expect(c.verdict == .holds && c.holds == true && c.actual == .number(1))
    }

    @Test("fails: the records contradict the source, with expected and actual kept")
    func fails() {
        let c = computed(Self.claim(Query(count: .events), expected: 2))
        #expect(c.verdict == .fails && c.holds == false && c.actual == .number(1) && c.expected == .number(2))
    }

    @Test("unverifiable: a differing value with the reason the records cannot decide; holds is then null, not false")
    func unverifiable() {
        let c = computed(Self.claim(Query(count: .events), expected: 15, unverifiable: Self.reason))
        #expect(c.verdict == .unverifiable && c.holds == nil && c.actual == .number(1))
    }

    @Test("a claim without a query is unverifiable")
    func noQuery() {
        let c = computed(Self.claim(nil, expected: 11, unverifiable: Self.reason))
        #expect(c.verdict == .unverifiable && c.actual == nil && c.holds == nil)
    }

    @Test("an unverifiable reason does not hide a value that holds")
    func reasonButHolds() {
        #expect(computed(Self.claim(Query(count: .events), expected: 1, unverifiable: Self.reason)).verdict == .holds)
    }

    @Test("a retired event never counts towards a claim")
    func retired() {
        var gone = Self.events[0]
        gone.status = "deprecated"
        gone.reason = LocalizedText(ja: "誤り", en: "A mistake")
        var evaluator = QueryEvaluator(Query(count: .events))
        evaluator.add(gone)
        #expect(Self.claim(Query(count: .events), expected: 0).computed(by: evaluator).verdict == .holds)
    }

    // MARK: Cooperation partners

    @Test("partners: not targets, not threat groups; agencies as their state; partner sets as their members; only with Japan")
    func cooperationPartners() {
        var definition = CooperationPartners()
        for a in [
            Self.actor("JP"), Self.actor("jp-mod", "government-body", parent: "JP"), Self.actor("CN"), Self.actor("KR"),
            Self.actor("US"), Self.actor("us-dod", "government-body", parent: "US"), Self.actor("apt10", "threat-group"),
            Self.actor("cn-kr", "partner-set", members: ["CN", "KR"]), Self.actor("g20", "forum"),
            Self.actor("acme", "company"),
        ] { definition.add(a) }
        func partners(_ list: [(String, String)]) -> [String] {
            definition.partners(of: list.map { Participant(actor: $0.0, role: $0.1) }).partners
        }
        #expect(partners([("JP", "issuer"), ("apt10", "target"), ("CN", "target")]).isEmpty)
        #expect(partners([("jp-mod", "participant"), ("us-dod", "participant"), ("acme", "participant")]) == ["US"])
        #expect(partners([("JP", "participant"), ("cn-kr", "participant")]) == ["CN", "KR"])
        #expect(partners([("US", "participant"), ("g20", "participant")]).isEmpty)
    }
}
