import Foundation
import RenkeiModel
import RenkeiStore

/// Ranked full-text search over every bilingual field of every collection: any length of query
/// (1–2 character Japanese included), quoted phrases, all terms required.
///
/// The store's cursor gives the fields containing the query's longest term, record by record;
/// each candidate is checked for the other terms and scored, and only the best `limit` are kept.
public struct RecordSearch {
    /// One record found, with the passage that matched best.
    public struct Hit: Sendable, Hashable {
        public var collection: Collection
        public var id: String
        public var score: Int
        /// The field the passage comes from (`title`, `summary`, `agenda[1].title`) and its language.
        public var field: String
        public var language: String
        /// A stretch of the field around the first match, the match marked `[` … `]`.
        public var passage: String
    }

    /// The alternatives asked for (`ASEAN OR 演習`), each a list of terms that must all occur.
    public let alternatives: [[String]]
    public var collections: [Collection] = []
    public var limit = 20

    /// Every term of every alternative.
    public var terms: [String] { alternatives.flatMap { $0 } }

    /// Parses `text`: words separated by spaces, `"quoted phrases"`, and `OR` between alternatives.
    public init(_ text: String) throws(QueryError) {
        var alternatives: [[String]] = [[]]
        for term in Self.split(text) {
            if term == "OR" {
                alternatives.append([])
            } else {
                alternatives[alternatives.count - 1].append(term)
            }
        }
        self.alternatives = alternatives.filter { !$0.isEmpty }
        guard !self.alternatives.isEmpty else { throw QueryError(.usage, "give the text to search for, such as 演習 or \"cyber dialogue\".") }
    }

    /// The words and quoted phrases of `text`; a quoted "OR" is a phrase, not the operator.
    static func split(_ text: String) -> [String] {
        var terms: [String] = []
        var current = ""
        var quoted = false
        for ch in text {
            if ch == "\"" || ch == "“" || ch == "”" {
                // A quoted "OR" is the word, looked for in any case like every term.
                if quoted || !current.isEmpty { terms.append(quoted && current == "OR" ? "or" : current) }
                current = ""
                quoted.toggle()
            } else if !quoted && (ch.isWhitespace || ch == "\u{3000}") {
                if !current.isEmpty { terms.append(current) }
                current = ""
            } else {
                current.append(ch)
            }
        }
        if !current.isEmpty { terms.append(current) }
        return terms.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    /// Runs the search; hits best first (then by collection and id). A record found by several
    /// alternatives keeps its best score.
    public func run(on store: Store) throws -> [Hit] {
        guard store.hasSearchFields else {
            throw QueryError(.usage, "\(store.path) was built before search covered every field: run 'renkei build' again.")
        }
        var merged: [Hit] = []
        for terms in alternatives {
            for hit in try run(terms, on: store) {
                if let i = merged.firstIndex(where: { $0.collection == hit.collection && $0.id == hit.id }) {
                    if hit.score > merged[i].score { merged[i] = hit }
                } else {
                    merged.append(hit)
                }
            }
        }
        return Array(merged.sorted(by: Self.order).prefix(limit))
    }

    func run(_ terms: [String], on store: Store) throws -> [Hit] {
        let lead = terms.max { a, b in a.count != b.count ? a.count < b.count : a > b }!
        let needles = terms.map { $0.lowercased() }
        var best: [Hit] = []
        // The cursor gives a record's matching fields one after another (in rowid order, which
        // is the order records were written). With one term they are all the fields that can
        // score; with several, the record's other fields are read to check the other terms.
        var pending: [StoredField] = []
        func consider() throws {
            guard let first = pending.first else { return }
            let fields = needles.count == 1 ? pending : try store.fields(of: first.record, in: first.collection)
            pending.removeAll(keepingCapacity: true)
            guard var hit = Self.score(fields, needles: needles, collection: first.collection, id: first.record, highlighting: false)
            else { return }
            if best.count == limit, let last = best.last, !Self.order(hit, last) { return }
            // Only the records kept have their passage cut and marked.
            hit.passage = Self.highlight(hit.passage, needles: needles)
            best.append(hit)
            best.sort(by: Self.order)
            if best.count > limit { best.removeLast() }
        }
        try store.forEachField(containing: lead, in: collections) { field in
            if let p = pending.first, p.collection != field.collection || p.record != field.record { try consider() }
            pending.append(field)
            return true
        }
        try consider()
        return best
    }

    static func order(_ a: Hit, _ b: Hit) -> Bool {
        if a.score != b.score { return a.score > b.score }
        if a.collection != b.collection {
            return Collection.allCases.firstIndex(of: a.collection)! < Collection.allCases.firstIndex(of: b.collection)!
        }
        return a.id < b.id
    }

    /// Scores a record: every term must occur in some field; each occurrence counts, three
    /// times over in a name or title, and a name or title that is exactly the query counts most.
    /// Without `highlighting`, the passage is the best field's whole text, for ``highlight(_:needles:)`` later.
    static func score(_ fields: [StoredField], needles: [String], collection: Collection, id: String, highlighting: Bool = true) -> Hit? {
        var score = 0
        var found = Set<String>()
        var passage: (field: StoredField, rank: Int)?
        for field in fields {
            let text = field.text.lowercased()
            let heading = headings.contains(field.field)
            var fieldScore = 0
            for needle in needles {
                let n = occurrences(of: needle, in: text)
                if n > 0 { found.insert(needle) }
                fieldScore += n * (heading ? 3 : 1)
            }
            if heading && needles.count == 1 && text == needles[0] { fieldScore += 20 }
            if fieldScore > 0, passage == nil || fieldScore > passage!.rank { passage = (field, fieldScore) }
            score += fieldScore
        }
        guard found.count == Set(needles).count, let passage else { return nil }
        return Hit(
            collection: collection, id: id, score: score, field: passage.field.field, language: passage.field.language,
            passage: highlighting ? highlight(passage.field.text, needles: needles) : passage.field.text)
    }

    /// The fields whose matches count three times over.
    static let headings: Set<String> = ["title", "name", "statement", "item", "incident", "index"]

    /// How many times `needle` occurs in `text`, without overlaps, left to right, comparing
    /// UTF-8 bytes: literally, as the store's indexes and `instr()` find candidates (a search
    /// finds a record by the text it holds, not by canonically equivalent spellings), and
    /// without bridging each field to `NSString`, which at a million fields was most of a
    /// two-character search's time.
    static func occurrences(of needle: String, in text: String) -> Int {
        var needle = needle, text = text
        return needle.withUTF8 { n in
            text.withUTF8 { t in
                guard let first = n.first, n.count <= t.count else { return 0 }
                var count = 0, i = 0
                while i + n.count <= t.count {
                    if t[i] == first && (1..<n.count).allSatisfy({ t[i + $0] == n[$0] }) {
                        count += 1
                        i += n.count
                    } else {
                        i += 1
                    }
                }
                return count
            }
        }
    }

    /// Up to 30 characters either side of the first match, the match in brackets.
    static func highlight(_ text: String, needles: [String]) -> String {
        let flat = text.replacingOccurrences(of: "\n", with: " ")
        let lower = flat.lowercased()
        guard lower.count == flat.count,
            let match = needles.compactMap({ lower.range(of: $0) }).min(by: { $0.lowerBound < $1.lowerBound })
        else { return String(flat.prefix(80)) }
        let start = lower.distance(from: lower.startIndex, to: match.lowerBound)
        let length = lower.distance(from: match.lowerBound, to: match.upperBound)
        let chars = Array(flat)
        let from = max(0, start - 30), to = min(chars.count, start + length + 30)
        return (from > 0 ? "…" : "") + String(chars[from..<start]) + "[" + String(chars[start..<start + length]) + "]"
            + String(chars[(start + length)..<to]) + (to < chars.count ? "…" : "")
    }
}
