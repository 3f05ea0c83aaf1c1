import Foundation
import RenkeiModel

/// Decodes model types from ``YAMLValue``s with `Decodable`, keeping the location of every
/// field it reads and noticing every key it never asked for (a typo is an error, not a silence).
final class YAMLDecodingSession {
    /// Locations of the fields read, by path (`participants[1].actor`).
    var fieldLocations: [String: SourceLocation] = [:]
    /// Relative dates resolved, by path, with how.
    var dateResolutions: [String: String] = [:]
    /// The date relative forms are resolved against: the record's first cited source's date.
    var anchor: PartialDate?
    /// Keys present in a mapping but never read, with their locations.
    private var trackers: [KeyTracker] = []

    /// Keys at the record's top level that the loader reads itself.
    var ignoredTopLevelKeys: Set<String> = []

    func track(_ tracker: KeyTracker) { trackers.append(tracker) }

    /// Fields never read: (path, location).
    func unknownKeys() -> [(String, SourceLocation)] {
        unknownKeysWithSuggestions().map { ($0.path, $0.location) }
    }

    /// Fields never read, each with the known fields of its mapping whose names are close.
    func unknownKeysWithSuggestions() -> [(path: String, location: SourceLocation, suggestions: [String])] {
        trackers.flatMap { tracker in
            tracker.pairs.compactMap { pair -> (String, SourceLocation, [String])? in
                if tracker.accessed.contains(pair.key) { return nil }
                if tracker.path.isEmpty && ignoredTopLevelKeys.contains(pair.key) { return nil }
                // The keys the type asked for are the fields it knows (present or not).
                let known = tracker.accessed.union(tracker.path.isEmpty ? ignoredTopLevelKeys : [])
                return (tracker.path.isEmpty ? pair.key : "\(tracker.path).\(pair.key)", pair.keyLocation,
                        NameSuggestion.nearest(pair.key, among: known.sorted()))
            }
        }
    }

    /// Decodes a `T` from `value`.
    func decode<T: Decodable>(_ type: T.Type, from value: YAMLValue) throws -> T {
        try T(from: YAMLValueDecoder(value: value, codingPath: [], session: self))
    }

    static func path(_ codingPath: [any CodingKey]) -> String {
        var out = ""
        for key in codingPath {
            if let index = key.intValue {
                out += "[\(index)]"
            } else {
                out += out.isEmpty ? key.stringValue : ".\(key.stringValue)"
            }
        }
        return out
    }
}

/// The keys of one mapping, and which of them were read.
final class KeyTracker {
    let path: String
    let pairs: [(key: String, keyLocation: SourceLocation, value: YAMLValue)]
    var accessed: Set<String> = []
    init(path: String, pairs: [(key: String, keyLocation: SourceLocation, value: YAMLValue)]) {
        self.path = path
        self.pairs = pairs
    }
}

/// A type whose absence in the source means "empty" rather than "missing".
protocol DefaultsToEmpty { static var emptyValue: Self { get } }
extension Array: DefaultsToEmpty { static var emptyValue: Array { [] } }

struct YAMLValueDecoder: Decoder {
    let value: YAMLValue
    let codingPath: [any CodingKey]
    let session: YAMLDecodingSession
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    init(value: YAMLValue, codingPath: [any CodingKey], session: YAMLDecodingSession) {
        self.value = value
        self.codingPath = codingPath
        self.session = session
        session.fieldLocations[YAMLDecodingSession.path(codingPath)] = value.location
    }

    func mismatch(_ expected: String) -> LoadError {
        let path = YAMLDecodingSession.path(codingPath)
        return LoadError(
            code: "type-mismatch",
            message: "\(path.isEmpty ? "the record" : "'\(path)'") must be \(expected), not \(value.kindName)",
            location: value.location)
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        guard case .mapping(let pairs, _) = value else { throw mismatch("a mapping") }
        let tracker = KeyTracker(path: YAMLDecodingSession.path(codingPath), pairs: pairs)
        session.track(tracker)
        return KeyedDecodingContainer(YAMLKeyedContainer<Key>(decoder: self, tracker: tracker))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        guard case .sequence(let items, _) = value else { throw mismatch("a list") }
        return YAMLUnkeyedContainer(decoder: self, items: items)
    }

    func singleValueContainer() throws -> any SingleValueDecodingContainer { YAMLSingleValueContainer(decoder: self) }

    /// The scalar's text, or a located error.
    func scalarText(_ expected: String) throws -> String {
        guard case .scalar(let text, let plain, _) = value else { throw mismatch(expected) }
        if plain && value.isNull { throw LoadError(code: "field-missing", message: "'\(YAMLDecodingSession.path(codingPath))' is empty", location: value.location) }
        _ = plain
        return text
    }

    func decodeScalar<T: Decodable>(_ type: T.Type) throws -> T {
        if type == String.self { return try scalarText("text") as! T }
        if type == Int.self || type == Int64.self || type == Int32.self {
            let text = try scalarText("a whole number")
            guard let n = Int64(text), n >= Int64(Int32.min) * 1_000_000, n <= Int64(Int32.max) * 1_000_000_000 else {
                throw LoadError(
                    code: "type-mismatch", message: "'\(text.prefix(40))' is not a whole number in range",
                    location: value.location)
            }
            if type == Int.self { return Int(n) as! T }
            if type == Int32.self {
                guard let small = Int32(exactly: n) else {
                    throw LoadError(code: "type-mismatch", message: "\(n) is out of range", location: value.location)
                }
                return small as! T
            }
            return n as! T
        }
        if type == Double.self {
            let text = try scalarText("a number")
            guard let d = Double(text), d.isFinite, text.count <= 40 else {
                throw LoadError(code: "type-mismatch", message: "'\(text.prefix(40))' is not a number", location: value.location)
            }
            return d as! T
        }
        if type == Bool.self {
            let text = try scalarText("true or false")
            switch text {
            case "true": return true as! T
            case "false": return false as! T
            default: throw LoadError(code: "type-mismatch", message: "'\(text.prefix(40))' is not true or false", location: value.location)
            }
        }
        if type == PartialDate.self {
            let text = try scalarText("a date")
            switch DateParser.parse(text, anchor: session.anchor) {
            case .success(let parsed):
                if let how = parsed.resolution { session.dateResolutions[YAMLDecodingSession.path(codingPath)] = how }
                return parsed.date as! T
            case .failure(let failure):
                throw LoadError(code: "date-invalid", message: failure.message, location: value.location)
            }
        }
        if type == EventDate.self {
            let text = try scalarText("a date, a bound (..2016-10, 2016-10..), a span (2014..2016) or 'undated'")
            switch EventDate.parse(text, anchor: session.anchor) {
            case .success(let parsed):
                if let how = parsed.resolution { session.dateResolutions[YAMLDecodingSession.path(codingPath)] = how }
                return parsed.date as! T
            case .failure(let failure):
                throw LoadError(code: "date-invalid", message: failure.message, location: value.location)
            }
        }
        return try T(from: self)
    }
}

struct YAMLKeyedContainer<Key: CodingKey>: KeyedDecodingContainerProtocol {
    let decoder: YAMLValueDecoder
    let tracker: KeyTracker
    var codingPath: [any CodingKey] { decoder.codingPath }
    var allKeys: [Key] { tracker.pairs.compactMap { Key(stringValue: $0.key) } }

    func value(for key: Key) -> YAMLValue? {
        tracker.accessed.insert(key.stringValue)
        return tracker.pairs.first(where: { $0.key == key.stringValue })?.value
    }

    func contains(_ key: Key) -> Bool {
        guard let v = value(for: key) else { return false }
        return !v.isNull
    }

    func decodeNil(forKey key: Key) throws -> Bool { value(for: key)?.isNull ?? true }

    func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
        guard let v = value(for: key), !v.isNull else {
            if let empty = T.self as? any DefaultsToEmpty.Type { return empty.emptyValue as! T }
            let path = YAMLDecodingSession.path(codingPath + [key])
            throw LoadError(code: "field-missing", message: "required field '\(path)' is missing", location: decoder.value.location)
        }
        let child = YAMLValueDecoder(value: v, codingPath: codingPath + [key], session: decoder.session)
        return try child.decodeScalar(type)
    }

    func decodeIfPresent<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T? {
        guard let v = value(for: key), !v.isNull else { return nil }
        return try YAMLValueDecoder(value: v, codingPath: codingPath + [key], session: decoder.session).decodeScalar(type)
    }

    func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws
        -> KeyedDecodingContainer<NestedKey>
    {
        guard let v = value(for: key) else { throw decoder.mismatch("a mapping at '\(key.stringValue)'") }
        return try YAMLValueDecoder(value: v, codingPath: codingPath + [key], session: decoder.session)
            .container(keyedBy: type)
    }

    func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
        guard let v = value(for: key) else { throw decoder.mismatch("a list at '\(key.stringValue)'") }
        return try YAMLValueDecoder(value: v, codingPath: codingPath + [key], session: decoder.session).unkeyedContainer()
    }

    func superDecoder() throws -> any Decoder { decoder }
    func superDecoder(forKey key: Key) throws -> any Decoder {
        guard let v = value(for: key) else { throw decoder.mismatch("a value at '\(key.stringValue)'") }
        return YAMLValueDecoder(value: v, codingPath: codingPath + [key], session: decoder.session)
    }
}

struct IndexKey: CodingKey {
    var intValue: Int?
    var stringValue: String { String(intValue ?? 0) }
    init(_ index: Int) { intValue = index }
    init?(intValue: Int) { self.intValue = intValue }
    init?(stringValue: String) { nil }
}

struct YAMLUnkeyedContainer: UnkeyedDecodingContainer {
    let decoder: YAMLValueDecoder
    let items: [YAMLValue]
    var currentIndex = 0
    var codingPath: [any CodingKey] { decoder.codingPath }
    var count: Int? { items.count }
    var isAtEnd: Bool { currentIndex >= items.count }

    init(decoder: YAMLValueDecoder, items: [YAMLValue]) {
        self.decoder = decoder
        self.items = items
    }

    mutating func next() throws -> YAMLValueDecoder {
        guard !isAtEnd else { throw decoder.mismatch("a longer list") }
        defer { currentIndex += 1 }
        return YAMLValueDecoder(
            value: items[currentIndex], codingPath: codingPath + [IndexKey(currentIndex)], session: decoder.session)
    }

    mutating func decodeNil() throws -> Bool {
        guard !isAtEnd, items[currentIndex].isNull else { return false }
        currentIndex += 1
        return true
    }

    mutating func decode<T: Decodable>(_ type: T.Type) throws -> T { try next().decodeScalar(type) }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type) throws
        -> KeyedDecodingContainer<NestedKey>
    { try next().container(keyedBy: type) }

    mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer { try next().unkeyedContainer() }
    mutating func superDecoder() throws -> any Decoder { try next() }
}

struct YAMLSingleValueContainer: SingleValueDecodingContainer {
    let decoder: YAMLValueDecoder
    var codingPath: [any CodingKey] { decoder.codingPath }
    func decodeNil() -> Bool { decoder.value.isNull }
    func decode<T: Decodable>(_ type: T.Type) throws -> T { try decoder.decodeScalar(type) }
}
