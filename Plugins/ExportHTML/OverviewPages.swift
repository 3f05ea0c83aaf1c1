import RenkeiModel

/// The overview (`index.html`) and the two tables whose rows are written as their records
/// arrive: proposals and attributions.
extension HTMLExporter {
    typealias M = Markup

    func overviewPage() -> String {
        let info = context.info
        let title = info.title ?? LocalizedText(ja: info.name, en: info.name)
        var out = frame.head(title: SitePage.overview.title, depth: 0, current: .overview)
        out += "<section class=\"hero\">\n"
        out += M.biBlock("h1", title)
        out += M.biBlock("p", LocalizedText(
            ja: "公開資料から記録した協議・演習・能力構築支援・予算などを、資料の該当箇所とともに示します。",
            en: "Consultations, exercises, capacity building, budgets and more, recorded from public documents, each with the place it is cited from."),
            class: "lead")
        out += "<p class=\"meta\">\(M.bi("版", "Version")) <strong>\(M.h(info.version))</strong>"
        if let license = info.license { out += " · \(M.bi("データのライセンス", "Data licence")) <strong>\(M.h(license))</strong>" }
        out += "</p>\n</section>\n"

        out += "<section>\n<h2>\(M.bi("収録件数", "Records in the dataset"))</h2>\n<div class=\"counts\">\n"
        let pages: [Collection: String] = [
            .events: "timeline.html", .actors: "actors.html", .series: "series.html", .proposals: "proposals.html",
            .attributions: "attributions.html", .budgets: "logic-model.html", .indicators: "logic-model.html",
        ]
        for c in Collection.allCases {
            let n = context.counts[c] ?? 0
            let inner = "<span class=\"n\">\(n)</span><span class=\"what\">\(M.bi(Vocabulary.collection(c)))</span>"
            if let page = pages[c] {
                out += "<a class=\"count\" data-count-of=\"\(c.rawValue)\" href=\"\(page)\">\(inner)</a>\n"
            } else {
                out += "<div class=\"count\" data-count-of=\"\(c.rawValue)\">\(inner)</div>\n"
            }
        }
        out += "</div>\n</section>\n"
        out += "<section>\n<h2>\(M.bi("出典資料", "Source documents"))</h2>\n"
        out += "<table class=\"data sources\">\n<thead><tr><th>\(M.bi("日付", "Date"))</th><th>\(M.bi("種別", "Kind"))</th>"
        out += "<th>\(M.bi("資料", "Document"))</th><th>\(M.bi("発出", "Issued by"))</th></tr></thead>\n<tbody>\n"
        let ordered = sources.values.sorted { $0.date != $1.date ? $0.date < $1.date : $0.id < $1.id }
        for s in ordered { out += sourceRow(s) }
        if ordered.isEmpty { out += emptyRow(columns: 4) }
        out += "</tbody>\n</table>\n</section>\n"
        out += overviewTail()
        return out
    }

    func sourceRow(_ s: Source) -> String {
        var out = "<tr id=\"\(M.h(s.id))\" data-collection=\"sources\" data-record-id=\"\(M.h(s.id))\">"
        out += "<td class=\"date\">\(M.bi(M.date(s.date)))</td><td>\(M.bi(Vocabulary.sourceKind(s.kind)))</td>"
        out += "<td><span class=\"title\">\(M.bi(s.title))</span>"
        if let summary = s.summary { out += "<br><small>\(M.bi(summary))</small>" }
        if let url = s.url { out += "<br><small>\(M.externalLink(url))</small>" }
        if let file = s.file { out += "<br><small><code>\(M.h(file))</code></small>" }
        out += "</td><td class=\"issuers\">"
        out += M.list(s.issuers.map { actorLink($0, depth: 0) })
        out += "</td></tr>\n"
        return out
    }

    func overviewTail() -> String {
        var out = "<section>\n<h2>\(M.bi("年別の協議と演習", "Consultations and exercises per year"))</h2>\n<div class=\"charts\">\n"
        let consultations = yearlyCounts(kinds: Self.consultationKinds)
        let exercises = yearlyCounts(kinds: Self.exerciseKinds)
        out += "<figure>\(Charts.stackedBars(id: "overview-consultations", title: LocalizedText(ja: "協議（暦年）", en: "Consultations (calendar year)"), periods: consultations.periods, layers: Self.layers(Self.consultationKinds, from: 0), values: consultations.values))"
        out += "<figcaption>\(M.bi("協議（暦年）", "Consultations (calendar year)"))</figcaption></figure>\n"
        out += "<figure>\(Charts.stackedBars(id: "overview-exercises", title: LocalizedText(ja: "演習・研修（暦年）", en: "Exercises and training (calendar year)"), periods: exercises.periods, layers: Self.layers(Self.exerciseKinds, from: 3), values: exercises.values))"
        out += "<figcaption>\(M.bi("演習・研修（暦年）", "Exercises and training (calendar year)"))</figcaption></figure>\n"
        out += "</div>\n<p><a href=\"years.html\">\(M.bi("年別の表と二国間協議の一覧へ →", "Tables per year and the consultations by year →"))</a></p>\n</section>\n"

        out += "<section>\n<h2>\(M.bi("このレポートの構成", "In this report"))</h2>\n<ul class=\"pages\">\n"
        let about: [SitePage: LocalizedText] = [
            .years: .init(ja: "協議と演習の件数を年ごとに示すグラフと表、年別の二国間サイバー協議等の一覧。", en: "Consultations and exercises counted per year, as charts and tables, and the bilateral consultations listed by year."),
            .timeline: .init(ja: "すべての出来事を日付順に。", en: "Every event in date order."),
            .network: .init(ja: "日本と連携相手のつながり。線の太さは共にした出来事の数。", en: "Japan and its partners; a line's width is the number of events they shared."),
            .projects: .init(ja: "能力構築支援の事業・研修・演習の一覧。", en: "Capacity-building projects, training and exercises."),
            .proposals: .init(ja: "信頼醸成措置などの提案と提案国。", en: "Confidence-building proposals and who proposed them."),
            .attributions: .init(ja: "サイバー攻撃の公的な帰属表明。", en: "Public attributions of cyber operations."),
            .logicModel: .init(ja: "予算の活動・アウトプット・アウトカムと、記録から計算した指標値。", en: "Budgets' activities, outputs and outcomes, with indicator values computed from the records."),
            .actors: .init(ja: "国・機関ごとのページ。", en: "A page per state, organisation and body."),
            .series: .init(ja: "定期協議などのシリーズごとのページ。", en: "A page per recurring dialogue or exercise."),
            .search: .init(ja: "すべての記録を日英の語で検索（オフラインで動作）。", en: "Every record searchable by Japanese or English words, offline."),
            .downloads: .init(ja: "バンドルに入っているすべての形式へのリンク。", en: "Links to every format in the release bundle."),
        ]
        for page in SitePage.allCases where page != .overview {
            out += "<li><a href=\"\(page.rawValue)\">\(M.bi(page.title))</a> — \(M.bi(about[page] ?? page.title))</li>\n"
        }
        out += "</ul>\n</section>\n"
        out += frame.foot()
        return out
    }

    func emptyRow(columns: Int) -> String {
        "<tr class=\"empty\"><td colspan=\"\(columns)\">\(M.bi("記録はありません。", "No records."))</td></tr>\n"
    }

    func tableTail(rows: Int, columns: Int) -> String {
        (rows == 0 ? emptyRow(columns: columns) : "") + "</tbody>\n</table>\n" + frame.foot()
    }

    // MARK: Proposals

    func proposalsHead() -> String {
        var out = frame.head(title: SitePage.proposals.title, depth: 0, current: .proposals)
        out += "<h1>\(M.bi(SitePage.proposals.title))</h1>\n"
        out += M.biBlock("p", LocalizedText(
            ja: "信頼醸成措置などの提案を、提案された枠組みと提案国とともに示します。",
            en: "Proposals such as confidence-building measures, with the framework they were put to and who proposed them."))
        out += "\n<table class=\"data\">\n<thead><tr><th>\(M.bi("枠組み", "Framework"))</th><th>\(M.bi("提案事項", "Proposal"))</th>"
        out += "<th>\(M.bi("内容", "Content"))</th><th>\(M.bi("提案国・提案者", "Proposed by"))</th></tr></thead>\n<tbody>\n"
        return out
    }

    func proposalRow(_ p: Proposal) -> String {
        let framework = series[p.framework] != nil ? seriesLink(p.framework, depth: 0) : actorLink(p.framework, depth: 0)
        var out = "<tr data-collection=\"proposals\" data-record-id=\"\(M.h(p.id))\">"
        out += "<td>\(framework)</td><td>\(M.bi(p.item))</td><td>\(p.content.map { M.bi($0) } ?? "")</td>"
        out += "<td>\(p.proposers.map { actorLink($0, depth: 0) }.joined(separator: "<br>"))</td></tr>\n"
        return out
    }

    // MARK: Attributions

    func attributionsHead() -> String {
        var out = frame.head(title: SitePage.attributions.title, depth: 0, current: .attributions)
        out += "<h1>\(M.bi(SitePage.attributions.title))</h1>\n"
        out += M.biBlock("p", LocalizedText(
            ja: "サイバー攻撃について、実行主体を公に特定・非難した表明。",
            en: "Public statements naming who was behind a cyber operation."))
        out += "\n<table class=\"data\">\n<thead><tr><th>\(M.bi("日付", "Date"))</th><th>\(M.bi("事案", "Incident"))</th>"
        out += "<th>\(M.bi("帰属先", "Attributed to"))</th><th>\(M.bi("発出", "Issued by"))</th>"
        out += "<th>\(M.bi("共同", "Joined by"))</th><th>\(M.bi("出来事", "Event"))</th></tr></thead>\n<tbody>\n"
        return out
    }

    func attributionRow(_ a: Attribution) throws -> String {
        let event = try index.event(a.event)
        let date = a.date.map { M.date($0) } ?? event.map { M.eventDate($0.date, nil) }
        var out = "<tr data-collection=\"attributions\" data-record-id=\"\(M.h(a.id))\">"
        out += "<td class=\"date\">\(date.map { M.bi($0) } ?? "")</td><td>\(M.bi(a.incident))</td>"
        out += "<td>\(a.attributedTo.map { actorLink($0, depth: 0) }.joined(separator: "<br>"))</td>"
        out += "<td>\(actorLink(a.issuer, depth: 0))</td>"
        out += "<td>\(M.list(a.coSigners.map { actorLink($0, depth: 0, short: true) }))</td>"
        out += "<td>\(event.map { eventLink($0, depth: 0) } ?? M.h(a.event))</td></tr>\n"
        return out
    }
}
