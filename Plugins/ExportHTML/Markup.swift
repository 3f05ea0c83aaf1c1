import RenkeiExport
import RenkeiModel

/// Small pieces of HTML every page is built from: escaped text, bilingual spans, dates,
/// numbers, file names and the page frame.
enum Markup {
    /// Text escaped for HTML content and attribute values.
    static func h(_ s: String) -> String { MarkupEscaping.xml(s) }

    /// Both languages inline; the switch shows one of them.
    static func bi(_ t: LocalizedText) -> String {
        "<span lang=\"ja\">\(h(t.ja))</span><span lang=\"en\">\(h(t.en))</span>"
    }

    static func bi(_ ja: String, _ en: String) -> String { bi(LocalizedText(ja: ja, en: en)) }

    /// Both languages as block elements (`p`, `h1`, …) with the given tag and class.
    static func biBlock(_ tag: String, _ t: LocalizedText, class cls: String? = nil) -> String {
        let c = cls.map { " class=\"\($0)\"" } ?? ""
        return "<\(tag) lang=\"ja\"\(c)>\(h(t.ja))</\(tag)><\(tag) lang=\"en\"\(c)>\(h(t.en))</\(tag)>"
    }

    /// Items joined with the separator of each language (`、` and `, `).
    static func list(_ items: [String]) -> String {
        items.joined(separator: "<span lang=\"ja\">、</span><span lang=\"en\">, </span>")
    }

    /// Both languages for a place that cannot switch (a page title, a tooltip).
    static func both(_ t: LocalizedText) -> String { t.ja == t.en ? t.en : "\(t.ja) / \(t.en)" }

    /// A date as a reader writes it: `2018年3月14日` and `2018-03-14`, `2023年度` and `FY2023`.
    static func date(_ d: PartialDate) -> LocalizedText {
        let ja: String
        switch d.precision {
        case .year: ja = "\(d.year)年"
        case .month: ja = "\(d.year)年\(d.month!)月"
        case .day: ja = "\(d.year)年\(d.month!)月\(d.day!)日"
        case .fiscalYear: ja = "\(d.year)年度"
        }
        return LocalizedText(ja: ja, en: d.description)
    }

    /// What is known of an event's date, with its end when it lasted several days:
    /// `2016年10月以前` / `not after 2016-10`, `日付不明` / `undated`.
    static func eventDate(_ date: EventDate, _ end: PartialDate?) -> LocalizedText {
        switch date {
        case .on(let d): return dateRange(d, end)
        case .notAfter(let d):
            let t = self.date(d)
            return LocalizedText(ja: t.ja + "以前", en: "not after " + t.en)
        case .notBefore(let d):
            let t = self.date(d)
            return LocalizedText(ja: t.ja + "以降", en: "not before " + t.en)
        case .between(let a, let b):
            let x = self.date(a), y = self.date(b)
            return LocalizedText(ja: x.ja + "～" + y.ja + "のいずれか", en: "between " + x.en + " and " + y.en)
        case .undated: return LocalizedText(ja: "日付不明", en: "undated")
        }
    }

    /// A date with its optional end.
    static func dateRange(_ start: PartialDate, _ end: PartialDate?) -> LocalizedText {
        let a = date(start)
        guard let end else { return a }
        let b = date(end)
        return LocalizedText(ja: a.ja + "～" + b.ja, en: a.en + " – " + b.en)
    }

    /// An integer with thousands separators (`200,000,000`).
    static func grouped(_ value: Int64) -> String {
        let digits = String(value.magnitude)
        var out = ""
        for (i, c) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(c)
        }
        return (value < 0 ? "-" : "") + out
    }

    static func money(_ m: Money) -> LocalizedText {
        m.currency == "JPY"
            ? LocalizedText(ja: grouped(m.value) + "円", en: "JPY " + grouped(m.value))
            : LocalizedText(ja: grouped(m.value) + " " + m.currency, en: m.currency + " " + grouped(m.value))
    }

    /// A number for SVG coordinates: at most one decimal, no locale, no exponent.
    static func n(_ x: Double) -> String {
        let tenths = Int((x * 10).rounded())
        let whole = tenths / 10, frac = abs(tenths % 10)
        let sign = tenths < 0 && whole == 0 ? "-" : ""
        return frac == 0 ? "\(sign)\(whole)" : "\(sign)\(whole).\(frac)"
    }

    /// The file name a record's page has: the id when it is plain (letters, digits, `-`), with
    /// any other character written as `_` and its UTF-8 bytes in hex, so no id escapes its folder.
    static func fileName(_ id: String) -> String {
        var out = ""
        for byte in id.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"):
                out.append(Character(UnicodeScalar(byte)))
            default:
                let hex = Array("0123456789abcdef")
                out += "_" + String(hex[Int(byte >> 4)]) + String(hex[Int(byte & 15)])
            }
        }
        return out.isEmpty ? "_" : out
    }

    /// A link to a web address the data gives, only for http(s); anything else is plain text.
    static func externalLink(_ url: String) -> String {
        let lower = url.lowercased()
        guard lower.hasPrefix("https://") || lower.hasPrefix("http://") else { return h(url) }
        return "<a href=\"\(h(url))\" rel=\"noreferrer\">\(h(url))</a>"
    }
}

/// The pages of the site's navigation, in the order shown.
enum SitePage: String, CaseIterable {
    case overview = "index.html"
    case years = "years.html"
    case timeline = "timeline.html"
    case network = "network.html"
    case projects = "projects.html"
    case proposals = "proposals.html"
    case attributions = "attributions.html"
    case logicModel = "logic-model.html"
    case actors = "actors.html"
    case series = "series.html"
    case changes = "changes.html"
    case search = "search.html"
    case downloads = "downloads.html"

    var title: LocalizedText {
        switch self {
        case .overview: LocalizedText(ja: "概要", en: "Overview")
        case .years: LocalizedText(ja: "年別の協議・演習", en: "Consultations and exercises by year")
        case .timeline: LocalizedText(ja: "年表", en: "Timeline")
        case .network: LocalizedText(ja: "連携相手", en: "Partner network")
        case .projects: LocalizedText(ja: "能力構築支援", en: "Capacity building")
        case .proposals: LocalizedText(ja: "信頼醸成措置の提案", en: "Confidence-building proposals")
        case .attributions: LocalizedText(ja: "アトリビューション", en: "Attributions")
        case .logicModel: LocalizedText(ja: "ロジックモデル", en: "Logic model")
        case .actors: LocalizedText(ja: "主体", en: "Actors")
        case .series: LocalizedText(ja: "シリーズ", en: "Series")
        case .changes: LocalizedText(ja: "このリリースの変更", en: "What changed in this release")
        case .search: LocalizedText(ja: "検索", en: "Search")
        case .downloads: LocalizedText(ja: "データのダウンロード", en: "Download the data")
        }
    }

    /// The short label in the navigation bar.
    var navLabel: LocalizedText {
        switch self {
        case .years: LocalizedText(ja: "年別", en: "By year")
        case .network: LocalizedText(ja: "連携相手", en: "Partners")
        case .proposals: LocalizedText(ja: "CBM提案", en: "CBM proposals")
        case .changes: LocalizedText(ja: "変更", en: "Changes")
        case .downloads: LocalizedText(ja: "ダウンロード", en: "Download")
        default: title
        }
    }
}

/// The frame around every page: head, the language switch, navigation and footer.
struct PageFrame {
    let info: DatasetInfo

    /// The start of a page, up to the opening of `<main>`. `depth` is 1 for pages in a folder.
    func head(title: LocalizedText, depth: Int, current: SitePage?, mainAttributes: String = "") -> String {
        let up = depth == 0 ? "" : "../"
        let siteTitle = info.title ?? LocalizedText(ja: info.name, en: info.name)
        var out = """
            <!DOCTYPE html>
            <html lang="ja">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(Markup.h(Markup.both(title))) — \(Markup.h(info.name))</title>
            <link rel="stylesheet" href="\(up)style.css">
            <script src="\(up)lang.js" defer></script>
            </head>
            <body>
            <input type="radio" name="lang" id="lang-ja" class="lang-switch" checked>
            <input type="radio" name="lang" id="lang-en" class="lang-switch">
            <div class="page">
            <header class="site">
            <div class="bar">
            <a class="brand" href="\(up)index.html">\(Markup.bi(siteTitle))</a>
            <span class="langs" aria-label="Language / 言語"><label for="lang-ja">日本語</label><label for="lang-en">English</label></span>
            </div>
            <nav>
            """
        for page in SitePage.allCases {
            let mark = page == current ? " aria-current=\"page\"" : ""
            out += "<a href=\"\(up)\(page.rawValue)\"\(mark)>\(Markup.bi(page.navLabel))</a>"
        }
        out += "</nav>\n</header>\n<main\(mainAttributes)>\n"
        return out
    }

    /// The end of a page, from the closing of `<main>`.
    func foot() -> String {
        var license = ""
        if let l = info.license {
            license = " · " + Markup.bi("データのライセンス: \(l)", "Data licence: \(l)")
        }
        return """
            </main>
            <footer>\(Markup.h(info.name)) \(Markup.h(info.version))\(license) · \
            \(Markup.bi("すべての記録は出典資料の該当箇所を示します。", "Every record cites the document and the place it comes from."))</footer>
            </div>
            </body>
            </html>

            """
    }
}
