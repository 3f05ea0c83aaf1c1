import ExportXLSX
import Foundation
import RenkeiExport
import RenkeiModel
import RenkeiTabular
import RenkeiTesting
import Testing
import ZIPFoundation

@Suite("Exporter: xlsx")
struct XLSXExporterTests {
    let entry = ExporterRegistry.Entry(XLSXExporter.self)

    /// The parts of a workbook, by path inside the zip.
    static func parts(_ data: Data) throws -> [String: String] {
        let url = URL(fileURLWithPath: NSTemporaryDirectory() + "renkei-xlsx-\(UUID().uuidString).xlsx")
        try data.write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        let archive = try Archive(url: url, accessMode: .read)
        var parts: [String: String] = [:]
        for entry in archive {
            var bytes = Data()
            _ = try archive.extract(entry) { bytes.append($0) }
            parts[entry.path] = String(decoding: bytes, as: UTF8.self)
        }
        return parts
    }

    @Test("Passes the conformance kit")
    func conformance() {
        let problems = ExporterConformance(entry: entry, markup: .sqlite) { files in
            let parts = try Self.parts(files["xlsx/renkei.xlsx"]!)
            var counts: [Collection: Int] = [:]
            for (i, table) in TabularLayout.tables.enumerated() {
                guard let collection = Collection(rawValue: table.name), let sheet = parts["xl/worksheets/sheet\(i + 1).xml"] else { continue }
                counts[collection] = sheet.components(separatedBy: "<row ").count - 2
            }
            return counts
        }.run()
        #expect(problems.isEmpty, "\(problems)")
    }

    @Test("Sheet names keep within Excel's limits; text is never a formula; days are dates")
    func cells() throws {
        #expect(XLSXExporter.sheetName(String(repeating: "a", count: 40), taken: []).count == 31)
        #expect(XLSXExporter.sheetName("a/b:c", taken: []) == "a_b_c")
        #expect(XLSXExporter.sheetName("events", taken: ["Events"]) == "events (2)")
        let files = try ExporterHarness.run(entry, on: TestDatasets.hostile())
        let parts = try Self.parts(files["xlsx/renkei.xlsx"]!)
        let all = parts.values.joined()
        #expect(!all.contains("<f>"), "no cell is a formula")
        #expect(all.contains("日本語のテキスト"))
        #expect(all.contains("=HYPERLINK"), "formula-like text is kept as text")
        #expect(parts["xl/workbook.xml"]?.contains("<sheet name=\"events\"") == true)
        #expect(parts["xl/worksheets/sheet1.xml"]?.contains("state=\"frozen\"") == true)
    }

    @Test("openpyxl reads the export of data/: values, types, Japanese text, frozen headers")
    func openpyxl() throws {
        guard let python = TestSupport.checkerPython, try TestSupport.run(python, ["-c", "import openpyxl"]).code == 0 else {
            print("SKIPPED: openpyxl is not installed (run .ci/run, or set RENKEI_PYTHON to a Python with openpyxl)")
            return
        }
        let out = NSTemporaryDirectory() + "renkei-xlsx-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: out) }
        let export = try TestSupport.renkei(["export", "--format", "xlsx", "--data", TestSupport.root + "/data", "--out", out])
        #expect(export.code == 0, "\(export.err)")
        let check = """
            import datetime, sys, openpyxl
            wb = openpyxl.load_workbook(sys.argv[1])
            assert all(len(n) <= 31 for n in wb.sheetnames), wb.sheetnames
            ws = wb["events"]
            assert ws.freeze_panes == "A2", ws.freeze_panes
            header = [c.value for c in ws[1]]
            rows = {r[0]: dict(zip(header, r)) for r in ws.iter_rows(min_row=2, values_only=True)}
            m = rows["ev-2021-12-14-cshq-32"]
            assert m["date"] == datetime.datetime(2021, 12, 14) and m["date_precision"] == "day", m
            assert m["ordinal"] == 32 and isinstance(m["ordinal"], int), m
            assert m["title_ja"] == "サイバーセキュリティ戦略本部 第32回会合", m
            fr = rows["ev-2017-jp-fr-consultation"]
            assert fr["date"] == "2017" and fr["date_precision"] == "year" and fr["year"] == 2017, fr
            b = [r for r in wb["budgets"].iter_rows(min_row=2, values_only=True)]
            assert any(isinstance(v, int) and v > 0 for r in b for v in r), b
            years = {r[0]: r[1] for r in wb["Consultations per year"].iter_rows(min_row=2, values_only=True)}
            assert years == {2013: 1, 2014: 7, 2015: 5, 2016: 9, 2017: 8, 2018: 5}, years
            for ws in wb.worksheets:
                for row in ws.iter_rows():
                    for c in row:
                        assert c.data_type != "f", (ws.title, c.coordinate, c.value)
            print("ok")
            """
        let result = try TestSupport.run(python, ["-c", check, out + "/xlsx/renkei.xlsx"])
        #expect(result.out == "ok\n", "\(result.out)\(result.err.suffix(2000))")
    }

    @Test("LibreOffice converts the workbook (when installed)")
    func libreOffice() throws {
        guard let office = TestSupport.executable("soffice", "libreoffice") else {
            print("SKIPPED: LibreOffice is not installed (apt-get install libreoffice-calc-nogui)")
            return
        }
        let out = NSTemporaryDirectory() + "renkei-xlsx-lo-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: out) }
        let files = try ExporterHarness.run(entry, on: TestDatasets.minimal())
        try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
        try files["xlsx/renkei.xlsx"]!.write(to: URL(fileURLWithPath: out + "/renkei.xlsx"))
        let result = try TestSupport.run(
            "/usr/bin/timeout", ["180", office, "-env:UserInstallation=file://\(out)/profile", "--headless", "--convert-to", "csv", "--outdir", out, out + "/renkei.xlsx"])
        #expect(result.code == 0, "\(result.err)")
        let csv = (try? String(contentsOfFile: out + "/renkei.csv", encoding: .utf8)) ?? ""
        #expect(csv.hasPrefix("id,kind,title_ja"), "\(csv.prefix(200))")
    }
}
