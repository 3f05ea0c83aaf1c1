/// The site's two local assets: the stylesheet (which also carries the Japanese/English switch)
/// and a few lines of script that remember the chosen language from page to page.
enum SiteAssets {
    static let stylesheet = """
        /* Renkei report. No web fonts, no remote resources. */
        :root {
          --ink: #1d2630; --muted: #5b6570; --line: #dde3ea; --band: #f3f6f9;
          --brand: #17324d; --accent: #2563a6; --warn: #b8322a;
          --sans: system-ui, -apple-system, "Segoe UI", "Noto Sans CJK JP", "Noto Sans JP", "Hiragino Sans",
            "Hiragino Kaku Gothic ProN", "Yu Gothic", Meiryo, sans-serif;
        }
        * { box-sizing: border-box; }
        html { -webkit-text-size-adjust: 100%; }
        body { margin: 0; font-family: var(--sans); color: var(--ink); background: #fff; line-height: 1.6; font-size: 15px; }
        a { color: var(--accent); text-decoration: none; }
        a:hover { text-decoration: underline; }
        span[lang] { unicode-bidi: isolate; }
        code { font-size: 0.9em; background: var(--band); padding: 0 4px; border-radius: 3px; }
        small { color: var(--muted); }

        /* The language switch: two radio buttons before the page; the unchecked language is hidden. */
        .lang-switch { position: absolute; opacity: 0; width: 1px; height: 1px; pointer-events: none; }
        #lang-ja:checked ~ .page [lang="en"] { display: none !important; }
        #lang-en:checked ~ .page [lang="ja"] { display: none !important; }
        .langs label { cursor: pointer; padding: 3px 10px; border: 1px solid rgba(255,255,255,0.5); font-size: 13px; }
        .langs label:first-child { border-radius: 4px 0 0 4px; }
        .langs label:last-child { border-radius: 0 4px 4px 0; border-left: 0; }
        #lang-ja:checked ~ .page label[for="lang-ja"], #lang-en:checked ~ .page label[for="lang-en"] { background: #fff; color: var(--brand); }
        #lang-ja:focus-visible ~ .page label[for="lang-ja"], #lang-en:focus-visible ~ .page label[for="lang-en"] { outline: 2px solid #ffd166; }

        header.site { background: var(--brand); color: #fff; }
        header.site .bar { max-width: 1160px; margin: 0 auto; padding: 12px 20px 6px; display: flex; align-items: center; justify-content: space-between; gap: 16px; }
        header.site .brand { color: #fff; font-weight: 600; font-size: 17px; }
        header.site nav { max-width: 1160px; margin: 0 auto; padding: 0 14px 8px; display: flex; flex-wrap: wrap; gap: 2px; }
        header.site nav a { color: #d6e2ee; padding: 4px 8px; border-radius: 4px; font-size: 14px; }
        header.site nav a[aria-current="page"], header.site nav a:hover { background: rgba(255,255,255,0.14); color: #fff; text-decoration: none; }

        main { max-width: 1160px; margin: 0 auto; padding: 20px 20px 40px; }
        h1 { font-size: 26px; line-height: 1.3; margin: 8px 0 12px; }
        h2 { font-size: 19px; margin: 32px 0 10px; padding-bottom: 4px; border-bottom: 2px solid var(--line); }
        h3 { font-size: 15px; margin: 14px 0 6px; }
        h4 { font-size: 14px; margin: 12px 0 4px; color: var(--muted); }
        p { margin: 6px 0 10px; }
        .note { color: var(--muted); font-size: 14px; }
        .crumbs { font-size: 14px; margin: 0; }
        footer { max-width: 1160px; margin: 0 auto; padding: 16px 20px 28px; color: var(--muted); font-size: 13px; border-top: 1px solid var(--line); }

        .hero { padding: 6px 0 4px; }
        .hero h1 { font-size: 28px; margin-bottom: 4px; }
        .hero .lead { font-size: 16px; color: #38424c; max-width: 60em; }
        .hero .meta { color: var(--muted); font-size: 14px; }

        .counts { display: grid; grid-template-columns: repeat(auto-fill, minmax(140px, 1fr)); gap: 10px; }
        .count { display: block; border: 1px solid var(--line); border-radius: 6px; padding: 8px 12px; background: var(--band); color: var(--ink); }
        a.count:hover { border-color: var(--accent); text-decoration: none; }
        .count .n { display: block; font-size: 26px; font-weight: 700; color: var(--brand); line-height: 1.2; }
        .count .what { font-size: 13px; color: var(--muted); }

        table.data { border-collapse: collapse; width: 100%; margin: 8px 0 16px; font-size: 14px; }
        table.data th, table.data td { text-align: left; vertical-align: top; padding: 6px 10px; border-bottom: 1px solid var(--line); }
        table.data thead th { background: var(--band); font-weight: 600; border-bottom: 2px solid var(--line); }
        table.data tbody tr:hover td { background: #fafcfe; }
        table.data td.date { white-space: nowrap; color: #38424c; }
        table.data td.kind { white-space: nowrap; color: var(--muted); font-size: 13px; }
        table.data td.who { font-size: 13px; }
        table.data thead th { white-space: nowrap; }
        table.data td.issuers { min-width: 12em; }
        table.numbers td, table.numbers thead th + th { text-align: right; font-variant-numeric: tabular-nums; }
        table.numbers { width: auto; }
        table.numbers tbody th, table.numbers tfoot th { font-weight: 500; white-space: nowrap; }
        .scroll { overflow-x: auto; max-width: 100%; }
        .pair { display: flex; flex-wrap: wrap; align-items: flex-end; gap: 8px 32px; }
        .pair figure { margin-bottom: 8px; flex: 0 0 auto; }
        .pair .scroll { flex: 0 0 auto; max-width: 100%; }
        table.numbers th, table.numbers td { padding: 6px 7px; }
        table.compact th, table.compact td { padding: 3px 8px; }
        tr.year th { background: #e8eef5; color: var(--brand); font-size: 15px; }
        tr.empty td { color: var(--muted); font-style: italic; }
        .sources .title { font-weight: 500; }
        .jump { display: flex; flex-wrap: wrap; gap: 6px; }
        .jump a { padding: 1px 8px; border: 1px solid var(--line); border-radius: 10px; font-size: 13px; }
        ul.inline { list-style: none; margin: 0; padding: 0; display: flex; flex-wrap: wrap; gap: 4px 6px; }
        ul.inline li { background: var(--band); border: 1px solid var(--line); border-radius: 12px; padding: 0 9px; font-size: 13px; }
        ul.columns { columns: 3 16em; padding-left: 1.2em; }
        .count-badge { font-size: 12px; }
        ul.pages li { margin: 4px 0; }

        figure { margin: 8px 0 16px; }
        figure.wide { text-align: center; }
        figcaption { font-size: 13px; color: var(--muted); }
        .charts { display: grid; grid-template-columns: repeat(auto-fit, minmax(380px, 1fr)); gap: 12px 28px; }
        svg.chart { max-width: 100%; height: auto; font-family: var(--sans); }
        svg.chart text { font-size: 12px; fill: #38424c; }
        svg.chart text.value { font-size: 11px; font-weight: 600; }
        svg.chart text.legend { font-size: 12px; }
        svg.chart text.empty { font-size: 14px; fill: var(--muted); }
        svg.network text.node-label { font-size: 12px; }
        svg.network text.node-label.centre { font-size: 13px; font-weight: 700; fill: #fff; }
        svg.network a:hover circle { stroke: var(--ink); stroke-width: 2; }

        dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: 4px 18px; margin: 8px 0 16px; }
        dl.facts dt { color: var(--muted); font-size: 14px; }
        dl.facts dd { margin: 0; }
        .text { white-space: pre-line; max-width: 60em; }
        .tag { display: inline-block; font-size: 12px; background: var(--band); border: 1px solid var(--line); border-radius: 3px; padding: 0 6px; color: var(--muted); }
        ol.agenda li, ul.remarks li { margin: 6px 0; }
        .cites { margin-top: 24px; font-size: 13px; }
        .cites h3 { font-size: 14px; color: var(--muted); }
        .cites .locator { color: var(--muted); }

        .budget .meta { color: #38424c; }
        .logic { display: grid; grid-template-columns: 1fr 1.4fr 1fr; gap: 28px; }
        .logic .column { position: relative; background: var(--band); border: 1px solid var(--line); border-radius: 6px; padding: 4px 14px 10px; min-width: 0; }
        .logic .column + .column::before { content: "→"; position: absolute; left: -22px; top: 8px; font-size: 18px; color: var(--muted); }
        .logic ol, .logic ul { padding-left: 1.2em; margin: 4px 0; font-size: 14px; }
        .output { background: #fff; border: 1px solid var(--line); border-radius: 4px; padding: 6px 10px; margin: 8px 0; }
        .indicator { border-top: 1px dashed var(--line); margin-top: 6px; padding-top: 6px; }
        .indicator .name { font-weight: 600; font-size: 14px; margin: 0; }
        .indicator figure { margin: 4px 0; }
        .indicators { display: grid; grid-template-columns: repeat(auto-fit, minmax(360px, 1fr)); gap: 16px; }

        @media (max-width: 760px) {
          .logic { grid-template-columns: 1fr; }
          .logic .column + .column::before { content: "↓"; left: 50%; top: -24px; }
          header.site .bar { flex-wrap: wrap; }
        }
        @media print {
          header.site nav, .langs { display: none; }
          header.site { background: none; color: var(--ink); }
          header.site .brand { color: var(--ink); }
        }

        """

    static let languageScript = """
        // Remembers the language chosen with the switch, so the next page opens in it.
        // The switch itself works without this script.
        (function () {
          var key = "renkei-lang";
          function storage() { try { return window.localStorage; } catch (e) { return null; } }
          var store = storage();
          if (!store) { return; }
          var saved = null;
          try { saved = store.getItem(key); } catch (e) { saved = null; }
          if (saved === "ja" || saved === "en") {
            var input = document.getElementById("lang-" + saved);
            if (input) { input.checked = true; }
          }
          ["ja", "en"].forEach(function (language) {
            var input = document.getElementById("lang-" + language);
            if (!input) { return; }
            input.addEventListener("change", function () {
              try { store.setItem(key, language); } catch (e) { /* storage refused: nothing to remember */ }
            });
          });
        })();

        """
}
