import RenkeiModel

/// Compares two versions of one record field by field, in the record's own terms.
///
/// Objects are compared key by key (`title.en`). A list of objects that all carry a natural
/// key (`actor`, `source`, `person`, `period`, `id`) unique within the list is compared as a
/// set keyed by it (`participants[US].role`, `sources[src-x].locator`), so reordering is no
/// change; other lists are compared whole, as one value.
public enum RecordDiff {
    /// The natural keys tried, in order, for a list of objects.
    public static let naturalKeys = ["actor", "source", "person", "period", "id"]

    /// The field changes from `before` to `after`, sorted by path.
    public static func fields(_ before: JSONValue, _ after: JSONValue) -> [FieldChange] {
        var out: [FieldChange] = []
        compare(before, after, path: "", into: &out)
        return out.sorted { $0.path.utf8.lexicographicallyPrecedes($1.path.utf8) }
    }

    static func compare(_ a: JSONValue?, _ b: JSONValue?, path: String, into out: inout [FieldChange]) {
        if a == b { return }
        switch (a, b) {
        case (.object(let x)?, .object(let y)?):
            for key in Set(x.keys).union(y.keys) {
                compare(x[key], y[key], path: path.isEmpty ? key : "\(path).\(key)", into: &out)
            }
        case (.array(let x)?, .array(let y)?):
            if let (kx, ky) = keyedPair(x, y) {
                for k in Set(kx.keys).union(ky.keys) {
                    compare(kx[k], ky[k], path: "\(path)[\(k)]", into: &out)
                }
            } else {
                out.append(FieldChange(path: path, before: a, after: b))
            }
        default:
            out.append(FieldChange(path: path, before: a, after: b))
        }
    }

    /// Two lists of objects as maps by the first natural key that identifies every element of
    /// both uniquely; a list keyed by `actor` where one actor has several roles is keyed
    /// `actor/role`. Nil when no key fits: the lists are then compared whole.
    static func keyedPair(_ x: [JSONValue], _ y: [JSONValue]) -> ([String: JSONValue], [String: JSONValue])? {
        guard !(x.isEmpty && y.isEmpty) else { return nil }
        for key in naturalKeys {
            let name: (JSONValue) -> String? = { $0[key].map { $0.stringValue ?? $0.compactText } }
            if let kx = keyed(x, name), let ky = keyed(y, name) { return (kx, ky) }
            if key == "actor" {
                let composite: (JSONValue) -> String? = { e in
                    guard let actor = name(e), let role = e["role"]?.stringValue else { return nil }
                    return "\(actor)/\(role)"
                }
                if let kx = keyed(x, composite), let ky = keyed(y, composite) { return (kx, ky) }
            }
        }
        return nil
    }

    /// The list as a map by `key`, when every element has a key and no two share one.
    static func keyed(_ list: [JSONValue], _ key: (JSONValue) -> String?) -> [String: JSONValue]? {
        var items: [String: JSONValue] = [:]
        for element in list {
            guard let k = key(element), items.updateValue(element, forKey: k) == nil else { return nil }
        }
        return items
    }

    /// The lifecycle state a record's canonical JSON declares.
    public static func lifecycle(of record: JSONValue) -> LifecycleState {
        if record["replaced_by"] != nil { return .replaced }
        if record["status"]?.stringValue == "deprecated" { return .deprecated }
        return .active
    }
}
