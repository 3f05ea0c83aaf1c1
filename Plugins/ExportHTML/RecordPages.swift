import RenkeiExport
import RenkeiModel

/// A page per event (written as the event arrives), per actor and per series (written at the
/// end, their events streamed from the index), and the lists of actors and series.
extension HTMLExporter {
    /// `第4回` and `4th`.
    static func ordinal(_ n: Int) -> LocalizedText {
        let suffix: String
        switch (n % 10, n % 100) {
        case (_, 11...13): suffix = "th"
        case (1, _): suffix = "st"
        case (2, _): suffix = "nd"
        case (3, _): suffix = "rd"
        default: suffix = "th"
        }
        return LocalizedText(ja: "第\(n)回", en: "\(n)\(suffix)")
    }

    func fact(_ label: LocalizedText, _ value: String) -> String {
        "<dt>\(M.bi(label))</dt><dd>\(value)</dd>\n"
    }

    // MARK: Event

    func eventPage(_ e: Event) -> String {
        var out = frame.head(title: e.title, depth: 1, current: .timeline, mainAttributes: " class=\"record\" data-page=\"event\"")
        let listed = e.date.indexYear.map { ("y\($0)", String($0)) } ?? ("undated", M.bi("日付不明", "Undated"))
        out += "<p class=\"crumbs\"><a href=\"../timeline.html#\(listed.0)\">\(M.bi(SitePage.timeline.title)) · \(listed.1)</a></p>\n"
        out += HTMLExporter.heading(e.title, retired: e.isRetired) + retiredNotice(e, collection: .events) + "<dl class=\"facts\">\n"
        out += fact(.init(ja: "種別", en: "Kind"), M.bi(Vocabulary.eventKind(e.kind)))
        var when = M.bi(M.eventDate(e.date, e.end))
        if let note = e.dateNote { when += "<br><small>\(M.h(note))</small>" }
        out += fact(.init(ja: "日付", en: "Date"), when)
        if let place = e.location {
            var parts: [String] = []
            if let city = place.city { parts.append(M.bi(city)) }
            if let country = place.country { parts.append(actorLink(country, depth: 1)) }
            out += fact(.init(ja: "場所", en: "Place"), M.list(parts))
        }
        if let s = e.series {
            var value = seriesLink(s, depth: 1)
            if let n = e.ordinal { value += " · " + M.bi(Self.ordinal(n)) }
            out += fact(.init(ja: "シリーズ", en: "Series"), value)
        }
        if !e.themes.isEmpty {
            out += fact(.init(ja: "分野", en: "Themes"), M.list(e.themes.map { themes[$0].map { M.bi($0.name) } ?? M.h($0) }))
        }
        out += fact(.init(ja: "ID", en: "ID"), "<code>\(M.h(e.id))</code>")
        out += "</dl>\n"
        if let summary = e.summary {
            out += "<section><h2>\(M.bi("概要", "Summary"))</h2>\(M.biBlock("p", summary, class: "text"))</section>\n"
        }
        if !e.outcomes.isEmpty {
            out += "<section><h2>\(M.bi("成果", "Outcomes"))</h2><ul>" + e.outcomes.map { "<li>\(M.bi($0))</li>" }.joined() + "</ul></section>\n"
        }
        if !e.participants.isEmpty {
            out += "<section><h2>\(M.bi("参加", "Taking part"))</h2><table class=\"data\"><thead><tr><th>\(M.bi("主体", "Actor"))</th><th>\(M.bi("役割", "Role"))</th></tr></thead><tbody>"
            for p in e.participants {
                out += "<tr><td>\(actorLink(p.actor, depth: 1))</td><td>\(M.bi(Vocabulary.role(p.role)))</td></tr>"
            }
            out += "</tbody></table></section>\n"
        }
        if !e.persons.isEmpty {
            out += "<section><h2>\(M.bi("出席者", "People present"))</h2><ul>"
            for p in e.persons {
                // The posts held on the day of the event, from the memberships already read.
                let posts = ((try? index.posts(of: p.person, on: e.date)) ?? []).map { post, organization in
                    "<span class=\"post\">\(M.bi(post.role))（\(actorLink(organization, depth: 1))）</span>"
                }
                out += "<li>\(personName(p.person)) — \(M.bi(Vocabulary.personRole(p.role)))"
                out += posts.isEmpty ? "</li>" : "<br><small>\(posts.joined(separator: "、"))</small></li>"
            }
            out += "</ul></section>\n"
        }
        if !e.agenda.isEmpty {
            out += "<section><h2>\(M.bi("議事", "Agenda"))</h2><ol class=\"agenda\">"
            for item in e.agenda {
                out += "<li id=\"\(M.h(item.id))\"><span class=\"tag\">\(M.bi(Vocabulary.agendaKind(item.kind)))</span> \(M.bi(item.title))"
                if let outcome = item.outcome { out += "<br><small>\(M.bi(outcome))</small>" }
                out += "</li>"
            }
            out += "</ol></section>\n"
        }
        if !e.remarks.isEmpty {
            let agendaTitles = Dictionary(e.agenda.map { ($0.id, $0.title) }, uniquingKeysWith: { a, _ in a })
            out += "<section><h2>\(M.bi("発言", "Remarks"))</h2><ul class=\"remarks\">"
            for r in e.remarks {
                out += "<li><strong>\(personName(r.person))</strong>"
                if let a = r.agenda { out += " <small>(<a href=\"#\(M.h(a))\">\(agendaTitles[a].map { M.bi($0) } ?? M.h(a))</a>)</small>" }
                out += ": \(M.bi(r.summary))</li>"
            }
            out += "</ul></section>\n"
        }
        out += citations(e.sources, depth: 1)
        out += frame.foot()
        return out
    }

    func personName(_ id: String) -> String { persons[id].map { M.bi($0) } ?? M.h(id) }

    // MARK: Actor

    func writeActorPage(_ a: Actor, to file: OutputFile) throws {
        var out = frame.head(title: a.name, depth: 1, current: .actors,
                             mainAttributes: " class=\"record\" data-collection=\"actors\" data-record-id=\"\(M.h(a.id))\"")
        out += "<p class=\"crumbs\"><a href=\"../actors.html\">\(M.bi(SitePage.actors.title))</a></p>\n"
        out += HTMLExporter.heading(a.name, retired: a.isRetired) + retiredNotice(a, collection: .actors) + "<dl class=\"facts\">\n"
        out += fact(.init(ja: "種別", en: "Kind"), M.bi(Vocabulary.actorKind(a.kind)))
        out += fact(.init(ja: "ID", en: "ID"), "<code>\(M.h(a.id))</code>")
        if !a.aliases.isEmpty { out += fact(.init(ja: "別名", en: "Also written"), M.list(a.aliases.map { M.h($0) })) }
        if let parent = a.parent { out += fact(.init(ja: "所属", en: "Part of"), actorLink(parent, depth: 1)) }
        if !a.members.isEmpty { out += fact(.init(ja: "構成", en: "Members"), M.list(a.members.map { actorLink($0, depth: 1) })) }
        if let founded = a.founded { out += fact(.init(ja: "設立", en: "Founded"), M.bi(M.date(founded))) }
        if let size = a.size {
            let value = size.value == size.value.rounded() && abs(size.value) < 1e15 ? String(Int64(size.value)) : String(size.value)
            var text = LocalizedText(ja: value + size.unit.ja, en: value + " " + size.unit.en)
            if let asOf = size.asOf {
                text = LocalizedText(ja: text.ja + "（" + M.date(asOf).ja + "現在）", en: text.en + " (as of " + M.date(asOf).en + ")")
            }
            out += fact(.init(ja: "規模", en: "Size"), M.bi(text))
        }
        out += "</dl>\n"
        if a.kind == "partner-set" {
            out += M.biBlock("p", LocalizedText(
                ja: "この組合せは国ではありません。出来事の参加者としては、構成する各国を表します。",
                en: "This set is not a country: as an event participant it stands for each of its members."), class: "note")
        }
        // The events, by date then id, each with the actor's roles in it.
        let count = eventsPerActor[a.id] ?? 0
        out += "<section><h2>\(M.bi("出来事", "Events")) <small>(\(count))</small></h2>\n"
        if count == 0 {
            out += M.biBlock("p", LocalizedText(ja: "この主体が参加した出来事の記録はありません。", en: "No recorded event has this actor taking part."), class: "note")
        } else {
            out += "<table class=\"data\"><thead><tr><th>\(M.bi("日付", "Date"))</th><th>\(M.bi("種別", "Kind"))</th><th>\(M.bi("出来事", "Event"))</th><th>\(M.bi("役割", "Role"))</th></tr></thead><tbody>\n"
            try file.write(out)
            try index.events(of: a.id) { e, roles in
                var row = "<tr data-event=\"\(M.h(e.id))\"><td class=\"date\">\(M.bi(M.eventDate(e.date, e.end)))</td><td class=\"kind\">\(M.bi(Vocabulary.eventKind(e.kind)))</td>"
                row += "<td>\(eventLink(e, depth: 1))</td><td>\(M.list(roles.map { M.bi(Vocabulary.role($0)) }))</td></tr>\n"
                try file.write(row)
            }
            out = "</tbody></table>\n"
        }
        out += "</section>\n"
        // The posts held in it, by start (unknown last), then id.
        let posts = membershipsPerOrganization[a.id] ?? 0
        if posts > 0 {
            out += "<section><h2>\(M.bi("役職", "Posts held")) <small>(\(posts))</small></h2>\n"
            out += "<table class=\"data\"><thead><tr><th>\(M.bi("人物", "Person"))</th><th>\(M.bi("役職", "Post"))</th><th>\(M.bi("から", "From"))</th><th>\(M.bi("まで", "Until"))</th></tr></thead><tbody>\n"
            try file.write(out)
            try index.memberships(of: a.id) { m in
                var row = "<tr data-collection=\"memberships\" data-record-id=\"\(M.h(m.id))\"><td>\(personName(m.person))</td><td>\(M.bi(m.role))</td>"
                row += "<td class=\"date\">\(m.start.map { M.bi(M.date($0)) } ?? "")</td><td class=\"date\">\(m.end.map { M.bi(M.date($0)) } ?? "")</td></tr>\n"
                try file.write(row)
            }
            out = "</tbody></table>\n</section>\n"
        }
        out += citations(a.sources, depth: 1)
        out += frame.foot()
        try file.write(out)
    }

    // MARK: Series

    func writeSeriesPage(_ s: Series, to file: OutputFile) throws {
        var out = frame.head(title: s.name, depth: 1, current: .series,
                             mainAttributes: " class=\"record\" data-collection=\"series\" data-record-id=\"\(M.h(s.id))\"")
        out += "<p class=\"crumbs\"><a href=\"../series.html\">\(M.bi(SitePage.series.title))</a></p>\n"
        out += HTMLExporter.heading(s.name, retired: s.isRetired) + retiredNotice(s, collection: .series) + "<dl class=\"facts\">\n"
        out += fact(.init(ja: "種別", en: "Kind"), M.bi(Vocabulary.eventKind(s.kind)))
        if !s.partners.isEmpty { out += fact(.init(ja: "参加", en: "Partners"), M.list(s.partners.map { actorLink($0, depth: 1) })) }
        out += fact(.init(ja: "ID", en: "ID"), "<code>\(M.h(s.id))</code>")
        out += "</dl>\n"
        // The rounds: by ordinal where given, then by date, then id.
        let count = seriesSpans[s.id]?.count ?? 0
        out += "<section><h2>\(M.bi("各回", "Rounds")) <small>(\(count))</small></h2>\n"
        if count == 0 {
            out += M.biBlock("p", LocalizedText(ja: "このシリーズの出来事の記録はありません。", en: "No event of this series is recorded."), class: "note")
        } else {
            out += "<table class=\"data\"><thead><tr><th>\(M.bi("回", "Round"))</th><th>\(M.bi("日付", "Date"))</th><th>\(M.bi("出来事", "Event"))</th></tr></thead><tbody>\n"
            try file.write(out)
            try index.events(inSeries: s.id) { e in
                var row = "<tr data-event=\"\(M.h(e.id))\"><td>\(e.ordinal.map { M.bi(Self.ordinal($0)) } ?? "—")</td>"
                row += "<td class=\"date\">\(M.bi(M.eventDate(e.date, e.end)))</td><td>\(eventLink(e, depth: 1))</td></tr>\n"
                try file.write(row)
            }
            out = "</tbody></table>\n"
        }
        out += "</section>\n"
        out += citations(s.sources, depth: 1)
        out += frame.foot()
        try file.write(out)
    }

    // MARK: Lists

    func actorsIndexPage() -> String {
        var out = frame.head(title: SitePage.actors.title, depth: 0, current: .actors)
        out += "<h1>\(M.bi(SitePage.actors.title))</h1>\n"
        let kinds = Actor.kinds + Set(actors.values.map(\.kind)).subtracting(Actor.kinds).sorted()
        for kind in kinds {
            let ids = actors.keys.filter { actors[$0]!.kind == kind }.sorted()
            guard !ids.isEmpty else { continue }
            out += "<section><h2>\(M.bi(Vocabulary.actorKind(kind))) <small>(\(ids.count))</small></h2><ul class=\"columns\">\n"
            for id in ids {
                let n = eventsPerActor[id] ?? 0
                out += "<li>\(actorLink(id, depth: 0)) <small class=\"count-badge\">\(n)</small></li>\n"
            }
            out += "</ul></section>\n"
        }
        if actors.isEmpty { out += M.biBlock("p", LocalizedText(ja: "記録はありません。", en: "No records."), class: "note") }
        out += frame.foot()
        return out
    }

    func seriesIndexPage() -> String {
        var out = frame.head(title: SitePage.series.title, depth: 0, current: .series)
        out += "<h1>\(M.bi(SitePage.series.title))</h1>\n"
        out += "<table class=\"data\">\n<thead><tr><th>\(M.bi("シリーズ", "Series"))</th><th>\(M.bi("種別", "Kind"))</th>"
        out += "<th>\(M.bi("回数", "Rounds"))</th><th>\(M.bi("期間", "Span"))</th></tr></thead>\n<tbody>\n"
        for id in series.keys.sorted() {
            var span = ""
            if let s = seriesSpans[id] {
                let a = M.eventDate(s.first.date, nil), b = M.eventDate(s.last.date, nil)
                span = M.bi(s.count == 1 ? a : LocalizedText(ja: a.ja + "～" + b.ja, en: a.en + " – " + b.en))
            }
            out += "<tr><td>\(seriesLink(id, depth: 0))</td><td class=\"kind\">\(M.bi(Vocabulary.eventKind(series[id]!.kind)))</td>"
            out += "<td>\(seriesSpans[id]?.count ?? 0)</td><td class=\"date\">\(span)</td></tr>\n"
        }
        if series.isEmpty { out += emptyRow(columns: 4) }
        out += "</tbody>\n</table>\n"
        out += frame.foot()
        return out
    }
}
