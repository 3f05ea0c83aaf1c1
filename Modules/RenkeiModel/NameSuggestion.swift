/// "Did you mean …?" for every unknown name — field, collection, id, kind, role — in one way:
/// the candidates nearest by edit distance (a letter added, dropped, changed or two swapped),
/// letter case ignored, at most three, nearest first.
public enum NameSuggestion {
    /// The candidates close enough to `name` to be what was meant, nearest first.
    public static func nearest(_ name: String, among candidates: some Sequence<String>, limit: Int = 3) -> [String] {
        let wanted = name.lowercased()
        // A third of the name's length may be wrong, at least one letter and at most three.
        let allowed = max(1, min(3, wanted.count / 3))
        var scored: [(distance: Int, name: String)] = []
        var seen = Set<String>()
        for candidate in candidates where candidate != name && seen.insert(candidate).inserted {
            let d = distance(wanted, candidate.lowercased(), cap: allowed)
            if d <= allowed { scored.append((d, candidate)) }
        }
        return scored.sorted { ($0.distance, $0.name) < ($1.distance, $1.name) }.prefix(limit).map(\.name)
    }

    /// `: did you mean 'a' or 'b'?`, or `fallback` when nothing is close.
    public static func hint(_ name: String, among candidates: some Sequence<String>, fallback: String = "") -> String {
        let close = nearest(name, among: candidates)
        guard !close.isEmpty else { return fallback }
        let quoted = close.map { "'\($0)'" }
        let list = quoted.count == 1 ? quoted[0] : quoted.dropLast().joined(separator: ", ") + " or " + quoted.last!
        return ": did you mean \(list)?"
    }

    /// The optimal-string-alignment distance, giving up early above `cap`.
    static func distance(_ a: String, _ b: String, cap: Int) -> Int {
        let a = Array(a.prefix(80)), b = Array(b.prefix(80))
        if abs(a.count - b.count) > cap { return cap + 1 }
        if a.isEmpty || b.isEmpty { return max(a.count, b.count) }
        var previous2 = [Int](repeating: 0, count: b.count + 1)
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            var best = current[0]
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    current[j] = min(current[j], previous2[j - 2] + 1)
                }
                best = min(best, current[j])
            }
            if best > cap { return cap + 1 }
            (previous2, previous, current) = (previous, current, previous2)
        }
        return previous[b.count]
    }
}
