import RenkeiModel

/// Small datasets built in code for tests: a valid one with one record of every collection,
/// and a hostile one whose texts carry what breaks careless writers.
public enum TestDatasets {
    static let cite = [Citation(source: "src-test", locator: "表1")]

    /// Texts that writers must carry without breaking their format: quotes, line breaks,
    /// markup, CDATA ends, spreadsheet formulas, Japanese, emoji, combining marks, right-to-left.
    public static let hostileTexts = [
        "He said \"hi\", then left; 'ok'",
        "line one\nline two\r\nline three",
        "<script>alert('x')</script> & </p>",
        "]]> end of CDATA",
        "=HYPERLINK(\"http://evil.example\",\"x\")",
        "+1+2", "-3+4", "@SUM(A1:A2)",
        "日本語のテキスト、「引用」と（括弧）",
        "emoji 🛡️👩‍💻🇯🇵",
        "combining e\u{0301} and \u{30AB}\u{3099}",
        "right-to-left \u{05E9}\u{05DC}\u{05D5}\u{05DD} مرحبا",
        "back\\slash and {braces} and [brackets] and |pipes| and `ticks` and *stars*",
        "tab\tseparated, comma; semicolon",
    ]

    /// One record of every collection, all valid.
    public static func minimal() -> Dataset {
        var d = Dataset(info: DatasetInfo(name: "test", version: "1.0.0", title: LocalizedText(ja: "試験", en: "Test")))
        d.sources = [
            Source(id: "src-test", kind: "report", title: LocalizedText(ja: "試験資料", en: "Test report"),
                   date: PartialDate(year: 2019, month: 1)!, issuers: ["JP"]),
        ]
        d.actors = [
            Actor(id: "JP", kind: "state", name: LocalizedText(ja: "日本国", en: "Japan"), aliases: ["日本"], sources: cite),
            Actor(id: "US", kind: "state", name: LocalizedText(ja: "アメリカ合衆国", en: "United States"), aliases: ["米国", "米"], sources: cite),
            Actor(id: "jp-mod", kind: "government-body", name: LocalizedText(ja: "防衛省", en: "Ministry of Defense"), parent: "JP", sources: cite),
            Actor(id: "apt99", kind: "threat-group", name: LocalizedText(ja: "APT99", en: "APT99"), sources: cite),
        ]
        d.persons = [Person(id: "test-taro", name: LocalizedText(ja: "試験 太郎", en: "TEST Taro"), sources: cite)]
        d.memberships = [
            Membership(id: "mb-test-taro", person: "test-taro", organization: "jp-mod",
                       role: LocalizedText(ja: "大臣", en: "Minister"), start: PartialDate(year: 2018, month: 7, day: 1), sources: cite),
        ]
        d.themes = [Theme(id: "th-test", name: LocalizedText(ja: "試験分野", en: "Test area"), sources: cite)]
        d.series = [Series(id: "sr-test-dialogue", kind: "bilateral-consultation", name: LocalizedText(ja: "日米対話", en: "Japan-US Dialogue"), partners: ["JP", "US"], sources: cite)]
        d.events = [
            Event(id: "ev-2018-07-test-dialogue-1", kind: "bilateral-consultation",
                  title: LocalizedText(ja: "第1回日米対話", en: "1st Japan-US Dialogue"), series: "sr-test-dialogue", ordinal: 1,
                  date: .on(PartialDate(year: 2018, month: 7, day: 3)!), location: Place(city: LocalizedText(ja: "東京", en: "Tokyo"), country: "JP"),
                  participants: [Participant(actor: "jp-mod", role: "host"), Participant(actor: "US", role: "participant")],
                  themes: ["th-test"], summary: LocalizedText(ja: "両国が協力を確認した。", en: "The two sides confirmed cooperation."),
                  outcomes: [LocalizedText(ja: "協力の継続", en: "Continued cooperation")],
                  persons: [PersonRole(person: "test-taro", role: "chair")], sources: cite),
            Event(id: "ev-2018-12-test-attribution", kind: "public-attribution",
                  title: LocalizedText(ja: "APT99に関する声明", en: "Statement on APT99"),
                  date: .on(PartialDate(year: 2018, month: 12)!), participants: [Participant(actor: "JP", role: "issuer")], sources: cite),
            Event(id: "ev-2017-test-exercise", kind: "exercise", title: LocalizedText(ja: "演習", en: "Exercise"),
                  date: .on(PartialDate(fiscalYear: 2017)!), participants: [Participant(actor: "jp-mod", role: "participant")], sources: cite),
        ]
        d.attributions = [
            Attribution(id: "at-2018-test", event: "ev-2018-12-test-attribution", incident: LocalizedText(ja: "攻撃", en: "Operation"),
                        attributedTo: ["apt99"], issuer: "JP", coSigners: ["US"], sources: cite),
        ]
        d.proposals = [Proposal(id: "pr-test", framework: "sr-test-dialogue", item: LocalizedText(ja: "連絡窓口", en: "Points of contact"), proposers: ["JP", "US"], sources: cite)]
        d.budgets = [
            Budget(id: "bg-test", title: LocalizedText(ja: "試験経費", en: "Test expenses"), fiscalYear: 2023,
                   amount: Money(value: 200_000_000, currency: "JPY"), basis: "expenditure", owner: "jp-mod",
                   activities: [.init(id: "act-test", text: LocalizedText(ja: "協議", en: "Consult"))],
                   outputs: [.init(id: "out-test", text: LocalizedText(ja: "協議の回数", en: "Number of consultations"), indicators: ["ind-test"])],
                   outcomes: [.init(id: "oc-test", term: "short", text: LocalizedText(ja: "連携", en: "Cooperation"))], sources: cite),
        ]
        d.indicators = [
            Indicator(id: "ind-test", name: LocalizedText(ja: "協議の回数", en: "Consultations held"), budget: "bg-test", output: "out-test",
                      query: Query(count: .events, kinds: ["bilateral-consultation"], with: ["jp-mod"]), sources: cite),
        ]
        d.claims = [
            Claim(id: "cl-test", source: "src-test", locator: "表1", statement: LocalizedText(ja: "1か国と協議", en: "Consulted one country"),
                  query: Query(count: .partners, kinds: ["bilateral-consultation"], exclude: ["JP", "jp-mod"]), expected: .number(1)),
        ]
        d.assessments = [
            Assessment(id: "as-test", assessor: "US", index: LocalizedText(ja: "指標", en: "Index"), year: 2020, subject: "JP", rank: 4,
                       scope: LocalizedText(ja: "世界", en: "global"), sources: cite),
        ]
        d.computeDerivedValues()
        return d
    }

    /// The minimal dataset with hostile texts in titles, names, summaries and outcomes, and
    /// one extra event per hostile text. The attribution's incident and the threat group's name
    /// carry the Unicode samples too, so formats that write only attributions meet them.
    public static func hostile() -> Dataset {
        var d = minimal()
        let texts = hostileTexts
        for (i, text) in texts.enumerated() {
            d.events.append(
                Event(id: "ev-2018-hostile-\(i)", kind: "workshop", title: LocalizedText(ja: text, en: text),
                      date: .on(PartialDate(year: 2018, month: 1 + i % 12)!),
                      location: Place(city: LocalizedText(ja: text, en: text), country: "JP"),
                      participants: [Participant(actor: "JP", role: "organiser")], themes: ["th-test"],
                      summary: LocalizedText(ja: text, en: text), outcomes: [LocalizedText(ja: text, en: text)], sources: cite))
        }
        d.actors[1].name = LocalizedText(ja: texts[2], en: texts[4])
        d.persons[0].name = LocalizedText(ja: texts[3], en: texts[5])
        d.themes[0].name = LocalizedText(ja: texts[8], en: texts[9])
        d.series[0].name = LocalizedText(ja: texts[10], en: texts[11])
        d.attributions[0].incident = LocalizedText(ja: texts[8], en: texts[9])
        d.actors[3].name = LocalizedText(ja: texts[10], en: texts[11])
        d.computeDerivedValues()
        return d
    }

    /// A dataset with nothing in it but its name.
    public static func empty() -> Dataset { Dataset(info: DatasetInfo(name: "empty", version: "0.0.0")) }
}
