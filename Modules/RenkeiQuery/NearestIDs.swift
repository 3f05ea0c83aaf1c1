/// Suggests the known ids closest to one that was mistyped ("did you mean …?"), keeping only the
/// best few while the ids stream past.
public struct NearestIDs {
    public let wanted: String
    public let limit: Int
    private var best: [(distance: Int, id: String)] = []
    private let target: [Character]

    public init(to wanted: String, limit: Int = 3) {
        self.wanted = wanted
        self.limit = limit
        self.target = Array(wanted.lowercased())
    }

    /// Considers one known id.
    public mutating func add(_ id: String) {
        let candidate = Array(id.lowercased())
        var distance = Self.distance(target, candidate)
        // An id that contains what was typed (or is contained by it) is a strong hint.
        if id.lowercased().contains(wanted.lowercased()) || wanted.lowercased().contains(id.lowercased()) {
            distance = min(distance, max(1, abs(candidate.count - target.count) / 4))
        }
        guard distance <= max(3, target.count / 2) else { return }
        best.append((distance, id))
        best.sort { ($0.distance, $0.id) < ($1.distance, $1.id) }
        if best.count > limit { best.removeLast() }
    }

    /// The nearest ids, closest first.
    public var suggestions: [String] { best.map(\.id) }

    /// "did you mean a, b or c?", or nothing when no id is close.
    public var sentence: String {
        let s = suggestions
        guard !s.isEmpty else { return "" }
        let list = s.count == 1 ? s[0] : s.dropLast().joined(separator: ", ") + " or " + s.last!
        return " Did you mean \(list)?"
    }

    static func distance(_ a: [Character], _ b: [Character]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}
