import Foundation
import RenkeiExport
import RenkeiModel

/// The report's search page, which works offline: the index (`search-index.js`) is written as
/// the records stream past — one line per record with its page, its names and every bilingual
/// field — and a small script (`search.js`) matches any length of text (演習, ASEAN) in the browser.
extension HTMLExporter {
    /// The page a record is shown on, relative to the site's root.
    func pagePath(of record: AnyRecord) -> String {
        switch record {
        case .event(let e): "events/\(Markup.fileName(e.id)).html"
        case .actor(let a): "actors/\(Markup.fileName(a.id)).html"
        case .series(let s): "series/\(Markup.fileName(s.id)).html"
        case .attribution(let a): "events/\(Markup.fileName(a.event)).html"
        case .membership(let m): "actors/\(Markup.fileName(m.organization)).html"
        case .proposal: SitePage.proposals.rawValue
        case .budget, .indicator: SitePage.logicModel.rawValue
        default: SitePage.overview.rawValue
        }
    }

    /// One line of the index: collection, id, page, label in Japanese and English, and the text searched.
    func searchIndexLine(_ record: AnyRecord) throws -> String {
        let label = record.label
        let text = ([record.id] + record.searchableFields.map(\.text)).joined(separator: "\n")
        let entry = [record.collection.rawValue, record.id, pagePath(of: record), label.ja, label.en, text]
        // JSON is JavaScript once U+2028 and U+2029 are escaped; `<` is escaped too, so no text
        // can close a script element or read as markup.
        return Self.scriptSafe(try CanonicalJSON.compact(entry))
    }

    /// JSON text with U+2028, U+2029 and `<` written as `\u` escapes, in one pass over its bytes.
    static func scriptSafe(_ json: String) -> String {
        guard json.utf8.contains(where: { $0 == UInt8(ascii: "<") || $0 == 0xE2 }) else { return json }
        var out: [UInt8] = []
        out.reserveCapacity(json.utf8.count + 16)
        let bytes = Array(json.utf8)
        var i = 0
        while i < bytes.count {
            let byte = bytes[i]
            if byte == UInt8(ascii: "<") {
                out.append(contentsOf: "\\u003c".utf8)
            } else if byte == 0xE2, i + 2 < bytes.count, bytes[i + 1] == 0x80, bytes[i + 2] == 0xA8 || bytes[i + 2] == 0xA9 {
                out.append(contentsOf: (bytes[i + 2] == 0xA8 ? "\\u2028" : "\\u2029").utf8)
                i += 2
            } else {
                out.append(byte)
            }
            i += 1
        }
        return String(decoding: out, as: UTF8.self)
    }

    func searchPage() -> String {
        var out = frame.head(title: SitePage.search.title, depth: 0, current: .search)
        out += "<h1>\(Markup.bi(SitePage.search.title))</h1>\n"
        out += "<p>\(Markup.bi("名称・件名・概要・成果・議事など、すべての記録の日英の文を検索します。2文字の語（演習、協議）も探せます。ネットワークは使いません。", "Searches every record's Japanese and English text — names, titles, summaries, outcomes, agenda. Two-character words (演習, 協議) work too. Nothing goes over the network."))</p>\n"
        out += """
            <form class="search" role="search" id="search-form"><input id="q" type="search" autocomplete="off" placeholder="演習 / ASEAN" aria-label="Search"></form>
            <p id="search-status" aria-live="polite"></p>
            <ol id="search-results"></ol>
            <noscript><p>\(Markup.bi("検索には JavaScript が必要です。", "Search needs JavaScript."))</p></noscript>
            <script src="search-index.js"></script>
            <script src="search.js"></script>

            """
        out += frame.foot()
        return out
    }

    static let searchScript = """
        // Offline search over window.RENKEI_INDEX (written by the export): every word must occur,
        // in any case; matches of any length, one character included.
        (function () {
          var index = window.RENKEI_INDEX || [];
          var input = document.getElementById("q");
          var list = document.getElementById("search-results");
          var status = document.getElementById("search-status");
          var lower = index.map(function (e) { return e[5].toLowerCase(); });
          function esc(s) { return s.replace(/[&<>"]/g, function (c) { return {"&": "&amp;", "<": "&lt;", ">": "&gt;", "\\"": "&quot;"}[c]; }); }
          function passage(text, word) {
            var at = text.toLowerCase().indexOf(word);
            if (at < 0) { return ""; }
            var from = Math.max(0, at - 30), to = Math.min(text.length, at + word.length + 30);
            return (from > 0 ? "…" : "") + esc(text.slice(from, at)) + "<mark>" + esc(text.slice(at, at + word.length)) + "</mark>" + esc(text.slice(at + word.length, to)) + (to < text.length ? "…" : "");
          }
          function run() {
            var words = input.value.toLowerCase().split(/[\\s\\u3000]+/).filter(function (w) { return w.length > 0; });
            list.innerHTML = "";
            if (words.length === 0) { status.textContent = ""; return; }
            var found = 0, html = "";
            for (var i = 0; i < index.length; i++) {
              var ok = true;
              for (var j = 0; j < words.length && ok; j++) { ok = lower[i].indexOf(words[j]) >= 0; }
              if (!ok) { continue; }
              found++;
              if (found > 200) { continue; }
              var e = index[i];
              html += "<li><a href=\\"" + esc(e[2]) + "\\"><span lang=\\"ja\\">" + esc(e[3]) + "</span><span lang=\\"en\\">" + esc(e[4]) + "</span></a> <small>" + esc(e[0]) + " · " + esc(e[1]) + "</small><br><small>" + passage(e[5], words[0]) + "</small></li>";
            }
            list.innerHTML = html;
            status.textContent = found + (found === 1 ? " record" : " records") + (found > 200 ? " (first 200 shown)" : "");
          }
          input.addEventListener("input", run);
          var form = document.getElementById("search-form");
          if (form) { form.addEventListener("submit", function (event) { event.preventDefault(); run(); }); }
          var q = new URLSearchParams(window.location.search).get("q");
          if (q) { input.value = q; }
          run();
        })();

        """
}
