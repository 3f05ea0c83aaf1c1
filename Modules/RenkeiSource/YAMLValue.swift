import RenkeiModel
import Yams

/// A YAML node reduced to what the source format uses — text, lists and mappings — with the
/// location of every node. Scalars stay text: `NO`, `yes` and `1e3` are never reinterpreted.
indirect enum YAMLValue: Sendable {
    case scalar(String, plain: Bool, SourceLocation)
    case sequence([YAMLValue], SourceLocation)
    case mapping([(key: String, keyLocation: SourceLocation, value: YAMLValue)], SourceLocation)

    /// The same tree with the scalar at `location` replaced by `text`.
    func replacingScalar(at location: SourceLocation, with text: String) -> YAMLValue {
        switch self {
        case .scalar(_, _, let here) where here == location: .scalar(text, plain: true, here)
        case .scalar: self
        case .sequence(let items, let here): .sequence(items.map { $0.replacingScalar(at: location, with: text) }, here)
        case .mapping(let pairs, let here):
            .mapping(pairs.map { ($0.key, $0.keyLocation, $0.value.replacingScalar(at: location, with: text)) }, here)
        }
    }

    var location: SourceLocation {
        switch self {
        case .scalar(_, _, let l), .sequence(_, let l), .mapping(_, let l): l
        }
    }

    /// A plain `null`, `~` or empty scalar: the value is absent.
    var isNull: Bool {
        if case .scalar(let text, let plain, _) = self, plain {
            return text.isEmpty || text == "~" || text == "null" || text == "Null" || text == "NULL"
        }
        return false
    }

    var kindName: String {
        switch self {
        case .scalar: "a scalar"
        case .sequence: "a list"
        case .mapping: "a mapping"
        }
    }

    /// The value of `key` when this is a mapping.
    subscript(key: String) -> YAMLValue? {
        guard case .mapping(let pairs, _) = self else { return nil }
        return pairs.first(where: { $0.key == key })?.value
    }
}

/// Limits that keep a hostile file from exhausting memory or the stack.
struct YAMLLimits {
    var maxDepth = 64
    var maxNodes = 2_000_000
}

/// Turns YAML text into ``YAMLValue``s, refusing what the source format never needs (anchors,
/// aliases, tags other than the core ones, complex keys) and anything nested too deeply.
struct YAMLReader {
    let file: String
    var limits = YAMLLimits()

    /// Parses one file's text; the error carries the file, line and column.
    func read(_ text: String) throws(LoadError) -> YAMLValue? {
        try preScan(text)
        let node: Node?
        let parser: Parser
        do {
            // The basic resolver: every scalar stays text (no regular expressions per node, no merge keys).
            parser = try Parser(yaml: text, resolver: .basic)
            node = try parser.singleRoot()
        } catch let error as YamlError {
            throw translate(error)
        } catch {
            throw LoadError(code: "yaml-syntax", message: "\(error)", location: SourceLocation(file: file, line: 1, column: 1))
        }
        guard let node else { return nil }
        var state = WalkState(budget: limits.maxNodes)
        // A node holds its anchor weakly and the parser holds it strongly: keep the parser alive
        // while the tree is walked, or every anchor without an alias would read as none.
        return try withExtendedLifetime(parser) { () throws(LoadError) -> YAMLValue in
            try convert(node, depth: 0, state: &state)
        }
    }

    /// Refuses nesting deeper than the limit before the recursive parser sees it: flow
    /// brackets (`[[[[`) and leading indentation or dashes (`- - - -`).
    func preScan(_ text: String) throws(LoadError) {
        // Works on UTF-8 bytes: every character that matters here is ASCII.
        var depth = 0
        var line = 1
        var column = 0
        var quote: UInt8 = 0
        var inComment = false
        var leading = true
        var previous: UInt8 = 0x0A
        let space: UInt8 = 0x20, tab: UInt8 = 0x09, newline: UInt8 = 0x0A, dash: UInt8 = 0x2D
        for byte in text.utf8 {
            if byte & 0xC0 != 0x80 { column += 1 }
            defer { previous = byte }
            if byte == newline {
                line += 1
                column = 0
                leading = true
                inComment = false
                continue
            }
            if inComment { continue }
            if leading {
                if byte == space || byte == dash || byte == tab {
                    if column > limits.maxDepth * 8 {
                        throw LoadError(
                            code: "yaml-too-deep", message: "indentation deeper than \(limits.maxDepth * 8) columns",
                            location: SourceLocation(file: file, line: line, column: column))
                    }
                    continue
                }
                leading = false
            }
            if quote != 0 {
                if byte == quote { quote = 0 }
                continue
            }
            switch byte {
            case UInt8(ascii: "\""):
                quote = byte
            case UInt8(ascii: "'") where [space, tab, newline, UInt8(ascii: "["), UInt8(ascii: "{"), UInt8(ascii: ","), UInt8(ascii: ":")].contains(previous):
                quote = byte
            case UInt8(ascii: "#") where [space, tab, newline].contains(previous):
                inComment = true
            case UInt8(ascii: "["), UInt8(ascii: "{"):
                depth += 1
                if depth > limits.maxDepth {
                    throw LoadError(
                        code: "yaml-too-deep", message: "nesting deeper than \(limits.maxDepth) levels",
                        location: SourceLocation(file: file, line: line, column: column))
                }
            case UInt8(ascii: "]"), UInt8(ascii: "}"):
                depth = max(0, depth - 1)
            default:
                break
            }
        }
    }

    func location(_ mark: Mark?) -> SourceLocation {
        SourceLocation(file: file, line: mark?.line ?? 1, column: mark?.column ?? 1)
    }

    func translate(_ error: YamlError) -> LoadError {
        switch error {
        case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _),
            .composer(let context, let problem, let mark, _):
            let what = [context?.text, problem].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: ": ")
            return LoadError(code: "yaml-syntax", message: what, location: location(mark))
        case .duplicatedKeysInMapping(let duplicates, let context):
            return LoadError(
                code: "yaml-duplicate-key",
                message: "duplicate key \(duplicates.map { "'\($0)'" }.joined(separator: ", ")) in one mapping",
                location: location(context.mark))
        case .reader(let problem, let offset, _, _):
            return LoadError(
                code: "yaml-syntax", message: "\(problem)\(offset.map { " at byte \($0)" } ?? "")",
                location: SourceLocation(file: file, line: 1, column: 1))
        default:
            return LoadError(code: "yaml-syntax", message: "\(error)", location: SourceLocation(file: file, line: 1, column: 1))
        }
    }

    /// What the walk has seen: the node budget left, and the last position visited. Nodes come
    /// in document order, so a node that starts at or before the previous one was reached
    /// through an alias (`*name`), which the format does not allow.
    struct WalkState {
        var budget: Int
        var last: (line: Int, column: Int)? = nil
        /// Whether the last node visited opened a mapping or list (whose first child may
        /// start at the same position, as a block mapping does).
        var justOpened = false

        /// Records a visit at `here`; false when `here` is not after the last node visited.
        mutating func visit(_ here: SourceLocation, opens: Bool) -> Bool {
            let position = (here.line, here.column)
            defer {
                last = position
                justOpened = opens
            }
            guard let last else { return true }
            return position > last || (position == last && justOpened)
        }
    }

    /// The tags of YAML's core schema; every other tag (`!!python/object/apply:…`, `!!binary`,
    /// `!local`) is refused, even under the `tag:yaml.org,2002:` prefix.
    static let coreTags: Set<String> = ["str", "int", "float", "bool", "null", "seq", "map"].reduce(into: []) {
        $0.insert("tag:yaml.org,2002:" + $1)
    }

    func checkTag(_ tag: Tag, at here: SourceLocation) throws(LoadError) {
        let name = tag.rawValue
        if !name.isEmpty && name != "?" && name != "!" && !Self.coreTags.contains(name) {
            let shown = name.hasPrefix("tag:yaml.org,2002:") ? "!!" + name.dropFirst("tag:yaml.org,2002:".count) : Substring(name)
            throw LoadError(
                code: "yaml-tag", message: "the tag '\(shown.prefix(80))' is not allowed: only !!str, !!int, !!float, !!bool, !!null, !!seq and !!map",
                location: here)
        }
    }

    func convert(_ node: Node, depth: Int, state: inout WalkState) throws(LoadError) -> YAMLValue {
        let here = location(node.mark)
        let opens: Bool
        if case .scalar = node { opens = false } else { opens = true }
        guard state.visit(here, opens: opens) else {
            throw LoadError(
                code: "yaml-anchor", message: "anchors and aliases (&name, *name) are not allowed: write the value out",
                location: here)
        }
        state.budget -= 1
        guard state.budget >= 0 else {
            throw LoadError(code: "yaml-too-large", message: "more than \(limits.maxNodes) YAML nodes", location: here)
        }
        guard depth <= limits.maxDepth else {
            throw LoadError(code: "yaml-too-deep", message: "nesting deeper than \(limits.maxDepth) levels", location: here)
        }
        if node.anchor != nil {
            throw LoadError(
                code: "yaml-anchor", message: "anchors and aliases (&name, *name) are not allowed: write the value out",
                location: here)
        }
        switch node {
        case .alias:
            throw LoadError(code: "yaml-anchor", message: "aliases (*name) are not allowed: write the value out", location: here)
        case .scalar(let scalar):
            try checkTag(scalar.tag, at: here)
            return .scalar(scalar.string, plain: scalar.style == .plain, here)
        case .sequence(let sequence):
            try checkTag(sequence.tag, at: here)
            var items: [YAMLValue] = []
            items.reserveCapacity(sequence.count)
            for child in sequence { items.append(try convert(child, depth: depth + 1, state: &state)) }
            return .sequence(items, here)
        case .mapping(let mapping):
            try checkTag(mapping.tag, at: here)
            var pairs: [(key: String, keyLocation: SourceLocation, value: YAMLValue)] = []
            for (key, value) in mapping {
                guard case .scalar(let keyScalar) = key else {
                    throw LoadError(code: "yaml-complex-key", message: "a mapping key must be plain text", location: location(key.mark))
                }
                if key.anchor != nil {
                    throw LoadError(code: "yaml-anchor", message: "anchors and aliases are not allowed", location: location(key.mark))
                }
                let keyLocation = location(key.mark)
                guard state.visit(keyLocation, opens: false) else {
                    throw LoadError(code: "yaml-anchor", message: "anchors and aliases are not allowed", location: keyLocation)
                }
                pairs.append((keyScalar.string, keyLocation, try convert(value, depth: depth + 1, state: &state)))
            }
            return .mapping(pairs, here)
        }
    }
}
