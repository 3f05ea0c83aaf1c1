import Foundation
import RenkeiExport
import ZIPFoundation

/// The package parts around the sheets (content types, relationships, workbook, styles) and the
/// zip container, written with ZIPFoundation with fixed times so the bytes are reproducible.
enum Workbook {
    /// Entries get this time; ZIP's epoch is 1980, and an earlier date is stored as 1980-01-01.
    static let fixedDate = Date(timeIntervalSince1970: 315_532_800)

    static func zip(sheets: [SheetWriter], to url: URL, scratch: URL) throws {
        let archive = try Archive(url: url, accessMode: .create)
        func add(_ path: String, _ text: String) throws {
            let data = Data(text.utf8)
            try archive.addEntry(
                with: path, type: .file, uncompressedSize: Int64(data.count), modificationDate: fixedDate,
                compressionMethod: .deflate
            ) { position, size in
                data.subdata(in: Int(position)..<Int(position) + size)
            }
        }
        try add("[Content_Types].xml", contentTypes(sheets.count))
        try add("_rels/.rels", """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
            <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>\
            </Relationships>
            """)
        try add("xl/workbook.xml", workbook(sheets.map(\.name)))
        try add("xl/_rels/workbook.xml.rels", workbookRelationships(sheets.count))
        try add("xl/styles.xml", styles)
        for (i, sheet) in sheets.enumerated() {
            let handle = try FileHandle(forReadingFrom: sheet.url)
            defer { try? handle.close() }
            let size = try handle.seekToEnd()
            try archive.addEntry(
                with: "xl/worksheets/sheet\(i + 1).xml", type: .file, uncompressedSize: Int64(size), modificationDate: fixedDate,
                compressionMethod: .deflate
            ) { position, chunk in
                try handle.seek(toOffset: UInt64(position))
                return try handle.read(upToCount: chunk) ?? Data()
            }
        }
    }

    static func contentTypes(_ count: Int) -> String {
        var xml = """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">\
            <Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>\
            <Default Extension="xml" ContentType="application/xml"/>\
            <Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>\
            <Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>
            """
        for i in 1...max(count, 1) where i <= count {
            xml += "<Override PartName=\"/xl/worksheets/sheet\(i).xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>"
        }
        return xml + "</Types>\n"
    }

    static func workbook(_ names: [String]) -> String {
        var xml = """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>
            """
        for (i, name) in names.enumerated() {
            xml += "<sheet name=\"\(MarkupEscaping.xml(name))\" sheetId=\"\(i + 1)\" r:id=\"rId\(i + 1)\"/>"
        }
        return xml + "</sheets></workbook>\n"
    }

    static func workbookRelationships(_ count: Int) -> String {
        var xml = """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
            """
        for i in 0..<count {
            xml += "<Relationship Id=\"rId\(i + 1)\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet\(i + 1).xml\"/>"
        }
        xml += "<Relationship Id=\"rId\(count + 1)\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles\" Target=\"styles.xml\"/>"
        return xml + "</Relationships>\n"
    }

    /// Three cell formats: plain, a date shown as yyyy-mm-dd, and the bold header.
    static let styles = """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">\
        <numFmts count="1"><numFmt numFmtId="164" formatCode="yyyy\\-mm\\-dd"/></numFmts>\
        <fonts count="2"><font><sz val="11"/><name val="Calibri"/></font><font><b/><sz val="11"/><name val="Calibri"/></font></fonts>\
        <fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>\
        <borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>\
        <cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>\
        <cellXfs count="3"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>\
        <xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>\
        <xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/></cellXfs>\
        <cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>\
        </styleSheet>
        """
}
