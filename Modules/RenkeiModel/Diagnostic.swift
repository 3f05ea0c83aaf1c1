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

    /// `file:line:column: severity[rule]: message`, as compilers print.
    public var formatted: String {
        let place = location.map { "\($0): " } ?? ""
        return "\(place)\(severity.rawValue)[\(rule)]: \(message)"
    }

    /// Sorted by file, line and column; findings without a place come first.
    public static func ordered(_ a: Diagnostic, _ b: Diagnostic) -> Bool {
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
