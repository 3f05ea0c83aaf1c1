import RenkeiExport
import RenkeiModel

/// The pages computed at the end, from the counts kept and the events in the index: counts per
/// year, the timeline, the partner network, the capacity-building table and the logic model.
extension HTMLExporter {
    static let consultationKinds = ["bilateral-consultation", "trilateral-consultation", "multilateral-consultation"]
    static let exerciseKinds = ["exercise", "training"]
    /// The kinds the source's per-year consultation table lists.
    static let tableKinds: Set<String> = ["bilateral-consultation", "trilateral-consultation"]

    static func layers(_ kinds: [String], from color: Int) -> [Charts.Layer] {
        kinds.enumerated().map { i, kind in
            Charts.Layer(key: kind, label: Vocabulary.eventKind(kind), color: Charts.palette[(color + i) % Charts.palette.count])
        }
    }

    /// Events of `kinds` counted per calendar year and kind: every year from the first to the
    /// last (empty years included), with per year how many more could lie in it (events whose
    /// dates allow that year and others), and how many lie in no single year.
    func yearlyCounts(kinds: [String]) -> (periods: [String], values: [String: [String: Int]], undetermined: [String: Int], loose: Int) {
        var values: [String: [String: Int]] = [:]
        var years: [Int] = []
        var loose: [EventDate: Int] = [:]
        for kind in kinds {
            for (year, n) in calendarYearCounts[kind] ?? [:] {
                values[kind, default: [:]][String(year)] = n
                years.append(year)
            }
            loose.merge(looseYearCounts[kind] ?? [:], uniquingKeysWith: +)
        }
        // A bounded date widens the table to the years it could lie in.
        for date in loose.keys {
            guard let first = date.earliest?.year, let last = date.latest?.year, last - first < 50 else { continue }
            years += [first, last]
        }
        guard let first = years.min(), let last = years.max() else { return ([], values, [:], loose.values.reduce(0, +)) }
        var undetermined: [String: Int] = [:]
        for year in first...last {
            let window = DayWindow.calendarYear(year)
            let n = loose.filter { window.place($0.key) != .outside }.values.reduce(0, +)
            if n > 0 { undetermined[String(year)] = n }
        }
        return ((first...last).map { String($0) }, values, undetermined, loose.values.reduce(0, +))
    }

    /// The chart layer of events that could lie in a period but cannot be placed in it.
    static let undeterminedLayer = Charts.Layer(
        key: "undetermined", label: LocalizedText(ja: "未確定（この期間の可能性あり）", en: "Undetermined (may fall in this period)"),
        color: "#c9cfd6")

    /// A table of counts with a column per period and a row per kind, with totals; below the
    /// totals, per period, how many more events could lie in it.
    func countsTable(
        periods: [String], kinds: [String], values: [String: [String: Int]], undetermined: [String: Int] = [:],
        periodHeader: LocalizedText
    ) -> String {
        var out = "<div class=\"scroll\"><table class=\"data numbers\">\n<thead><tr><th>\(M.bi(periodHeader))</th>"
        for period in periods { out += "<th>\(M.h(period))</th>" }
        out += "<th>\(M.bi("計", "Total"))</th></tr></thead>\n<tbody>\n"
        var periodTotals = Array(repeating: 0, count: periods.count)
        for kind in kinds {
            out += "<tr><th>\(M.bi(Vocabulary.eventKind(kind)))</th>"
            var total = 0
            for (i, period) in periods.enumerated() {
                let v = values[kind]?[period] ?? 0
                total += v
                periodTotals[i] += v
                out += "<td>\(v)</td>"
            }
            out += "<td><strong>\(total)</strong></td></tr>\n"
        }
        out += "</tbody>\n<tfoot><tr><th>\(M.bi("計", "Total"))</th>"
        for t in periodTotals { out += "<td><strong>\(t)</strong></td>" }
        out += "<td><strong>\(periodTotals.reduce(0, +))</strong></td></tr>"
        if !undetermined.isEmpty {
            out += "<tr class=\"undetermined\"><th>\(M.bi("＋未確定", "+ undetermined"))</th>"
            for period in periods { out += "<td>\(undetermined[period].map { "+\($0)" } ?? "")</td>" }
            out += "<td></td></tr>"
        }
        out += "</tfoot>\n</table></div>\n"
        return out
    }

    // MARK: Per year

    func writeYears(to file: OutputFile) throws {
        var out = frame.head(title: SitePage.years.title, depth: 0, current: .years)
        out += "<h1>\(M.bi(SitePage.years.title))</h1>\n"
        out += M.biBlock("p", LocalizedText(
            ja: "出来事は、日付の取りうる日がすべてその暦年に入るときだけその年に数えます。年度・期間・「以前／以降」しか分からない出来事や日付不明の出来事は、入りうる各年に「＋未確定」として別に示し、推測で数えません。",
            en: "An event is counted in a calendar year only when every day its date allows lies in that year. Events known only by a fiscal year, a span or a bound, and undated events, are shown as “+ undetermined” in each year they could fall in, never guessed."))
        for (id, title, kinds, color) in [
            ("consultations", LocalizedText(ja: "協議", en: "Consultations"), Self.consultationKinds, 0),
            ("exercises", LocalizedText(ja: "演習・研修", en: "Exercises and training"), Self.exerciseKinds, 3),
        ] {
            let counts = yearlyCounts(kinds: kinds)
            out += "<section id=\"\(id)\">\n<h2>\(M.bi(title))</h2>\n"
            var layers = Self.layers(kinds, from: color), chartValues = counts.values
            if !counts.undetermined.isEmpty {
                layers.append(Self.undeterminedLayer)
                chartValues[Self.undeterminedLayer.key] = counts.undetermined
            }
            out += "<div class=\"pair\">\n<figure>\(Charts.stackedBars(id: "chart-\(id)", title: title, periods: counts.periods, layers: layers, values: chartValues))</figure>\n"
            out += countsTable(periods: counts.periods, kinds: kinds, values: counts.values, undetermined: counts.undetermined, periodHeader: LocalizedText(ja: "年", en: "Year"))
            out += "</div>\n"
            if counts.loose > 0 {
                out += M.biBlock("p", LocalizedText(
                    ja: "どの暦年か決まらない出来事: \(counts.loose)件（年度・期間・「以前／以降」のみ、または日付不明）。",
                    en: "Events in no single calendar year: \(counts.loose) (known only by a fiscal year, a span or a bound, or undated)."), class: "note")
            }
            out += "</section>\n"
        }
        try file.write(out)
        try writeConsultationTable(to: file)
        try file.write(frame.foot())
    }

    /// The source's table regenerated: per calendar year, the partners of Japan's bilateral
    /// and trilateral consultations. Japan's own bodies are left out and a partner's agency is
    /// shown as its state; a partner set (China and Korea together) keeps its own name. Rows
    /// are calendar years, then fiscal years, in the index's order.
    func writeConsultationTable(to file: OutputFile) throws {
        var out = "<section id=\"consultations-by-year\">\n<h2>\(M.bi("各年別二国間サイバー協議等の開催実績", "Cyber consultations by year, with partners"))</h2>\n"
        out += M.biBlock("p", LocalizedText(
            ja: "二国間・三か国のサイバー協議の記録から年ごとに作成。日本側の機関は省き、相手国の省庁はその国として示します。各項目は出来事のページにつながります。",
            en: "Built per year from the records of bilateral and trilateral cyber consultations. Japan's own bodies are left out and a partner's ministry is shown as its state. Each entry links to the event."))
        out += "<table class=\"data by-year\">\n<thead><tr><th>\(M.bi("年", "Year"))</th><th>\(M.bi("件数", "Count"))</th><th>\(M.bi("相手", "Partners"))</th></tr></thead>\n<tbody>\n"
        try file.write(out)
        var row: String?
        try index.consultations { period, e in
            if period != row {
                if row != nil { try file.write("</ul></td></tr>\n") }
                try file.write("<tr><th>\(M.h(period))</th><td>\(consultationsPerPeriod[period] ?? 0)</td><td><ul class=\"inline\">")
                row = period
            }
            var partners: [String] = []
            for p in e.participants where p.role != "target" && !isJapan(p.actor) {
                let r = rollUp(p.actor)
                if !partners.contains(r) { partners.append(r) }
            }
            let label = partners.isEmpty ? LocalizedText(ja: "（相手の記載なし）", en: "(no partner recorded)")
                : LocalizedText(ja: partners.map { name($0).ja }.joined(separator: "・"), en: partners.map { name($0).en }.joined(separator: " / "))
            try file.write("<li><a href=\"events/\(M.fileName(e.id)).html\" title=\"\(M.h(M.both(e.title)))\">\(M.bi(label))</a></li>")
        }
        try file.write((row == nil ? emptyRow(columns: 3) : "</ul></td></tr>\n") + "</tbody>\n</table>\n</section>\n")
    }

    // MARK: Timeline

    /// The timeline, written row by row: its size grows with the number of events.
    func writeTimeline(to file: OutputFile) throws {
        var out = frame.head(title: SitePage.timeline.title, depth: 0, current: .timeline)
        out += "<h1>\(M.bi(SitePage.timeline.title))</h1>\n"
        out += M.biBlock("p", LocalizedText(
            ja: "\(eventCount)件の出来事を日付順に示します。年度や年だけが分かる出来事はその期間の初日、「以前」しか分からない出来事はその日付の位置に並び、日付不明の出来事は最後にまとめます。",
            en: "\(eventCount) events in date order. An event known only by its year or fiscal year is placed at the first day of that period, one known only to be “not after” a date at that date; undated events close the list."))
        // Date order puts the years of the first days in ascending order.
        let years = timelineYears.sorted()
        if !years.isEmpty || hasUndatedEvents {
            out += "<p class=\"jump\">" + years.map { "<a href=\"#y\($0)\">\($0)</a>" }.joined(separator: " ")
            if hasUndatedEvents { out += (years.isEmpty ? "" : " ") + "<a href=\"#undated\">\(M.bi("日付不明", "Undated"))</a>" }
            out += "</p>\n"
        }
        out += timelineFilters(years: years)
        out += "<table class=\"data timeline\" id=\"timeline\">\n<thead><tr><th>\(M.bi("日付", "Date"))</th><th>\(M.bi("種別", "Kind"))</th>"
        out += "<th>\(M.bi("出来事", "Event"))</th><th>\(M.bi("参加", "Taking part"))</th></tr></thead>\n<tbody>\n"
        try file.write(out)
        var heading: String?
        try index.chronological { e in
            out = ""
            let year = e.date.indexYear
            if heading != year.map({ "y\($0)" }) ?? "undated" {
                heading = year.map { "y\($0)" } ?? "undated"
                let label = year.map(String.init) ?? M.bi("日付不明", "Undated")
                out += "<tr class=\"year\" id=\"\(heading!)\"><th colspan=\"4\">\(label)</th></tr>\n"
            }
            // What the filters read: the calendar year (empty when the date allows several),
            // the kind and every actor taking part.
            let calendarYear = e.date.calendarYear.map(String.init) ?? ""
            let actors = Set(e.participants.map(\.actor)).sorted().joined(separator: " ")
            out += "<tr data-collection=\"events\" data-record-id=\"\(M.h(e.id))\" data-year=\"\(calendarYear)\" data-kind=\"\(M.h(e.kind))\" data-actors=\"\(M.h(actors))\">"
            out += "<td class=\"date\">\(M.bi(M.eventDate(e.date, e.end)))</td><td class=\"kind\">\(M.bi(Vocabulary.eventKind(e.kind)))</td>"
            out += "<td>\(eventLink(e, depth: 0))"
            if let s = e.series { out += "<br><small>\(seriesLink(s, depth: 0))</small>" }
            var seen: [String] = []
            for p in e.participants where !seen.contains(p.actor) { seen.append(p.actor) }
            out += "</td><td class=\"who\">\(M.list(seen.map { actorLink($0, depth: 0, short: true) }))</td></tr>\n"
            try file.write(out)
        }
        try file.write((eventCount == 0 ? emptyRow(columns: 4) : "") + "</tbody>\n</table>\n" + frame.foot())
    }

    /// The filters above the timeline: year, kind and partner, applied by `filter.js`; without
    /// script the whole table shows.
    func timelineFilters(years: [Int]) -> String {
        let kinds = Set(calendarYearCounts.keys).union(looseYearCounts.keys).sorted()
        let partners = eventsPerActor.keys.filter { !isJapan($0) }.sorted { name($0).en < name($1).en }
        var out = "<form class=\"filters\" id=\"timeline-filters\" hidden>"
        out += "<label>\(M.bi("年", "Year")) <select name=\"year\"><option value=\"\">—</option>"
        out += years.map { "<option>\($0)</option>" }.joined()
        out += "<option value=\"?\">\(M.bi("年が決まらない", "Undetermined year"))</option></select></label> "
        out += "<label>\(M.bi("種別", "Kind")) <select name=\"kind\"><option value=\"\">—</option>"
        out += kinds.map { "<option value=\"\(M.h($0))\">\(M.both(Vocabulary.eventKind($0)))</option>" }.joined()
        out += "</select></label> "
        out += "<label>\(M.bi("相手", "Partner")) <select name=\"actor\"><option value=\"\">—</option>"
        out += partners.map { "<option value=\"\(M.h($0))\">\(M.h(M.both(name($0))))</option>" }.joined()
        out += "</select></label> <output id=\"timeline-count\"></output></form>\n<script src=\"filter.js\" defer></script>\n"
        return out
    }

    static let filterScript = """
        // Filters the timeline's rows by year, kind and partner; a year's heading shows only
        // while one of its events does. Without this script the whole table shows.
        (function () {
          var form = document.getElementById("timeline-filters");
          var table = document.getElementById("timeline");
          if (!form || !table) { return; }
          form.hidden = false;
          function apply() {
            var year = form.elements.year.value, kind = form.elements.kind.value, actor = form.elements.actor.value;
            var rows = table.tBodies[0].rows, heading = null, visibleInYear = 0, shown = 0;
            function closeYear() { if (heading) { heading.hidden = visibleInYear === 0; } }
            for (var i = 0; i < rows.length; i++) {
              var row = rows[i];
              if (row.className === "year") { closeYear(); heading = row; visibleInYear = 0; continue; }
              if (!row.dataset.recordId) { continue; }
              var ok = (!year || (year === "?" ? row.dataset.year === "" : row.dataset.year === year))
                && (!kind || row.dataset.kind === kind)
                && (!actor || (" " + row.dataset.actors + " ").indexOf(" " + actor + " ") >= 0);
              row.hidden = !ok;
              if (ok) { visibleInYear++; shown++; }
            }
            closeYear();
            document.getElementById("timeline-count").textContent = shown + " / " + table.querySelectorAll("tr[data-record-id]").length;
          }
          form.addEventListener("change", apply);
          apply();
        })();

        """

    // MARK: Partner network

    /// Counts an event's shared events between Japan and each partner, and between partners
    /// met at Japan's events. Who is a partner is `CooperationPartners`' one definition (the
    /// one `renkei stats` uses). Actors all arrive before events, so the network is complete
    /// when the event arrives.
    func countPartners(_ e: EventSummary) {
        let (japan, list) = cooperationPartners.partners(of: e.participants)
        guard japan, !list.isEmpty else { return }
        for (i, a) in list.enumerated() {
            partnerWeights[Charts.Pair("JP", a), default: 0] += 1
            for b in list[(i + 1)...] { partnerWeights[Charts.Pair(a, b), default: 0] += 1 }
        }
    }

    func networkPage() -> String {
        var out = frame.head(title: SitePage.network.title, depth: 0, current: .network)
        out += "<h1>\(M.bi(SitePage.network.title))</h1>\n"
        out += M.biBlock("p", LocalizedText(
            ja: "日本（中央）と、日本が参加した出来事を共にした国・機関・枠組み（円周上、ID順）。線の太さは共にした出来事の数です。相手同士の曲線は、日本の出来事で同席した回数です。相手国の省庁はその国に、「中・韓」のような組合せは各国にまとめています。",
            en: "Japan (centre) and the states, organisations and forums that shared its events (on the circle, in id order). A line's width is the number of shared events; curves between partners count the times they met at Japan's events. A partner's ministries count as its state, and a set such as China and Korea as each member."))
        let weights = partnerWeights
        let partnerIDs = Set(weights.keys.filter { $0.a == "JP" || $0.b == "JP" }.map { $0.a == "JP" ? $0.b : $0.a }).sorted()
        func node(_ id: String) -> Charts.Node {
            let a = actors[id]
            return Charts.Node(
                id: id, label: a?.label ?? LocalizedText(ja: id == "JP" ? "日本" : id, en: id == "JP" ? "Japan" : id),
                name: a?.name ?? LocalizedText(ja: id == "JP" ? "日本国" : id, en: id == "JP" ? "Japan" : id),
                href: a == nil ? nil : "actors/\(M.fileName(id)).html")
        }
        out += "<figure class=\"wide\">\(Charts.network(centre: node("JP"), partners: partnerIDs.map(node), weights: weights))</figure>\n"
        let ranked = partnerIDs.map { ($0, weights[Charts.Pair("JP", $0)] ?? 0) }.sorted { ($1.1, $0.0) < ($0.1, $1.0) }
        let between = weights.keys.filter { $0.a != "JP" && $0.b != "JP" }.count
        out += M.biBlock("p", LocalizedText(ja: "連携相手 \(ranked.count)、相手同士のつながり \(between)。", en: "\(ranked.count) partners; \(between) links between partners."), class: "note")
        out += "<table class=\"data\">\n<thead><tr><th>\(M.bi("相手", "Partner"))</th><th>\(M.bi("種別", "Kind"))</th><th>\(M.bi("日本と共にした出来事", "Events shared with Japan"))</th></tr></thead>\n<tbody>\n"
        for (id, w) in ranked {
            out += "<tr data-partner=\"\(M.h(id))\"><td>\(actorLink(id, depth: 0))</td><td>\(M.bi(Vocabulary.actorKind(actors[id]?.kind ?? "")))</td><td>\(w)</td></tr>\n"
        }
        if ranked.isEmpty { out += emptyRow(columns: 3) }
        out += "</tbody>\n</table>\n"
        out += frame.foot()
        return out
    }

    // MARK: Capacity building

    func writeProjects(to file: OutputFile) throws {
        var out = frame.head(title: SitePage.projects.title, depth: 0, current: .projects)
        out += "<h1>\(M.bi(SitePage.projects.title))</h1>\n"
        out += M.biBlock("p", LocalizedText(
            ja: "研修・演習・技術協力・資金拠出などの出来事のうち、能力構築支援の分野に属するもの、または支援対象が記録されているもの。",
            en: "Training, exercises, technical cooperation, contributions and other activities that belong to a capacity-building theme or record a beneficiary."))
        out += "<table class=\"data\">\n<thead><tr><th>\(M.bi("時期", "When"))</th><th>\(M.bi("名称", "Name"))</th><th>\(M.bi("種別", "Kind"))</th>"
        out += "<th>\(M.bi("実施・資金", "Implemented or funded by"))</th><th>\(M.bi("支援対象", "Beneficiaries"))</th></tr></thead>\n<tbody>\n"
        try file.write(out)
        var none = true
        try index.chronological(projectsOnly: true) { e in
            none = false
            func who(_ roles: Set<String>) -> String {
                var ids: [String] = []
                for p in e.participants where roles.contains(p.role) && !ids.contains(p.actor) { ids.append(p.actor) }
                return M.list(ids.map { actorLink($0, depth: 0) })
            }
            out = "<tr data-event=\"\(M.h(e.id))\"><td class=\"date\">\(M.bi(M.eventDate(e.date, e.end)))</td><td>\(eventLink(e, depth: 0))</td>"
            out += "<td class=\"kind\">\(M.bi(Vocabulary.eventKind(e.kind)))</td>"
            out += "<td>\(who(["implementer", "funder", "organiser", "host"]))</td><td>\(who(["beneficiary"]))</td></tr>\n"
            try file.write(out)
        }
        try file.write((none ? emptyRow(columns: 5) : "") + "</tbody>\n</table>\n" + frame.foot())
    }

    // MARK: Logic model

    func logicModelPage() -> String {
        var out = frame.head(title: SitePage.logicModel.title, depth: 0, current: .logicModel)
        out += "<h1>\(M.bi(SitePage.logicModel.title))</h1>\n"
        out += M.biBlock("p", LocalizedText(
            ja: "予算事業の活動 → アウトプット → アウトカム。アウトプットの指標値は、資料から写したものではなく、記録された出来事から期間ごとに計算したものです。",
            en: "Each budget's activities → outputs → outcomes. The outputs' indicator values are not copied from the source: they are computed from the recorded events, per period."))
        var shown = Set<String>()
        for id in budgetIDs {
            guard let b = context.lookup.record(id, in: .budgets), case .budget(let budget) = b else { continue }
            out += budgetSection(budget, shown: &shown)
        }
        if budgetIDs.isEmpty { out += M.biBlock("p", LocalizedText(ja: "予算の記録はありません。", en: "No budget records."), class: "note") }
        let others = indicators.filter { !shown.contains($0.id) }
        if !others.isEmpty {
            out += "<section>\n<h2>\(M.bi("その他の指標", "Other indicators"))</h2>\n<div class=\"indicators\">\n"
            for i in others { out += indicatorBlock(i) }
            out += "</div>\n</section>\n"
        }
        out += frame.foot()
        return out
    }

    func budgetSection(_ b: Budget, shown: inout Set<String>) -> String {
        var out = "<section class=\"budget\" data-collection=\"budgets\" data-record-id=\"\(M.h(b.id))\">\n"
        out += "<h2>\(M.bi(b.title))</h2>\n<p class=\"meta\">"
        out += "\(M.bi(LocalizedText(ja: "\(b.fiscalYear)年度", en: "FY\(b.fiscalYear)"))) · "
        out += "\(M.bi(M.money(b.amount))) (\(M.bi(b.basis == "contract" ? LocalizedText(ja: "契約ベース", en: "contract basis") : LocalizedText(ja: "執行ベース", en: "expenditure basis"))))"
        if let c = b.contractAmount { out += " · \(M.bi("契約ベース", "Contract basis")) \(M.bi(M.money(c)))" }
        out += " · \(actorLink(b.owner, depth: 0))</p>\n<div class=\"logic\">\n"
        out += "<div class=\"column\"><h3>\(M.bi("活動", "Activities"))</h3><ol>"
        for a in b.activities { out += "<li>\(M.bi(a.text))</li>" }
        out += "</ol></div>\n<div class=\"column\"><h3>\(M.bi("アウトプット", "Outputs"))</h3>\n"
        for o in b.outputs {
            out += "<div class=\"output\"><p>\(M.bi(o.text))</p>\n"
            let ids = o.indicators + indicators.filter { $0.output == o.id && !o.indicators.contains($0.id) }.map(\.id)
            for id in ids where !shown.contains(id) {
                guard let i = indicators.first(where: { $0.id == id }) else { continue }
                shown.insert(id)
                out += indicatorBlock(i)
            }
            out += "</div>\n"
        }
        out += "</div>\n<div class=\"column\"><h3>\(M.bi("アウトカム", "Outcomes"))</h3>\n"
        let terms = Budget.terms + Set(b.outcomes.map(\.term)).subtracting(Budget.terms).sorted()
        for term in terms {
            let list = b.outcomes.filter { $0.term == term }
            guard !list.isEmpty else { continue }
            out += "<h4>\(M.bi(Vocabulary.term(term)))</h4><ul>" + list.map { "<li>\(M.bi($0.text))</li>" }.joined() + "</ul>\n"
        }
        out += "</div>\n</div>\n"
        out += citations(b.sources, depth: 0)
        out += "</section>\n"
        return out
    }

    /// An indicator's name, a small chart of its values per period of its kind and the values as
    /// a table, with per period how many more events could lie in it and how many lie in none.
    func indicatorBlock(_ i: IndicatorSummary) -> String {
        var out = "<div class=\"indicator\" data-collection=\"indicators\" data-record-id=\"\(M.h(i.id))\">\n"
        out += "<p class=\"name\">\(M.bi(i.name))</p>\n"
        let fiscal = i.periodKind == .fiscalYear
        let years = i.values.compactMap { i.periodKind.year(ofLabel: $0.period) }
        let title = LocalizedText(ja: fiscal ? "年度" : "暦年", en: fiscal ? "Fiscal year" : "Calendar year")
        if let first = years.min(), let last = years.max() {
            let periods = (first...last).map { i.periodKind.label(ofYear: $0) }
            let values = Dictionary(i.values.map { ($0.period, $0.value) }, uniquingKeysWith: +)
            let loose = Dictionary(i.values.filter { $0.undetermined > 0 }.map { ($0.period, $0.undetermined) }, uniquingKeysWith: +)
            var layers = [Charts.Layer(key: "value", label: i.name, color: Charts.palette[fiscal ? 0 : 2])]
            if !loose.isEmpty { layers.append(Self.undeterminedLayer) }
            out += "<figure>" + Charts.stackedBars(
                id: "ind-\(M.fileName(i.id))-\(fiscal ? "fy" : "year")", title: LocalizedText(ja: i.name.ja + "（" + title.ja + "）", en: i.name.en + " (" + title.en + ")"),
                periods: periods, layers: layers, values: ["value": values, Self.undeterminedLayer.key: loose],
                plotHeight: 90, legend: !loose.isEmpty)
            out += "</figure>\n<table class=\"data numbers compact\"><thead><tr><th>\(M.bi(title))</th>"
            out += periods.map { "<th>\(M.h($0))</th>" }.joined() + "</tr></thead><tbody><tr><th>\(M.bi("値", "Value"))</th>"
            out += periods.map { "<td>\(values[$0] ?? 0)</td>" }.joined() + "</tr>"
            if !loose.isEmpty {
                out += "<tr class=\"undetermined\"><th>\(M.bi("＋未確定", "+ undetermined"))</th>"
                out += periods.map { "<td>\(loose[$0].map { "+\($0)" } ?? "")</td>" }.joined() + "</tr>"
            }
            out += "</tbody></table>\n"
        }
        if i.values.isEmpty && i.undetermined == 0 {
            out += M.biBlock("p", LocalizedText(ja: "該当する出来事の記録はありません。", en: "No matching event is recorded."), class: "note")
        }
        if i.undetermined > 0 {
            let per = fiscal ? LocalizedText(ja: "年度", en: "fiscal year") : LocalizedText(ja: "暦年", en: "calendar year")
            out += M.biBlock("p", LocalizedText(
                ja: "どの\(per.ja)か決まらない出来事（日付が期間・「以前／以降」のみ、または不明）: \(i.undetermined)件",
                en: "Events in no single \(per.en) (their date is a span, a bound, or unknown): \(i.undetermined)"), class: "note")
        }
        out += "</div>\n"
        return out
    }

    /// The citations of a record: the source's title (linking to the overview) and the locator.
    func citations(_ list: [Citation], depth: Int) -> String {
        guard !list.isEmpty else { return "" }
        let up = depth == 0 ? "" : "../"
        var out = "<div class=\"cites\"><h3>\(M.bi("出典", "Sources"))</h3><ul>"
        for c in list {
            let title = sources[c.source].map { M.bi($0.title) } ?? M.h(c.source)
            out += "<li><a href=\"\(up)index.html#\(M.h(c.source))\">\(title)</a> — <span class=\"locator\">\(M.h(c.locator))</span></li>"
        }
        out += "</ul></div>\n"
        return out
    }
}
