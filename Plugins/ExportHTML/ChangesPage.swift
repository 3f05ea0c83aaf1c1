import RenkeiExport
import RenkeiModel

/// The page "What changed in this release" and the marks on retired records.
extension HTMLExporter {
    /// At most this many changes are listed on the page; the bundle's CHANGELOG.md has them all.
    static let listedChanges = 2000

    func changesPage() throws -> String {
        var out = frame.head(title: SitePage.changes.title, depth: 0, current: .changes)
        out += "<h1>\(M.bi(SitePage.changes.title))</h1>\n"
        guard let previous = context.lookup.previousRelease else {
            out += M.biBlock("p", LocalizedText(
                ja: "このレポートは前のリリースと比較せずに作られました。",
                en: "This report was made without comparing it with a previous release."), class: "note")
            return out + frame.foot()
        }
        out += M.biBlock("p", LocalizedText(
            ja: "前のリリース \(previous) からの変更です。",
            en: "Changes since the previous release, \(previous)."))
        var counts: [String: [ChangeOp: Int]] = [:]
        var rows = ""
        var listed = 0, total = 0
        try context.lookup.forEachReleaseChange { change in
            counts[change.collection.rawValue, default: [:]][change.op, default: 0] += 1
            total += 1
            guard listed < Self.listedChanges else { return }
            listed += 1
            let paths = change.fields.map(\.path).joined(separator: ", ")
            rows += "<tr class=\"change-\(change.op.rawValue)\"><td>\(M.bi(Self.opName(change.op)))</td><td>\(M.h(change.collection.rawValue))</td>"
                + "<td>\(change.op == .remove ? M.h(change.id) : recordLink(change.collection, change.id))</td><td>\(M.h(paths))</td></tr>\n"
        }
        if total == 0 {
            out += M.biBlock("p", LocalizedText(ja: "記録の変更はありません。", en: "No record changed."), class: "note")
            return out + frame.foot()
        }
        out += "<table>\n<thead><tr><th>\(M.bi("コレクション", "Collection"))</th>"
        for op in ChangeOp.allCases { out += "<th>\(M.bi(Self.opName(op)))</th>" }
        out += "</tr></thead>\n<tbody>\n"
        for collection in Collection.allCases {
            guard let byOp = counts[collection.rawValue] else { continue }
            out += "<tr><td>\(M.h(collection.rawValue))</td>"
            for op in ChangeOp.allCases { out += "<td class=\"num\">\(byOp[op] ?? 0)</td>" }
            out += "</tr>\n"
        }
        out += "</tbody>\n</table>\n"
        out += "<table class=\"changes\">\n<thead><tr><th>\(M.bi("変更", "Change"))</th><th>\(M.bi("コレクション", "Collection"))</th><th>\(M.bi("記録", "Record"))</th><th>\(M.bi("項目", "Fields"))</th></tr></thead>\n<tbody>\n"
        out += rows + "</tbody>\n</table>\n"
        if total > listed {
            out += M.biBlock("p", LocalizedText(
                ja: "ほか \(total - listed) 件の変更は CHANGELOG.md と changes.jsonl にあります。",
                en: "\(total - listed) more changes are in CHANGELOG.md and changes.jsonl."), class: "note")
        }
        return out + frame.foot()
    }

    static func opName(_ op: ChangeOp) -> LocalizedText {
        switch op {
        case .add: LocalizedText(ja: "追加", en: "Added")
        case .remove: LocalizedText(ja: "削除", en: "Removed")
        case .change: LocalizedText(ja: "変更", en: "Changed")
        case .deprecate: LocalizedText(ja: "廃止", en: "Deprecated")
        case .replace: LocalizedText(ja: "置換", en: "Replaced")
        }
    }

    /// A link from a top-level page to the record's page, where it has one.
    func recordLink(_ collection: Collection, _ id: String, depth: Int = 0) -> String {
        let up = String(repeating: "../", count: depth)
        switch collection {
        case .events: return "<a href=\"\(up)events/\(Markup.fileName(id)).html\">\(M.h(id))</a>"
        case .actors: return "<a href=\"\(up)actors/\(Markup.fileName(id)).html\">\(M.h(id))</a>"
        case .series: return "<a href=\"\(up)series/\(Markup.fileName(id)).html\">\(M.h(id))</a>"
        default: return M.h(id)
        }
    }

    /// The notice at the top of a retired record's page: deprecated with the reason, or replaced
    /// with a link to the successor. Empty for a live record.
    func retiredNotice(_ record: any DatasetRecord, collection: Collection) -> String {
        switch record.lifecycle {
        case .active:
            return ""
        case .deprecated:
            let reason = record.reason ?? LocalizedText(ja: "理由の記載なし", en: "no reason given")
            return "<p class=\"retired\">\(M.bi(LocalizedText(ja: "廃止された記録：\(reason.ja)", en: "Deprecated record: \(reason.en)")))</p>\n"
        case .replaced:
            let successor = recordLink(collection, record.replacedBy ?? "", depth: 1)
            return "<p class=\"retired\">\(M.bi("この記録は次に置き換えられました：", "This record is replaced by: "))\(successor)</p>\n"
        }
    }

    /// A record's heading, struck through when it is retired.
    static func heading(_ title: LocalizedText, retired: Bool) -> String {
        retired ? "<h1><del>\(M.bi(title))</del></h1>\n" : "<h1>\(M.bi(title))</h1>\n"
    }
}
