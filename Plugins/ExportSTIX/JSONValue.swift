/// A JSON value built in code; ``RenkeiModel/CanonicalJSON`` encodes it with sorted keys, so an
/// object's bytes never depend on the order its properties were set in.
enum JSONValue: Encodable, Equatable, ExpressibleByStringLiteral, ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral {
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])
    case bool(Bool)

    init(stringLiteral value: String) { self = .string(value) }
    init(arrayLiteral elements: JSONValue...) { self = .array(elements) }
    init(dictionaryLiteral elements: (String, JSONValue)...) {
        self = .object(Dictionary(elements, uniquingKeysWith: { _, last in last }))
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .string(let text): try container.encode(text)
        case .array(let values): try container.encode(values)
        case .object(let members): try container.encode(members)
        case .bool(let flag): try container.encode(flag)
        }
    }
}
