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
            if let kx = keyed(x), let ky = keyed(y), kx.key == ky.key {
                for k in Set(kx.items.keys).union(ky.items.keys) {
                    compare(kx.items[k], ky.items[k], path: "\(path)[\(k)]", into: &out)
                }
            } else {
                out.append(FieldChange(path: path, before: a, after: b))
            }
        default:
            out.append(FieldChange(path: path, before: a, after: b))
        }
    }

    /// A list of objects as a map by its natural key, when every element has that key and no two share it.
    /// A list keyed by `actor` where one actor appears in several roles is keyed `actor/role`.
    static func keyed(_ list: [JSONValue]) -> (key: String, items: [String: JSONValue])? {
        guard !list.isEmpty else { return nil }
        for key in naturalKeys {
            var items: [String: JSONValue] = [:]
            var unique = true
            for element in list {
                guard let value = element[key]?.stringValue ?? element[key].map(\.compactText) else {
                    items = [:]
                    unique = false
                    break
                }
                if items.updateValue(element, forKey: value) != nil { unique = false }
            }
            if items.isEmpty { continue }
            if unique { return (key, items) }
            if key == "actor" {
                var byRole: [String: JSONValue] = [:]
                for element in list {
                    let k = "\(element["actor"]?.displayText ?? "")/\(element["role"]?.displayText ?? "")"
                    if byRole.updateValue(element, forKey: k) != nil { return nil }
                }
                return (key, byRole)
            }
            return nil
        }
        return nil
    }

    /// The lifecycle state a record's canonical JSON declares.
    public static func lifecycle(of record: JSONValue) -> LifecycleState {
        if record["replaced_by"] != nil { return .replaced }
        if record["status"]?.stringValue == "deprecated" { return .deprecated }
        return .active
    }

    /// Whether a record's compact canonical JSON declares it retired, without parsing it.
    /// Compact JSON never holds these key sequences inside a string value (quotes are escaped).
    static func isRetired(doc: String) -> Bool {
        doc.contains("\"replaced_by\":") || doc.contains("\"status\":\"deprecated\"")
    }
}
