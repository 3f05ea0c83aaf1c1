import Foundation

/// A generator of realistic synthetic source data, in the YAML format of `data/`, for scale
/// benchmarks and tests: every collection, records that reference each other, and on request a
/// known number of planted findings.
///
/// The output depends only on the number of events, the seed and the number of planted errors,
/// never on the machine or the time: the same arguments write byte-identical files. Without
/// planted errors the data validates with no finding at all.
public struct SyntheticData: Sendable {
    /// The number of events to write.
    public var events: Int
    /// The seed of the pseudo-random choices.
    public var seed: UInt64
    /// The number of findings to plant, spread over the events (at most ``maximumErrors``).
    public var errors: Int
    /// Events per file of `events/`.
    public var eventsPerFile: Int

    public init(events: Int, seed: UInt64 = 1, errors: Int = 0, eventsPerFile: Int = 1_000) {
        self.events = events
        self.seed = seed
        self.errors = errors
        self.eventsPerFile = max(1, eventsPerFile)
    }

    /// The rules whose findings can be planted, in the order they are planted.
    public static let plantableRules = [
        "ref-unknown", "date-range", "enum-value", "event-participants", "text-bilingual", "date-after-source",
        "id-unique", "claim-holds", "link-kind", "series-ordinal-order", "text-hygiene", "id-format",
    ]

    /// The most findings that can be planted among `events` events: one per event outside the
    /// series that has no other role.
    public static func maximumErrors(events: Int) -> Int { events / 5 }

    /// A finding planted on purpose: the rule that must report it and the record it is about.
    public struct Planted: Sendable, Hashable, CustomStringConvertible {
        public let rule: String
        public let record: String
        public init(rule: String, record: String) {
            self.rule = rule
            self.record = record
        }
        public var description: String { "\(rule) \(record)" }
    }

    /// What was written: the files (relative paths, sorted), the records per collection and the
    /// planted findings.
    public struct Summary: Sendable {
        public var files: [String] = []
        public var records: [String: Int] = [:]
        public var planted: [Planted] = []
    }

    /// A failure to write: the folder is not empty, or a file could not be written.
    public struct WriteError: Error, CustomStringConvertible {
        public let description: String
    }

    /// Writes the data into `directory`, which must be missing or empty.
    @discardableResult
    public func write(to directory: String) throws -> Summary {
        let fm = FileManager.default
        var isDirectory: ObjCBool = false
        if fm.fileExists(atPath: directory, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else { throw WriteError(description: "\(directory) is a file: name a new or empty folder") }
            let content = (try? fm.contentsOfDirectory(atPath: directory)) ?? []
            guard content.isEmpty else { throw WriteError(description: "\(directory) is not empty: name a new or empty folder") }
        }
        var writer = Writer(spec: self, directory: directory)
        try writer.run()
        return writer.summary
    }
}

// MARK: - The fixed vocabulary

/// A state: its ISO code, its names and the short Japanese alias sources use.
struct StateName {
    let id: String, ja: String, en: String, alias: String, city: (ja: String, en: String)
}

enum Vocabulary {
    static let states: [StateName] = [
        StateName(id: "US", ja: "アメリカ合衆国", en: "United States of America", alias: "米国", city: ("ワシントン", "Washington")),
        StateName(id: "GB", ja: "英国", en: "United Kingdom", alias: "英", city: ("ロンドン", "London")),
        StateName(id: "FR", ja: "フランス", en: "France", alias: "仏", city: ("パリ", "Paris")),
        StateName(id: "DE", ja: "ドイツ", en: "Germany", alias: "独", city: ("ベルリン", "Berlin")),
        StateName(id: "AU", ja: "オーストラリア", en: "Australia", alias: "豪州", city: ("キャンベラ", "Canberra")),
        StateName(id: "IN", ja: "インド", en: "India", alias: "印", city: ("ニューデリー", "New Delhi")),
        StateName(id: "EE", ja: "エストニア", en: "Estonia", alias: "エストニア共和国", city: ("タリン", "Tallinn")),
        StateName(id: "IL", ja: "イスラエル", en: "Israel", alias: "イスラエル国", city: ("テルアビブ", "Tel Aviv")),
        StateName(id: "KR", ja: "大韓民国", en: "Republic of Korea", alias: "韓国", city: ("ソウル", "Seoul")),
        StateName(id: "CN", ja: "中華人民共和国", en: "People's Republic of China", alias: "中国", city: ("北京", "Beijing")),
        StateName(id: "EU", ja: "欧州連合", en: "European Union", alias: "欧州", city: ("ブリュッセル", "Brussels")),
        StateName(id: "VN", ja: "ベトナム", en: "Viet Nam", alias: "越", city: ("ハノイ", "Hanoi")),
        StateName(id: "TH", ja: "タイ", en: "Thailand", alias: "タイ王国", city: ("バンコク", "Bangkok")),
        StateName(id: "SG", ja: "シンガポール", en: "Singapore", alias: "星", city: ("シンガポール", "Singapore")),
        StateName(id: "MY", ja: "マレーシア", en: "Malaysia", alias: "馬", city: ("クアラルンプール", "Kuala Lumpur")),
        StateName(id: "ID", ja: "インドネシア", en: "Indonesia", alias: "尼", city: ("ジャカルタ", "Jakarta")),
        StateName(id: "PH", ja: "フィリピン", en: "Philippines", alias: "比", city: ("マニラ", "Manila")),
        StateName(id: "UA", ja: "ウクライナ", en: "Ukraine", alias: "烏", city: ("キーウ", "Kyiv")),
        StateName(id: "CA", ja: "カナダ", en: "Canada", alias: "加", city: ("オタワ", "Ottawa")),
        StateName(id: "NZ", ja: "ニュージーランド", en: "New Zealand", alias: "NZL", city: ("ウェリントン", "Wellington")),
        StateName(id: "IT", ja: "イタリア", en: "Italy", alias: "伊", city: ("ローマ", "Rome")),
        StateName(id: "NL", ja: "オランダ", en: "Netherlands", alias: "蘭", city: ("ハーグ", "The Hague")),
        StateName(id: "KH", ja: "カンボジア", en: "Cambodia", alias: "カンボジア王国", city: ("プノンペン", "Phnom Penh")),
        StateName(id: "LA", ja: "ラオス", en: "Lao People's Democratic Republic", alias: "ラオス人民民主共和国", city: ("ビエンチャン", "Vientiane")),
        StateName(id: "MM", ja: "ミャンマー", en: "Myanmar", alias: "ミャンマー連邦", city: ("ネピドー", "Naypyidaw")),
        StateName(id: "BN", ja: "ブルネイ", en: "Brunei Darussalam", alias: "ブルネイ・ダルサラーム国", city: ("バンダルスリブガワン", "Bandar Seri Begawan")),
        StateName(id: "KP", ja: "北朝鮮", en: "Democratic People's Republic of Korea", alias: "朝鮮民主主義人民共和国", city: ("平壌", "Pyongyang")),
        StateName(id: "RU", ja: "ロシア", en: "Russian Federation", alias: "露", city: ("モスクワ", "Moscow")),
    ]
    /// The ASEAN member states among ``states``.
    static let asean = ["BN", "ID", "KH", "LA", "MM", "MY", "PH", "SG", "TH", "VN"]
    /// Partners of bilateral and trilateral series and events (not KP, CN and RU).
    static let partners = ["US", "GB", "FR", "DE", "AU", "IN", "EE", "IL", "KR", "EU", "VN", "TH", "SG", "MY", "ID", "PH", "UA", "CA", "NZ", "IT", "NL"]

    static let bodies: [(id: String, ja: String, en: String, parent: String?)] = [
        ("jp-cabinet", "内閣", "Cabinet", nil),
        ("jp-nisc", "内閣サイバーセキュリティセンター", "National center of Incident readiness and Strategy for Cybersecurity", "jp-cabinet"),
        ("jp-mofa", "外務省", "Ministry of Foreign Affairs", "jp-cabinet"),
        ("jp-mod", "防衛省", "Ministry of Defense", "jp-cabinet"),
        ("jp-meti", "経済産業省", "Ministry of Economy, Trade and Industry", "jp-cabinet"),
        ("jp-mic", "総務省", "Ministry of Internal Affairs and Communications", "jp-cabinet"),
        ("jp-npa", "警察庁", "National Police Agency", "jp-cabinet"),
        ("jp-jica", "国際協力機構", "Japan International Cooperation Agency", "jp-mofa"),
        ("jp-jpcert", "JPCERTコーディネーションセンター", "JPCERT Coordination Center", nil),
    ]

    static let themes: [(id: String, ja: String, en: String, parent: String?)] = [
        ("th-syn-cooperation", "国際協力", "International cooperation", nil),
        ("th-syn-capacity-building", "能力構築支援", "Capacity building", "th-syn-cooperation"),
        ("th-syn-incident-response", "インシデント対応能力の向上", "Incident response capability", "th-syn-capacity-building"),
        ("th-syn-critical-infrastructure", "重要インフラ防護", "Protection of critical infrastructure", "th-syn-capacity-building"),
        ("th-syn-awareness", "普及啓発", "Awareness raising", "th-syn-capacity-building"),
        ("th-syn-cybercrime", "サイバー犯罪対策", "Countering cybercrime", "th-syn-cooperation"),
        ("th-syn-norms", "国際規範", "International norms", "th-syn-cooperation"),
        ("th-syn-confidence-building", "信頼醸成措置", "Confidence-building measures", "th-syn-norms"),
        ("th-syn-deterrence", "抑止", "Deterrence", nil),
        ("th-syn-information-sharing", "脅威情報の共有", "Sharing threat information", "th-syn-cooperation"),
        ("th-syn-human-resources", "人材育成", "Developing human resources", "th-syn-capacity-building"),
        ("th-syn-defence", "防衛協力", "Defence cooperation", "th-syn-cooperation"),
    ]

    /// Kinds of series, with the words of their names.
    static let seriesKinds: [(kind: String, ja: String, en: String)] = [
        ("bilateral-consultation", "サイバー協議", "Cyber Consultation"),
        ("expert-meeting", "サイバー専門家会合", "Cyber Expert Meeting"),
        ("exercise", "サイバー演習", "Cyber Exercise"),
        ("trilateral-consultation", "三か国サイバー協議", "Trilateral Cyber Consultation"),
        ("multilateral-consultation", "多国間サイバー対話", "Multilateral Cyber Dialogue"),
        ("training", "サイバー研修", "Cyber Training"),
        ("ministerial-meeting", "サイバー閣僚会合", "Cyber Ministerial Meeting"),
    ]

    /// Kinds of events outside any series, with their words.
    static let eventKinds: [(kind: String, ja: String, en: String)] = [
        ("workshop", "ワークショップ", "workshop"),
        ("seminar", "セミナー", "seminar"),
        ("training", "研修", "training course"),
        ("expert-dispatch", "専門家派遣", "expert dispatch"),
        ("visit", "訪問", "visit"),
        ("conference", "国際会議", "conference"),
        ("grant-project", "無償資金協力", "grant project"),
        ("technical-cooperation", "技術協力", "technical cooperation"),
        ("joint-statement", "共同声明", "joint statement"),
        ("equipment-provision", "機材供与", "equipment provision"),
        ("bilateral-consultation", "協議", "consultation"),
        ("leaders-meeting", "首脳会談", "summit meeting"),
    ]

    static let sourceKinds = ["report", "minutes", "statement", "budget-review", "policy", "speech"]

    static let families: [(ja: String, en: String)] = [
        ("佐藤", "SATO"), ("鈴木", "SUZUKI"), ("高橋", "TAKAHASHI"), ("田中", "TANAKA"), ("伊藤", "ITO"),
        ("渡辺", "WATANABE"), ("山本", "YAMAMOTO"), ("中村", "NAKAMURA"), ("小林", "KOBAYASHI"), ("加藤", "KATO"),
        ("吉田", "YOSHIDA"), ("山田", "YAMADA"), ("佐々木", "SASAKI"), ("山口", "YAMAGUCHI"), ("松本", "MATSUMOTO"),
    ]
    static let givens: [(ja: String, en: String)] = [
        ("太郎", "Taro"), ("花子", "Hanako"), ("一郎", "Ichiro"), ("健", "Ken"), ("美咲", "Misaki"),
        ("大輔", "Daisuke"), ("直子", "Naoko"), ("修", "Osamu"), ("由美", "Yumi"), ("誠", "Makoto"),
        ("恵", "Megumi"), ("浩", "Hiroshi"),
    ]
    static let posts: [(ja: String, en: String)] = [
        ("審議官", "Deputy Director-General"), ("参事官", "Counsellor"), ("課長", "Director"),
        ("大臣", "Minister"), ("副大臣", "State Minister"), ("センター長", "Director-General"),
    ]
}

/// SplitMix64: a small, fast, portable generator, so the same seed gives the same data everywhere.
struct SplitMix64 {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    /// A number in `0..<n` (n > 0).
    mutating func below(_ n: Int) -> Int { Int(next() % UInt64(n)) }
    mutating func pick<T>(_ list: [T]) -> T { list[below(list.count)] }
}

/// Writes scalars so YAML reads them back as the same text.
enum YAMLText {
    static let special = Set(":#,[]{}&*!|>'\"%@`\\")

    static func quoted(_ s: String) -> String {
        let needs = s.isEmpty || s.contains(where: { special.contains($0) }) || s.first == " " || s.last == " "
            || s.first == "-" || s.first == "?" || s.contains("  ") || s.first.map(\.isNumber) == true
            || ["true", "false", "null", "yes", "no", "on", "off", "~"].contains(s.lowercased())
        guard needs else { return s }
        return "\"" + s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }

    static func text(_ ja: String, _ en: String) -> String { "{ja: \(quoted(ja)), en: \(quoted(en))}" }
}

// MARK: - The writer

/// Writes one synthetic dataset: the shape of the data is fixed by the event count, the
/// pseudo-random choices by the seed.
struct Writer {
    let spec: SyntheticData
    let directory: String
    var summary = SyntheticData.Summary()
    var rng: SplitMix64

    /// Numbers of records, all derived from the number of events.
    let n: Int, seriesCount: Int, seriesSlots: Int, sourceCount: Int, personCount: Int
    let threatGroups: Int, claimCount: Int, indicatorCount: Int, budgetCount: Int, proposalCount: Int, assessmentCount: Int
    /// The planted rule of each target event, by event index.
    var plantAt: [Int: String] = [:]
    /// Records written after the events (attributions found while writing events), in files of
    /// at most `eventsPerFile` records each, like the events and series.
    var attributions = ""
    var attributionCount = 0
    var pendingAttributions = 0
    var attributionFiles = 0

    init(spec: SyntheticData, directory: String) {
        self.spec = spec
        self.directory = directory
        n = max(0, spec.events)
        seriesCount = max(4, n / 40)
        seriesSlots = 2 * (n / 5) + min(n % 5, 2)
        sourceCount = 21 * (1 + n / 10_000)
        personCount = 20 + n / 500
        threatGroups = 10 + n / 50_000
        claimCount = 10 + n / 5_000
        indicatorCount = 5 + n / 20_000
        budgetCount = 3 + n / 100_000
        proposalCount = 5 + n / 5_000
        assessmentCount = 5 + n / 10_000
        rng = SplitMix64(seed: spec.seed)
    }

    // MARK: Shape

    /// The rounds of series `s`: series events take the slots `s`, `s + S`, `s + 2S`, ….
    func rounds(_ s: Int) -> Int { seriesSlots / seriesCount + (s < seriesSlots % seriesCount ? 1 : 0) }

    func seriesID(_ s: Int) -> String { "sr-syn-" + pad(s, 5) }
    func eventID(_ i: Int) -> String { "ev-syn-" + pad(i, 7) }
    func sourceID(_ k: Int) -> String { "src-syn-" + pad(k, 5) }
    func personID(_ k: Int) -> String {
        let f = Vocabulary.families[k % Vocabulary.families.count], g = Vocabulary.givens[(k / Vocabulary.families.count) % Vocabulary.givens.count]
        return "\(f.en.lowercased())-\(g.en.lowercased())-\(pad(k, 5))"
    }
    func sourceYear(_ k: Int) -> Int { 2005 + k % 21 }
    func sourceDate(_ k: Int) -> String { "\(sourceYear(k))-" + pad(1 + (k / 21) % 12, 2) }

    /// Series `s`: its kind, its partners (the actors taking part as participants) and its host.
    func seriesShape(_ s: Int) -> (kind: (kind: String, ja: String, en: String), partners: [String], host: String) {
        let kind = Vocabulary.seriesKinds[s % Vocabulary.seriesKinds.count]
        let p = Vocabulary.partners[s % Vocabulary.partners.count]
        let host = Vocabulary.bodies[1 + s % 6].id
        switch kind.kind {
        case "trilateral-consultation": return (kind, [p, Vocabulary.partners[(s + 5) % Vocabulary.partners.count]], host)
        case "multilateral-consultation": return (kind, ["fr-syn-asean"], host)
        default: return (kind, [p], host)
        }
    }

    func partnerNames(_ ids: [String]) -> (ja: String, en: String) {
        let names = ids.map { id -> (String, String) in
            if let s = Vocabulary.states.first(where: { $0.id == id }) { return (s.ja, s.en) }
            return ("ASEAN", "ASEAN")
        }
        return (names.map(\.0).joined(separator: "・"), names.map(\.1).joined(separator: "-"))
    }

    /// Whether event `i` is a plain event outside any series, free to carry a planted finding.
    static func isPlain(_ i: Int) -> Bool { i % 5 >= 2 && ![7, 13, 29].contains(i % 50) && i % 1000 != 24 }

    // MARK: Run

    mutating func run() throws {
        let k = spec.errors
        if k > 0 {
            guard k <= SyntheticData.maximumErrors(events: n) else {
                throw SyntheticData.WriteError(description: "\(k) errors do not fit among \(n) events: plant at most \(SyntheticData.maximumErrors(events: n))")
            }
            for j in 0..<k {
                var i = j * n / k
                while !Self.isPlain(i) { i += 1 }
                plantAt[i] = SyntheticData.plantableRules[j % SyntheticData.plantableRules.count]
            }
        }
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        try write("dataset.yaml", """
            dataset:
              name: renkei
              version: 2026.11.0
              title: {ja: 合成データによる日本のサイバー国際協力の記録, en: Synthetic record of Japan's international cyber cooperation}
              license: CC-BY-4.0
              released: 2026-11-21

            """)
        try writeSources()
        try writeActors()
        try writeThemes()
        try writePeople()
        try writeSeries()
        try writeEvents()
        try flushAttributions()
        try writeBudgetsAndIndicators()
        try writeClaims()
        try writeProposalsAndAssessments()
        summary.files.sort()
        summary.planted.sort { ($0.rule, $0.record) < ($1.rule, $1.record) }
    }

    mutating func write(_ path: String, _ text: String, count: (String, Int)? = nil) throws {
        let url = URL(fileURLWithPath: directory).appendingPathComponent(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        do { try Data(text.utf8).write(to: url) } catch {
            throw SyntheticData.WriteError(description: "cannot write \(url.path): \(error.localizedDescription)")
        }
        summary.files.append(path)
        if let (collection, number) = count { summary.records[collection, default: 0] += number }
    }

    /// A citation of a source dated in a later year than `year`.
    mutating func citation(after year: Int, locator: String) -> String {
        let from = max(year + 1, 2005)
        let sy = from + rng.below(max(1, 2025 - from + 1))
        let k = (min(sy, 2025) - 2005) + 21 * rng.below(sourceCount / 21)
        return "{source: \(sourceID(k)), locator: \(YAMLText.quoted(locator))}"
    }

    /// The citation of shared records (actors, themes, …): the latest source.
    func commonCitation(_ locator: String) -> String {
        "[{source: \(sourceID(20)), locator: \(YAMLText.quoted(locator))}]"
    }

    // MARK: Collections

    mutating func writeSources() throws {
        var out = "sources:\n"
        for k in 0..<sourceCount {
            let kind = Vocabulary.sourceKinds[k % Vocabulary.sourceKinds.count]
            let issuer = Vocabulary.bodies[k % Vocabulary.bodies.count].id
            out += """
                  - id: \(sourceID(k))
                    kind: \(kind)
                    title: \(YAMLText.text("合成資料第\(k)号 \(sourceYear(k))年の取組状況", "Synthetic document \(k) on the work of \(sourceYear(k))"))
                    date: \(sourceDate(k))
                    issuers: [\(issuer)]

                """
            if k % 4 == 0 { out += "    url: https://example.org/renkei/synthetic/\(k).html\n" }
        }
        try write("common/sources.yaml", out, count: ("sources", sourceCount))
    }

    mutating func writeActors() throws {
        var out = "actors:\n"
        var count = 0
        let cite = commonCitation("主要国一覧")
        out += "  - id: JP\n    kind: state\n    name: {ja: 日本国, en: Japan}\n    aliases: [日本, 我が国]\n    sources: \(cite)\n"
        count += 1
        for s in Vocabulary.states {
            out += "  - id: \(s.id)\n    kind: \(s.id == "EU" ? "organization" : "state")\n    name: \(YAMLText.text(s.ja, s.en))\n    aliases: [\(YAMLText.quoted(s.alias))]\n    sources: \(cite)\n"
            count += 1
        }
        for b in Vocabulary.bodies {
            out += "  - id: \(b.id)\n    kind: \(b.id == "jp-jpcert" ? "cert" : "government-body")\n    name: \(YAMLText.text(b.ja, b.en))\n"
            if let parent = b.parent { out += "    parent: \(parent)\n" }
            out += "    sources: \(cite)\n"
            count += 1
        }
        out += """
              - id: cn-kr
                kind: partner-set
                name: {ja: 中・韓, en: China and the Republic of Korea}
                aliases: [中・韓]
                members: [CN, KR]
                sources: \(cite)
              - id: fr-syn-asean
                kind: forum
                name: {ja: 日ASEANサイバー政策会議, en: ASEAN-Japan Cybersecurity Policy Meeting}
                members: [JP, \(Vocabulary.asean.joined(separator: ", "))]
                founded: 2009
                size: {value: 11, unit: {ja: か国, en: countries}, as_of: 2019-01}
                sources: \(cite)
              - id: itu-syn
                kind: organization
                name: {ja: 国際電気通信連合, en: International Telecommunication Union}
                sources: \(cite)

            """
        count += 3
        for g in 0..<threatGroups {
            out += "  - id: apt-syn-\(g)\n    kind: threat-group\n    name: \(YAMLText.text("攻撃グループ\(g)", "Threat group \(g)"))\n    sources: \(cite)\n"
            count += 1
        }
        try write("common/actors.yaml", out, count: ("actors", count))
    }

    mutating func writeThemes() throws {
        var out = "themes:\n"
        for t in Vocabulary.themes {
            out += "  - id: \(t.id)\n    name: \(YAMLText.text(t.ja, t.en))\n"
            if let parent = t.parent { out += "    parent: \(parent)\n" }
            out += "    sources: \(commonCitation("施策体系"))\n"
        }
        try write("common/themes.yaml", out, count: ("themes", Vocabulary.themes.count))
    }

    mutating func writePeople() throws {
        var persons = "persons:\n", memberships = "memberships:\n"
        for k in 0..<personCount {
            let f = Vocabulary.families[k % Vocabulary.families.count], g = Vocabulary.givens[(k / Vocabulary.families.count) % Vocabulary.givens.count]
            persons += "  - id: \(personID(k))\n    name: \(YAMLText.text("\(f.ja) \(g.ja)", "\(f.en) \(g.en)"))\n    sources: \(commonCitation("出席者名簿"))\n"
            let body = Vocabulary.bodies[1 + k % 6]
            let post = Vocabulary.posts[k % Vocabulary.posts.count]
            memberships += "  - id: mb-\(personID(k))-\(k % 3)\n    person: \(personID(k))\n    organization: \(body.id)\n    role: \(YAMLText.text(body.ja + post.ja, "\(post.en), \(body.en)"))\n"
            if k % 3 == 0 {
                let start = 2005 + k % 15
                memberships += "    start: \(start)-04\n"
                if k % 2 == 0 { memberships += "    end: \(start + 2)-03\n" }
            }
            memberships += "    sources: [\(citation(after: 2004, locator: "幹部名簿"))]\n"
        }
        try write("people/persons.yaml", persons, count: ("persons", personCount))
        try write("people/memberships.yaml", memberships, count: ("memberships", personCount))
    }

    mutating func writeSeries() throws {
        var out = "series:\n"
        var inFile = 0, files = 0
        for s in 0..<seriesCount {
            if inFile == spec.eventsPerFile {
                try write("series/series-\(pad(files, 5)).yaml", out, count: ("series", inFile))
                out = "series:\n"
                inFile = 0
                files += 1
            }
            inFile += 1
            let shape = seriesShape(s)
            let names = partnerNames(shape.partners)
            out += "  - id: \(seriesID(s))\n    kind: \(shape.kind.kind)\n"
            out += "    name: \(YAMLText.text("日\(names.ja)\(shape.kind.ja)（系列\(s)）", "Japan-\(names.en) \(shape.kind.en) (series \(s))"))\n"
            out += "    partners: [JP, \(shape.partners.joined(separator: ", "))]\n"
            out += "    sources: [\(citation(after: 2020, locator: "定期協議の開催実績"))]\n"
        }
        try write("series/series-\(pad(files, 5)).yaml", out, count: ("series", inFile))
    }

    /// Writes the attributions found so far into the next file of `links/`.
    mutating func flushAttributions() throws {
        guard pendingAttributions > 0 else { return }
        try write("links/attributions-\(pad(attributionFiles, 5)).yaml", "attributions:\n" + attributions, count: ("attributions", pendingAttributions))
        attributions = ""
        pendingAttributions = 0
        attributionFiles += 1
    }

    // MARK: Events

    mutating func writeEvents() throws {
        var file = 0
        var start = 0
        repeat {
            let end = min(n, start + spec.eventsPerFile)
            var out = "events:\n"
            out.reserveCapacity((end - start) * 900)
            for i in start..<end { out += event(i) }
            try write("events/events-\(pad(file, 5)).yaml", out, count: ("events", end - start))
            if pendingAttributions >= spec.eventsPerFile { try flushAttributions() }
            file += 1
            start = end
        } while start < n
    }

    static func ordinalEN(_ n: Int) -> String {
        let suffix = (n % 100 / 10 == 1) ? "th" : [1: "st", 2: "nd", 3: "rd"][n % 10] ?? "th"
        return "\(n)\(suffix)"
    }

    /// A date of `year` written in one of the accepted forms, and its precision.
    mutating func date(year: Int) -> (text: String, day: Int?, month: Int?) {
        let month = 1 + rng.below(12), day = 1 + rng.below(26)
        switch rng.below(12) {
        case 0...3: return ("\(year)-\(pad(month, 2))-\(pad(day, 2))", day, month)
        case 4...5: return ("\(year)-\(pad(month, 2))", nil, month)
        case 6: return ("\(year)", nil, nil)
        case 7 where year < 2019: return ("平成\(year - 1988)年\(month)月", nil, month)
        case 7 where year > 2019: return ("令和\(year - 2018)年\(month)月\(day)日", day, month)
        case 8: return ("\(year)年\(month)月\(day)日", day, month)
        case 10: return ("..\(year)-\(pad(month, 2))", nil, nil)
        case 11 where year < 2024: return ("\(year)..\(year + 1)", nil, nil)
        default: return ("\(year)-\(pad(month, 2))", nil, month)
        }
    }

    mutating func event(_ i: Int) -> String {
        if i % 5 < 2 { return seriesEvent(i) }
        let planted = plantAt[i]
        var id = eventID(i)
        var kind = Vocabulary.eventKinds[rng.below(Vocabulary.eventKinds.count)]
        let partner = Vocabulary.partners[rng.below(Vocabulary.partners.count)]
        let state = Vocabulary.states.first { $0.id == partner }!
        let host = Vocabulary.bodies[1 + rng.below(Vocabulary.bodies.count - 1)].id
        var year = 2000 + rng.below(25)
        var participants = [("\(host)", "host"), (i % 13 == 0 ? state.alias : partner, "participant")]
        var extra = ""
        if i % 50 == 7 {
            kind = ("public-attribution", "非難声明", "public attribution")
            let group = "apt-syn-\(rng.below(threatGroups))"
            participants = [("JP", "issuer"), (group, "target")]
            attributionCount += 1
            pendingAttributions += 1
            attributions += "  - id: at-syn-\(pad(i, 7))\n    event: \(id)\n"
            attributions += "    incident: \(YAMLText.text("攻撃グループ\(group.dropFirst(8))によるサイバー攻撃", "Cyber operations by threat group \(group.dropFirst(8))"))\n"
            attributions += "    attributed_to: [\(group)\(i % 100 == 7 ? ", KP" : "")]\n    issuer: JP\n"
            if i % 150 == 57 { attributions += "    co_signers: [US, GB, AU]\n" }
            attributions += "    sources: [\(citation(after: year, locator: "実効的な抑止のための対応"))]\n"
        } else if i % 50 == 13 {
            kind = ("meeting", "会合", "meeting")
            participants = [("jp-cabinet", "host"), (host, "participant")]
            let p1 = personID(rng.below(personCount)), p2 = personID(rng.below(personCount))
            extra += "    persons:\n      - {person: \(p1), role: chair}\n"
            if p2 != p1 { extra += "      - {person: \(p2), role: attendee}\n" }
            extra += "    agenda:\n"
            extra += "      - {id: ag-syn-\(pad(i, 7))-1, kind: opening, title: {ja: 開会, en: Opening}}\n"
            extra += "      - {id: ag-syn-\(pad(i, 7))-2, kind: discussion, title: {ja: 国際連携について, en: On international cooperation}, outcome: {ja: 方針を確認した。, en: The course was confirmed.}}\n"
            extra += "    remarks:\n"
            extra += "      - {person: \(p1), agenda: ag-syn-\(pad(i, 7))-1, summary: {ja: 議長が開会を宣言した。, en: The chair opened the meeting.}}\n"
            extra += "      - {person: \(p2), agenda: ag-syn-\(pad(i, 7))-2, summary: {ja: 国際連携の進捗を報告した。, en: Progress in international cooperation was reported.}}\n"
        } else if i % 50 == 29 {
            kind = ("trilateral-consultation", "日中韓協議", "trilateral consultation")
            participants = [(host, "host"), ("中・韓", "participant")]
        }
        var d = date(year: year)
        if i % 100 == 62 { d = ("undated", nil, nil) }
        var end: String?
        var ordinal: Int?
        var themes = [Vocabulary.themes[2 + rng.below(Vocabulary.themes.count - 2)].id]
        if rng.below(3) == 0 { themes.append(Vocabulary.themes[rng.below(2)].id) }
        var title = (ja: "合成\(kind.ja)第\(i)号 日\(state.ja)協力", en: "Synthetic \(kind.en) \(i) on Japan-\(state.en) cooperation")
        var summaryEN = "Japan and \(state.en) exchanged views on sharing threat information and on training."
        if let day = d.day, rng.below(8) == 0, d.text.hasPrefix("\(year)-") {
            end = "\(year)-\(pad(d.month!, 2))-\(pad(day + 2, 2))"
        }
        switch planted {
        case "ref-unknown": themes = ["th-syn-missing-\(i)"]
        case "date-range":
            d = ("\(year)-06", nil, 6)
            end = "\(year)-03"
        case "enum-value": kind.kind = "bilateral-consultaton"
        case "event-participants": participants = []
        case "text-bilingual": summaryEN = ""
        case "date-after-source":
            year = 2026
            d = ("2026-\(pad(1 + i % 12, 2))", nil, 1 + i % 12)
            end = nil
        case "id-unique": id = eventID(i - 1)
        case "claim-holds":
            let s = i % seriesCount
            let c = "cl-syn-planted-\(pad(i, 7))"
            claimsPlanted += "  - id: \(c)\n    source: \(sourceID(20))\n    locator: 開催実績\n"
            claimsPlanted += "    statement: \(YAMLText.text("系列\(s)は\(rounds(s) + 1)回開催", "Series \(s) met \(rounds(s) + 1) times"))\n"
            claimsPlanted += "    query: {count: events, series: [\(seriesID(s))]}\n    expected: \(rounds(s) + 1)\n"
            summary.planted.append(.init(rule: "claim-holds", record: c))
        case "link-kind":
            let a = "at-syn-planted-\(pad(i, 7))"
            attributions += "  - id: \(a)\n    event: \(id)\n    incident: {ja: 攻撃, en: An operation}\n    attributed_to: [apt-syn-0]\n    issuer: JP\n"
            attributions += "    sources: [\(citation(after: year, locator: "実効的な抑止のための対応"))]\n"
            attributionCount += 1
            summary.planted.append(.init(rule: "link-kind", record: a))
        case "series-ordinal-order": ordinal = 2
        case "text-hygiene": title.en = "Synthetic  \(kind.en) \(i)"
        case "id-format": id = "ev-Syn-\(pad(i, 7))"
        default: break
        }
        if let planted, planted != "claim-holds", planted != "link-kind" {
            summary.planted.append(.init(rule: planted, record: id))
        }
        var out = "  - id: \(id)\n    kind: \(kind.kind)\n    title: \(YAMLText.text(title.ja, title.en))\n"
        if let ordinal { out += "    ordinal: \(ordinal)\n" }
        out += "    date: \(d.text)\n"
        if let end { out += "    end: \(end)\n" }
        if rng.below(3) == 0 {
            let city = rng.below(2) == 0 ? state.city : ("東京", "Tokyo")
            out += "    location: {city: \(YAMLText.text(city.0, city.1)), country: \(city.1 == "Tokyo" ? "JP" : partner)}\n"
        }
        if !participants.isEmpty { out += "    participants:\n" }
        for (actor, role) in participants { out += "      - {actor: \(YAMLText.quoted(actor)), role: \(role)}\n" }
        out += "    themes: [\(themes.joined(separator: ", "))]\n"
        out += "    summary: \(YAMLText.text("日本と\(state.ja)が脅威情報の共有と人材育成について意見を交換した。", summaryEN))\n"
        if rng.below(4) == 0 {
            out += "    outcomes:\n      - \(YAMLText.text("年内に専門家会合を開くことで一致した。", "Both sides agreed to hold an expert meeting within the year."))\n"
        }
        out += extra
        out += "    sources:\n      - \(citation(after: year, locator: "国際連携の取組 > \(kind.ja)"))\n"
        if rng.below(5) == 0 { out += "      - \(citation(after: year, locator: "別表 > 開催実績"))\n" }
        if i % 1000 == 24 {
            out += "    status: deprecated\n    reason: {ja: 同じ会合の重複記録であったため。, en: It recorded the same meeting twice.}\n"
        }
        return out
    }

    var claimsPlanted = ""

    mutating func seriesEvent(_ i: Int) -> String {
        let slot = (i / 5) * 2 + i % 5
        let s = slot % seriesCount, j = slot / seriesCount
        let shape = seriesShape(s)
        let names = partnerNames(shape.partners)
        let year = 2003 + j
        let date = "\(year)-\(pad(1 + s % 12, 2))"
        var out = "  - id: \(eventID(i))\n    kind: \(shape.kind.kind)\n"
        out += "    title: \(YAMLText.text("第\(j + 1)回日\(names.ja)\(shape.kind.ja)", "\(Self.ordinalEN(j + 1)) Japan-\(names.en) \(shape.kind.en)"))\n"
        out += "    series: \(seriesID(s))\n    ordinal: \(j + 1)\n    date: \(date)\n"
        if rng.below(4) == 0 { out += "    location: {city: {ja: 東京, en: Tokyo}, country: JP}\n" }
        out += "    participants:\n      - {actor: \(shape.host), role: host}\n"
        for p in shape.partners { out += "      - {actor: \(p), role: participant}\n" }
        out += "    themes: [\(Vocabulary.themes[6 + s % 6].id)]\n"
        out += "    summary: \(YAMLText.text("第\(j + 1)回の会合として、サイバー分野の政策と協力について協議した。", "The \(Self.ordinalEN(j + 1)) round discussed cyber policy and cooperation."))\n"
        out += "    sources:\n      - \(citation(after: year, locator: "二国間協議の取組状況 > 第\(j + 1)回"))\n"
        return out
    }

    // MARK: Definitions

    mutating func writeBudgetsAndIndicators() throws {
        var budgets = "budgets:\n"
        for b in 0..<budgetCount {
            let fy = 2015 + b % 10
            budgets += """
                  - id: bg-syn-\(b)
                    title: \(YAMLText.text("諸外国とのサイバー分野における連携強化に関する経費\(b)", "Expenses for cyber cooperation with other countries \(b)"))
                    fiscal_year: FY\(fy)
                    amount: {value: \(100_000_000 + 1_000_000 * b), currency: JPY}
                    basis: expenditure
                    owner: jp-mod
                    activities: [{id: act-syn-\(b)-1, text: {ja: 協議の実施, en: Holding consultations}}]
                    outputs: [{id: out-syn-\(b)-1, text: {ja: 協議の開催, en: Consultations held}, indicators: [ind-syn-\(b)]}]
                    outcomes: [{id: oc-syn-\(b)-1, term: short, text: {ja: 連携の強化, en: Stronger cooperation}}]
                    sources: [\(citation(after: fy, locator: "行政事業レビューシート"))]

                """
        }
        try write("definitions/budgets.yaml", budgets, count: ("budgets", budgetCount))
        var indicators = "indicators:\n"
        for k in 0..<indicatorCount {
            let kind = Vocabulary.seriesKinds[k % Vocabulary.seriesKinds.count].kind
            let body = Vocabulary.bodies[1 + k % 6].id
            indicators += "  - id: ind-syn-\(k)\n    name: \(YAMLText.text("\(kind)の実施回数\(k)", "Number of \(kind) events \(k)"))\n"
            if k < budgetCount { indicators += "    budget: bg-syn-\(k)\n    output: out-syn-\(k)-1\n" }
            indicators += "    query: {count: events, kinds: [\(kind)], with: [\(body)], per: \(k % 2 == 0 ? "fiscal-year" : "year")}\n"
            indicators += "    sources: [\(citation(after: 2015, locator: "成果指標"))]\n"
        }
        try write("definitions/indicators.yaml", indicators, count: ("indicators", indicatorCount))
    }

    mutating func writeClaims() throws {
        var out = "claims:\n"
        for c in 0..<claimCount {
            let s = (c * 7) % seriesCount
            let r = rounds(s)
            let shape = seriesShape(s)
            out += "  - id: cl-syn-\(pad(c, 5))\n    source: \(sourceID(20))\n    locator: \(YAMLText.quoted("開催実績 > 系列\(s)"))\n"
            switch r == 0 ? 0 : c % 4 {
            case 1:
                let partners = r == 0 ? 0 : shape.partners.count
                out += "    statement: \(YAMLText.text("系列\(s)の相手は\(partners)か国・機関", "Series \(s) had \(partners) partners"))\n"
                out += "    query: {count: partners, series: [\(seriesID(s))], roles: [participant], exclude: [JP]}\n    expected: \(partners)\n"
            case 2:
                let years = (0..<r).map { "\(2003 + $0): 1" }.joined(separator: ", ")
                out += "    statement: \(YAMLText.text("系列\(s)は毎年1回開催", "Series \(s) met once a year"))\n"
                out += "    query: {count: events, series: [\(seriesID(s))], per: year}\n    expected: {\(years)}\n"
            case 3:
                let u = min(r, 5)
                out += "    statement: \(YAMLText.text("系列\(s)は\(2002 + u)年までに\(u)回開催", "Series \(s) met \(u) times up to \(2002 + u)"))\n"
                out += "    query: {count: editions, series: [\(seriesID(s))], until: \(2002 + u)}\n    expected: \(u)\n"
            default:
                out += "    statement: \(YAMLText.text("系列\(s)は\(r)回開催", "Series \(s) met \(r) times"))\n"
                out += "    query: {count: events, series: [\(seriesID(s))]}\n    expected: \(r)\n"
            }
        }
        out += claimsPlanted
        let planted = summary.planted.filter { $0.rule == "claim-holds" }.count
        try write("definitions/claims.yaml", out, count: ("claims", claimCount + planted))
    }

    mutating func writeProposalsAndAssessments() throws {
        var proposals = "proposals:\n"
        for k in 0..<proposalCount {
            let s = k % seriesCount
            let p = seriesShape(s).partners.first!
            proposals += "  - id: pr-syn-\(pad(k, 5))\n    framework: \(seriesID(s))\n"
            proposals += "    item: \(YAMLText.text("信頼醸成措置の提案\(k)", "Proposal \(k) on confidence-building measures"))\n"
            if k % 2 == 0 { proposals += "    content: \(YAMLText.text("連絡窓口の一覧を共有する。", "Share a directory of points of contact."))\n" }
            proposals += "    proposers: [JP\(p == "fr-syn-asean" ? "" : ", \(p)")]\n"
            proposals += "    sources: [\(citation(after: 2010, locator: "提案事項一覧"))]\n"
        }
        try write("definitions/proposals.yaml", proposals, count: ("proposals", proposalCount))
        var assessments = "assessments:\n"
        for k in 0..<assessmentCount {
            let subject = k % 5 == 0 ? "JP" : Vocabulary.partners[k % Vocabulary.partners.count]
            let year = 2015 + k % 10
            assessments += "  - id: as-syn-\(pad(k, 5))\n    assessor: itu-syn\n"
            assessments += "    index: {ja: グローバルサイバーセキュリティインデックス, en: Global Cybersecurity Index}\n"
            assessments += "    year: \(year)\n    subject: \(subject)\n    rank: \(1 + k % 50)\n    scope: {ja: 世界, en: global}\n"
            assessments += "    sources: [\(citation(after: year, locator: "順位表"))]\n"
        }
        try write("definitions/assessments.yaml", assessments, count: ("assessments", assessmentCount))
    }
}

/// `n` in decimal, padded with zeros to `width` digits.
func pad(_ n: Int, _ width: Int) -> String {
    let s = String(n)
    return s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
}
