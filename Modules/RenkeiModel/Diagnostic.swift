/// How serious a finding is.
public enum Severity: String, Codable, Sendable, Comparable, CaseIterable {
    case note, warning, error

    private var rank: Int {
        switch self {
        case .note: 0
        case .warning: 1
        case .error: 2
        }
    }

    public static func < (a: Severity, b: Severity) -> Bool { a.rank < b.rank }
}

/// One finding about the data: which rule, how serious, what is wrong, and where.
public struct Diagnostic: Codable, Hashable, Sendable {
    public var rule: String
    public var severity: Severity
    public var message: String
    public var location: SourceLocation?
    public var record: String?
    /// Why the finding is suppressed, when a record suppresses its rule: the finding is then a
    /// note that keeps the reason (SARIF reports it as a suppression).
    public var suppression: String?

    public init(
        rule: String, severity: Severity, message: String, location: SourceLocation?, record: String? = nil,
        suppression: String? = nil
    ) {
        self.rule = rule
        self.severity = severity
        self.message = message
        self.location = location
        self.record = record
        self.suppression = suppression
    }

    /// `file:line:column: severity[rule]: message`, as compilers print, on one line: control and
    /// bidirectional characters from file names, ids or field names are escaped (`\u{1B}`), so
    /// no name can start a line of its own or colour the terminal.
    public var formatted: String { Self.escaped(unescaped) }

    /// The same line with nothing escaped, for formats that carry text safely themselves
    /// (XML content keeps a message's line breaks as they are).
    public var unescaped: String {
        let place = location.map { "\($0): " } ?? ""
        return "\(place)\(severity.rawValue)[\(rule)]: \(message)"
    }

    /// `text` with every control character (C0, DEL, C1) and every bidirectional or zero-width
    /// format character written as `\u{…}`.
    public static func escaped(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: needsEscape) else { return text }
        var out = ""
        for scalar in text.unicodeScalars {
            if needsEscape(scalar) { out += "\\u{\(String(scalar.value, radix: 16, uppercase: true))}" } else { out.unicodeScalars.append(scalar) }
        }
        return out
    }

    static func needsEscape(_ s: Unicode.Scalar) -> Bool {
        s.value < 0x20 || (0x7F...0x9F).contains(s.value) || (0x200B...0x200F).contains(s.value)
            || (0x202A...0x202E).contains(s.value) || (0x2066...0x2069).contains(s.value) || s.value == 0x061C
    }

    /// Problems that keep a whole file from being read: its records are all missing, so
    /// findings elsewhere (an unknown id) may only be their consequence.
    public static let wholeFileRules: Set<String> = [
        "file-unreadable", "file-too-large", "text-encoding", "yaml-syntax", "yaml-anchor", "yaml-tag",
        "yaml-too-deep", "yaml-too-large", "yaml-complex-key", "yaml-duplicate-key",
    ]

    /// Whole-file problems first (their consequences come after), then by file, line and
    /// column; findings without a place come first.
    public static func ordered(_ a: Diagnostic, _ b: Diagnostic) -> Bool {
        let aWhole = wholeFileRules.contains(a.rule) && a.severity == .error
        let bWhole = wholeFileRules.contains(b.rule) && b.severity == .error
        if aWhole != bWhole { return aWhole }
        switch (a.location, b.location) {
        case (nil, nil): return (a.rule, a.message) < (b.rule, b.message)
        case (nil, _): return true
        case (_, nil): return false
        case (let x?, let y?): return x == y ? (a.rule, a.message) < (b.rule, b.message) : x < y
        }
    }
}

extension SourceLocation: Codable {
    enum CodingKeys: String, CodingKey { case file, line, column }
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            file: try c.decode(String.self, forKey: .file), line: try c.decode(Int.self, forKey: .line),
            column: try c.decode(Int.self, forKey: .column))
    }
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(file, forKey: .file)
        try c.encode(line, forKey: .line)
        try c.encode(column, forKey: .column)
    }
}
