import Foundation
import GRDB
import RenkeiExport
import RenkeiModel

/// The events and memberships the end pages need, kept on disk while records stream past, so
/// the exporter's memory does not grow with them: a scratch SQLite database in a directory of
/// its own beside the exporter's output folder (inside the run's staging folder, so a killed run
/// leaves nothing in the system's temporary directory), deleted when the index is closed (or
/// when an export fails).
///
/// Rows are inserted in one transaction as records arrive; the pages written at the end read
/// them back in page order through cursors, so only one row is in memory at a time (SQLite
/// sorts in its own bounded cache, spilling to temporary files). Text travels in blobs of our
/// own encoding, so it comes back byte for byte whatever it holds; the other columns are keys
/// to select and sort on. A date sorts as its first then last day, which is how
/// `PartialDate` compares; ids sort as bytes, as the store sorts them.
final class EventIndex {
    /// The scratch directory holding the database.
    let directory: String
    private var queue: DatabaseQueue?

    /// - Parameter directory: a folder that does not exist yet, made and removed by the index.
    init(directory: String) throws {
        guard mkdir(directory, 0o700) == 0 else {
            throw ExportError(exporter: nil, message: "cannot create the scratch folder \(directory): \(String(cString: strerror(errno)))")
        }
        self.directory = directory
        do {
            var config = Configuration()
            // One transaction spans the stream of records, across many accesses.
            config.allowsUnsafeTransactions = true
            let queue = try DatabaseQueue(path: directory + "/index.sqlite", configuration: config)
            self.queue = queue
            try queue.inDatabase { db in
                // Scratch data: no journal, no syncing; a crash loses nothing worth keeping. Sorts
                // that outgrow the cache spill to temporary files, never to memory.
                try db.execute(sql: """
                    PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; PRAGMA locking_mode = EXCLUSIVE;
                    PRAGMA temp_store = FILE
                    """)
                try db.execute(sql: Self.schema)
                try db.execute(sql: "BEGIN")
            }
        } catch {
            close()
            throw error
        }
    }

    deinit { close() }

    /// Closes the database and deletes the scratch directory; closing twice does nothing.
    func close() {
        if let queue {
            // Never leave a transaction open for GRDB to roll back on a freed database.
            try? queue.inDatabase { db in if db.isInsideTransaction { try db.execute(sql: "ROLLBACK") } }
            try? queue.close()
            self.queue = nil
        }
        try? FileManager.default.removeItem(atPath: directory)
    }

    static let schema = """
        CREATE TABLE events (
          position INTEGER PRIMARY KEY,  -- the order of arrival
          id TEXT NOT NULL,
          first INTEGER NOT NULL,        -- the first and last day the date allows, as yyyymmdd
          last INTEGER NOT NULL,         -- (an open end and an undated event sort last: 99991231)
          series TEXT,
          ordinal INTEGER,
          project INTEGER NOT NULL,      -- 1 for a capacity-building activity
          period TEXT,                   -- the row of the per-year consultation table, if listed there
          fiscal INTEGER,                -- 1 when that row is a fiscal year
          summary BLOB NOT NULL);
        CREATE INDEX events_by_id ON events(id);
        CREATE TABLE links (             -- an actor taking part in an event, once per role
          actor TEXT NOT NULL,
          position INTEGER NOT NULL,
          rank INTEGER NOT NULL,         -- the role's place among the event's participants
          role BLOB NOT NULL);
        CREATE TABLE memberships (
          person TEXT NOT NULL,
          organization TEXT NOT NULL,
          first INTEGER NOT NULL,        -- the start's first and last day (9999 when unknown)
          last INTEGER NOT NULL,
          id TEXT NOT NULL,
          summary BLOB NOT NULL);
        """

    private func database<T>(_ body: (Database) throws -> T) throws -> T {
        guard let queue else { throw ExportError(exporter: nil, message: "the scratch index of events is closed") }
        return try queue.inDatabase(body)
    }

    // MARK: Writing

    /// Keeps an event's summary, its row of the consultation table (if any) and one link per
    /// actor and role.
    func add(_ e: HTMLExporter.EventSummary, consultationPeriod: String?) throws {
        try database { db in
            try db.cachedStatement(sql: "INSERT INTO events VALUES (NULL, ?, ?, ?, ?, ?, ?, ?, ?, ?)").execute(arguments: [
                e.id, Self.key(e.date.earliest ?? e.date.latest), Self.key(e.date.latest), e.series, e.ordinal, e.isProject,
                consultationPeriod, consultationPeriod.map { $0.hasPrefix("FY") }, Self.encode(e),
            ])
            let position = db.lastInsertedRowID
            var seen = Set<String>()
            var rank = 0
            for p in e.participants where seen.insert(p.actor + "\u{0}" + p.role).inserted {
                try db.cachedStatement(sql: "INSERT INTO links VALUES (?, ?, ?, ?)").execute(arguments: [
                    p.actor, position, rank, Data(p.role.utf8),
                ])
                rank += 1
            }
        }
    }

    func add(_ m: HTMLExporter.MembershipRef, organization: String) throws {
        let start = m.start ?? PartialDate(year: 9999)!
        try database { db in
            try db.cachedStatement(sql: "INSERT INTO memberships VALUES (?, ?, ?, ?, ?, ?)").execute(arguments: [
                m.person, organization, Self.key(start.firstDay), Self.key(start.lastDay), m.id, Self.encode(m),
            ])
        }
    }

    /// The event with this id (the last to arrive, should two share it).
    func event(_ id: String) throws -> HTMLExporter.EventSummary? {
        try database { db in
            try Data.fetchOne(db.cachedStatement(sql: "SELECT summary FROM events WHERE id = ? ORDER BY position DESC LIMIT 1"), arguments: [id])
                .map(Self.decodeEvent)
        }
    }

    /// Ends the stream of records: what follows only reads, in the orders the pages need.
    func finishWriting() throws {
        try database { db in
            try db.execute(sql: """
                COMMIT;
                CREATE INDEX events_by_date ON events(first, last, id, position);
                CREATE INDEX events_by_series ON events(series);
                CREATE INDEX links_by_actor ON links(actor);
                CREATE INDEX memberships_by_organization ON memberships(organization);
                """)
        }
    }

    // MARK: Reading, in page order

    /// Events sorted by date (earliest first day, then last day), then id — all of them, or
    /// only the capacity-building activities.
    func chronological(projectsOnly: Bool = false, _ body: (HTMLExporter.EventSummary) throws -> Void) throws {
        let filter = projectsOnly ? "WHERE project = 1 " : ""
        try each("SELECT summary FROM events \(filter)ORDER BY first, last, id, position", []) { row in
            try body(Self.decodeEvent(row[0]))
        }
    }

    /// The events of the per-year consultation table: by row (calendar years, then fiscal
    /// years, each sorted as text), then by date and id.
    func consultations(_ body: (_ period: String, HTMLExporter.EventSummary) throws -> Void) throws {
        try each("SELECT period, summary FROM events WHERE period IS NOT NULL ORDER BY fiscal, period, first, last, id, position", []) { row in
            try body(row[0], Self.decodeEvent(row[1]))
        }
    }

    /// The events an actor took part in, by date then id, each once with its roles in the order
    /// of the event's participants.
    func events(of actor: String, _ body: (HTMLExporter.EventSummary, _ roles: [String]) throws -> Void) throws {
        var current: (position: Int64, event: HTMLExporter.EventSummary, roles: [String])?
        try each("""
            SELECT l.position, l.role, e.summary FROM links l JOIN events e ON e.position = l.position
            WHERE l.actor = ? ORDER BY e.first, e.last, e.id, l.position, l.rank
            """, [actor]) { row in
            let position: Int64 = row[0]
            let role = String(decoding: row[1] as Data, as: UTF8.self)
            if current?.position == position {
                current!.roles.append(role)
            } else {
                if let current { try body(current.event, current.roles) }
                current = (position, Self.decodeEvent(row[2]), [role])
            }
        }
        if let current { try body(current.event, current.roles) }
    }

    /// A series' events: by ordinal where given, then by date, then id.
    func events(inSeries id: String, _ body: (HTMLExporter.EventSummary) throws -> Void) throws {
        try each("""
            SELECT summary FROM events WHERE series = ?
            ORDER BY coalesce(ordinal, 9223372036854775807), first, last, id, position
            """, [id]) { row in
            try body(Self.decodeEvent(row[0]))
        }
    }

    /// The posts a person held on a date (those whose start and end do not exclude it), with
    /// their organisations, by start then id. Callable while records are still arriving.
    func posts(of person: String, on date: EventDate) throws -> [(post: HTMLExporter.MembershipRef, organization: String)] {
        try database { db in
            try Row.fetchAll(
                db.cachedStatement(sql: "SELECT organization, summary FROM memberships WHERE person = ? ORDER BY first, last, id"),
                arguments: [person]
            ).compactMap { row in
                let m = Self.decodeMembership(row[1])
                if let start = m.start, let last = date.latest, start.firstDay > last { return nil }
                if let end = m.end, let first = date.earliest, end.lastDay < first { return nil }
                return (m, row[0])
            }
        }
    }

    /// The posts held in an organisation, by start (unknown last), then id.
    func memberships(of organization: String, _ body: (HTMLExporter.MembershipRef) throws -> Void) throws {
        try each("SELECT summary FROM memberships WHERE organization = ? ORDER BY first, last, id", [organization]) { row in
            try body(Self.decodeMembership(row[0]))
        }
    }

    private func each(_ sql: String, _ arguments: StatementArguments, _ body: (Row) throws -> Void) throws {
        try database { db in
            let rows = try Row.fetchCursor(db, sql: sql, arguments: arguments)
            while let row = try rows.next() { try body(row) }
        }
    }

    // MARK: Encoding

    /// A day as one sortable number, `yyyymmdd`.
    static func key(_ day: PartialDate.Day) -> Int { (day.year * 100 + day.month) * 100 + day.day }

    /// A day that may be unknown: unknown sorts after every known day.
    static func key(_ day: PartialDate.Day?) -> Int { day.map(key) ?? 99_991_231 }

    static func encode(_ e: HTMLExporter.EventSummary) -> Data {
        var out = BlobWriter()
        out.text(e.id)
        out.text(e.kind)
        out.text(e.title.ja)
        out.text(e.title.en)
        out.eventDate(e.date)
        out.date(e.end)
        out.optionalText(e.series)
        out.optionalNumber(e.ordinal)
        out.number(e.participants.count)
        for p in e.participants {
            out.text(p.actor)
            out.text(p.role)
        }
        out.number((e.isProject ? 1 : 0) | (e.retired ? 2 : 0))
        return Data(out.bytes)
    }

    static func decodeEvent(_ data: Data) -> HTMLExporter.EventSummary {
        var d = BlobReader(bytes: [UInt8](data))
        let id = d.text(), kind = d.text()
        let title = LocalizedText(ja: d.text(), en: d.text())
        let date = d.eventDate(), end = d.date(), series = d.optionalText()
        let ordinal = d.optionalNumber()
        let participants = (0..<d.number()).map { _ in Participant(actor: d.text(), role: d.text()) }
        let flags = d.number()
        return HTMLExporter.EventSummary(
            id: id, kind: kind, title: title, date: date, end: end, series: series, ordinal: ordinal,
            participants: participants, isProject: flags & 1 == 1, retired: flags & 2 == 2)
    }

    static func encode(_ m: HTMLExporter.MembershipRef) -> Data {
        var out = BlobWriter()
        out.text(m.id)
        out.text(m.person)
        out.text(m.role.ja)
        out.text(m.role.en)
        out.date(m.start)
        out.date(m.end)
        return Data(out.bytes)
    }

    static func decodeMembership(_ data: Data) -> HTMLExporter.MembershipRef {
        var d = BlobReader(bytes: [UInt8](data))
        return HTMLExporter.MembershipRef(
            id: d.text(), person: d.text(), role: LocalizedText(ja: d.text(), en: d.text()), start: d.date(), end: d.date())
    }

    /// Numbers as eight little-endian bytes, text as its UTF-8 length then its bytes.
    struct BlobWriter {
        var bytes: [UInt8] = []

        mutating func number(_ n: Int) {
            withUnsafeBytes(of: Int64(n).littleEndian) { bytes.append(contentsOf: $0) }
        }

        mutating func optionalNumber(_ n: Int?) {
            number(n == nil ? 0 : 1)
            if let n { number(n) }
        }

        mutating func text(_ s: String) {
            number(s.utf8.count)
            bytes.append(contentsOf: s.utf8)
        }

        mutating func optionalText(_ s: String?) {
            number(s == nil ? 0 : 1)
            if let s { text(s) }
        }

        /// Precision (0 for none), year, month and day (0 when not given).
        mutating func date(_ d: PartialDate?) {
            guard let d else { return number(0) }
            number(PartialDate.Precision.allCases.firstIndex(of: d.precision)! + 1)
            number(d.year)
            number(d.month ?? 0)
            number(d.day ?? 0)
        }

        /// The form (0 known, 1 not after, 2 not before, 3 between, 4 undated), then its dates.
        mutating func eventDate(_ d: EventDate) {
            switch d {
            case .on(let x): number(0); date(x)
            case .notAfter(let x): number(1); date(x)
            case .notBefore(let x): number(2); date(x)
            case .between(let a, let b): number(3); date(a); date(b)
            case .undated: number(4)
            }
        }
    }

    struct BlobReader {
        let bytes: [UInt8]
        var at = 0

        init(bytes: [UInt8]) { self.bytes = bytes }

        mutating func number() -> Int {
            var n: UInt64 = 0
            for i in 0..<8 { n |= UInt64(bytes[at + i]) << (8 * UInt64(i)) }
            at += 8
            return Int(Int64(bitPattern: n))
        }

        mutating func optionalNumber() -> Int? { number() == 0 ? nil : number() }

        mutating func text() -> String {
            let count = number()
            defer { at += count }
            return String(decoding: bytes[at..<at + count], as: UTF8.self)
        }

        mutating func optionalText() -> String? { number() == 0 ? nil : text() }

        mutating func date() -> PartialDate? {
            let tag = number()
            guard tag > 0 else { return nil }
            let year = number(), month = number(), day = number()
            switch PartialDate.Precision.allCases[tag - 1] {
            case .fiscalYear: return PartialDate(fiscalYear: year)
            default: return PartialDate(year: year, month: month == 0 ? nil : month, day: day == 0 ? nil : day)
            }
        }

        mutating func eventDate() -> EventDate {
            switch number() {
            case 0: return .on(date()!)
            case 1: return .notAfter(date()!)
            case 2: return .notBefore(date()!)
            case 3: return .between(date()!, date()!)
            default: return .undated
            }
        }
    }
}
