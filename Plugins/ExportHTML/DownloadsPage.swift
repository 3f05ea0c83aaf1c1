import RenkeiModel

/// The "Download the data" page: every format of the release bundle, linked where it lies beside
/// the site (`exports/` in the bundle), with what each is for. The list is checked against the
/// exporter registry by a test, so a new exporter cannot be left off.
extension HTMLExporter {
    /// A downloadable format: its exporter's id (`format`), name, the paths to link (relative to `exports/`)
    /// and what it is for.
    struct Download {
        let format: String
        let name: LocalizedText
        let paths: [String]
        let about: LocalizedText
    }

    static let downloads: [Download] = [
        Download(format: "csv", name: .init(ja: "CSV（Frictionless データパッケージ）", en: "CSV (Frictionless data package)"), paths: ["csv/datapackage.json", "csv/"],
                 about: .init(ja: "表ごとの CSV と、その型・キーを記した datapackage.json。", en: "One CSV per table, described by datapackage.json (types, keys).")),
        Download(format: "html", name: .init(ja: "このレポート", en: "This report"), paths: ["site/index.html"],
                 about: .init(ja: "ブラウザで読む静的サイト。", en: "The static site you are reading.")),
        Download(format: "iati", name: .init(ja: "IATI 活動データ（XML）", en: "IATI activities (XML)"), paths: ["iati/renkei-iati-activities.xml"],
                 about: .init(ja: "能力構築支援の活動と予算のロジックモデル。", en: "Capacity-building activities and the budget's logic model.")),
        Download(format: "ical", name: .init(ja: "iCalendar", en: "iCalendar"), paths: ["calendar/renkei.ics"],
                 about: .init(ja: "出来事をカレンダーに。", en: "The events, for calendar applications.")),
        Download(format: "json", name: .init(ja: "JSON（正準形）", en: "JSON (canonical)"), paths: ["renkei.json"],
                 about: .init(ja: "すべての記録を一つの文書に。スキーマは docs/schema。", en: "Every record in one document; schema in docs/schema.")),
        Download(format: "jsonl", name: .init(ja: "JSON Lines", en: "JSON Lines"), paths: ["renkei.jsonl"],
                 about: .init(ja: "1行1記録。", en: "One record per line.")),
        Download(format: "markdown", name: .init(ja: "Markdown の表", en: "Markdown tables"), paths: ["markdown/index.md"],
                 about: .init(ja: "読める表と、出典資料の表の再生成。", en: "Readable tables, and the source documents' own tables regenerated.")),
        Download(format: "popolo", name: .init(ja: "Popolo（人・組織・役職）", en: "Popolo (people, organisations, posts)"), paths: ["popolo/renkei-popolo.json"],
                 about: .init(ja: "人物・組織・所属・会議。", en: "Persons, organisations, memberships and meetings.")),
        Download(format: "sqlite", name: .init(ja: "SQLite データベース", en: "SQLite database"), paths: ["sqlite/renkei.sqlite", "sqlite/metadata.json"],
                 about: .init(ja: "ビューと全文検索付き。Datasette 用メタデータも。", en: "With views and full-text search, and metadata for Datasette.")),
        Download(format: "stix", name: .init(ja: "STIX 2.1", en: "STIX 2.1"), paths: ["stix/renkei-stix.json"],
                 about: .init(ja: "公的アトリビューションの脅威情報。", en: "Public attributions as threat intelligence.")),
        Download(format: "xlsx", name: .init(ja: "Excel ブック", en: "Excel workbook"), paths: ["xlsx/renkei.xlsx"],
                 about: .init(ja: "表ごとのシートと出典資料の表。", en: "A sheet per table, and the source documents' tables.")),
    ]

    func downloadsPage() -> String {
        var out = frame.head(title: SitePage.downloads.title, depth: 0, current: .downloads)
        out += "<h1>\(Markup.bi(SitePage.downloads.title))</h1>\n"
        out += "<p>\(Markup.bi("リリースのバンドル（renkei-\(context.info.version).tar.gz）では、このサイトの隣（data/exports/）に次の形式が入っています。リンクはバンドルを展開したときに開けます。", "In the release bundle (renkei-\(context.info.version).tar.gz) these formats lie beside this site (data/exports/); the links open once the bundle is unpacked."))</p>\n"
        out += "<table class=\"data\"><thead><tr><th>\(Markup.bi("形式", "Format"))</th><th>\(Markup.bi("ファイル", "Files"))</th><th>\(Markup.bi("用途", "What for"))</th></tr></thead><tbody>\n"
        for d in Self.downloads {
            let links = d.paths.map { "<a href=\"../\(Markup.h($0))\"><code>\(Markup.h($0))</code></a>" }.joined(separator: "<br>")
            out += "<tr data-format=\"\(Markup.h(d.format))\"><td>\(Markup.bi(d.name))</td><td>\(links)</td><td>\(Markup.bi(d.about))</td></tr>\n"
        }
        out += "<tr><td>\(Markup.bi("出典ファイル（YAML）", "Source files (YAML)"))</td><td><a href=\"../../source/\"><code>source/</code></a></td><td>\(Markup.bi("人が編集する元データ。", "The data as people edit it."))</td></tr>\n"
        out += "<tr><td>\(Markup.bi("ストア（SQLite）", "Store (SQLite)"))</td><td><a href=\"../../renkei.sqlite\"><code>renkei.sqlite</code></a></td><td>\(Markup.bi("renkei コマンドが読むデータベース（renkei events --db …）。", "The database the renkei commands read (renkei events --db …)."))</td></tr>\n"
        out += "</tbody></table>\n"
        out += "<p>\(Markup.bi("データのライセンス: \(context.info.license ?? "—")。すべての記録は出典資料の該当箇所を示します。", "Data licence: \(context.info.license ?? "—"). Every record cites the document and the place it comes from."))</p>\n"
        out += frame.foot()
        return out
    }
}
