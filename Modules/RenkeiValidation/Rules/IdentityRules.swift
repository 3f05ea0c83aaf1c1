import RenkeiModel

/// Ids are stable and readable: a state's ISO code in capitals, or lower-case words joined by `-`.
struct IDFormatRule: RecordRule {
    let id = "id-format"
    let severity = Severity.error
    let summary = "An id is a state's ISO 3166-1 alpha-2 code in capitals, or lower-case words and digits joined by '-', at most 80 characters."
    let examples: [RuleExample] = [
        .breaking("""
            themes:
              - id: Th_Example
                name: {ja: 例, en: Example}
                sources: [{source: src-example, locator: 表1}]
            """),
        .passing("""
            themes:
              - id: th-example-2
                name: {ja: 例, en: Example}
                sources: [{source: src-example, locator: 表1}]
            """),
    ]

    static func isValid(_ id: String, collection: Collection?) -> Bool {
        let scalars = Array(id.unicodeScalars)
        if collection == .actors || collection == nil,
            scalars.count == 2, scalars.allSatisfy({ ("A"..."Z").contains($0) })
        {
            return true
        }
        guard !scalars.isEmpty, scalars.count <= 80, scalars.first != "-", scalars.last != "-" else { return false }
        var previousDash = false
        for s in scalars {
            let isDash = s == "-"
            guard isDash || ("a"..."z").contains(s) || ("0"..."9").contains(s) else { return false }
            if isDash && previousDash { return false }
            previousDash = isDash
        }
        return true
    }

    func check(_ record: AnyRecord, in data: ValidationContext) -> [Diagnostic] {
        RecordFields.definedIDs(record).compactMap { path, value in
            Self.isValid(value, collection: path == "id" ? record.collection : .events)
                ? nil
                : finding("'\(value.prefix(100))' is not a valid id: use lower-case words joined by '-' (or a state's ISO code)", record: record.base, path: path)
        }
    }
}

/// No two records share an id, in any collection or file.
struct IDUniqueRule: SetRule {
    let id = "id-unique"
    let severity = Severity.error
    let summary = "Every id is unique across all collections and files."
    let examples: [RuleExample] = [
        .breaking("""
            themes:
              - id: sr-jp-us-dialogue
                name: {ja: 例, en: Example}
                sources: [{source: src-example, locator: 表1}]
            """),
        .passing("""
            themes:
              - id: th-another
                name: {ja: 例, en: Example}
                sources: [{source: src-example, locator: 表1}]
            """),
    ]

    func check(_ data: ValidationContext) -> [Diagnostic] {
        // Every definition of a clashing id is reported, each naming the others.
        var out: [Diagnostic] = []
        data.records.forEachDefinedIDClash { id, all in
            for (index, use) in all.enumerated() {
                let others = all.enumerated().filter { $0.offset != index }
                    .map { "'\($0.element.record.collection.rawValue)'\($0.element.record.base.meta.location.map { " at \($0)" } ?? "")" }
                out.append(finding("id '\(id)' is also defined by \(others.joined(separator: ", "))", record: use.record.base, path: use.path))
            }
        }
        return out
    }
}

/// References name a record that exists, of the kind the field expects.
struct ReferenceRule: RecordRule {
    let id = "ref-unknown"
    let severity = Severity.error
    let summary = "Every reference names an existing record of the kind the field expects (an actor, a source, a series, …); actor references may use an alias."
    let examples: [RuleExample] = [
        .breaking("""
            events:
              - id: ev-2018-example
                kind: bilateral-consultation
                title: {ja: 例, en: Example}
                date: 2018
                participants: [{actor: JP, role: participant}, {actor: xx, role: participant}]
                sources: [{source: src-example, locator: 表1}]
            """),
        .breaking("""
            events:
              - id: ev-2018-example
                kind: bilateral-consultation
                title: {ja: 例, en: Example}
                date: 2018
                participants: [{actor: th-example, role: participant}]
                sources: [{source: src-example, locator: 表1}]
            """),
        .passing("""
            events:
              - id: ev-2018-example
                kind: bilateral-consultation
                title: {ja: 例, en: Example}
                date: 2018
                participants: [{actor: JP, role: participant}, {actor: 米国, role: participant}]
                sources: [{source: src-example, locator: 表1}]
            """),
    ]

    func check(_ record: AnyRecord, in data: ValidationContext) -> [Diagnostic] {
        var out: [Diagnostic] = []
        for ref in RecordFields.references(record) {
            if ref.expected.isEmpty {
                out.append(finding("'\(ref.id)' is not an agenda item of this event", record: record.base, path: ref.path))
                continue
            }
            if ref.expected.contains(where: { data.exists(ref.id, in: $0) }) { continue }
            let want = ref.expected.map { $0.entityType }.joined(separator: " or ")
            if let actual = data.collections(of: ref.id).first {
                out.append(finding("'\(ref.id)' is a \(actual.entityType), but '\(ref.path)' needs a \(want)", record: record.base, path: ref.path))
            } else {
                // Only ids whose length is within three of the reference's can be suggested.
                let length = ref.id.count
                var known: [String] = []
                data.records.forEachID(in: ref.expected.sorted { $0.rank < $1.rank }) { id in
                    if abs(id.count - length) <= 3 || max(id.count, length) > 80 { known.append(id) }
                }
                let aliases = ref.expected.contains(.actors) ? data.actorList.flatMap(\.aliases) : []
                let hint = NameSuggestion.hint(ref.id, among: known + aliases)
                out.append(finding("\(ref.path.split(separator: "[").first.map(String.init) ?? ref.path) '\(ref.id)' is not a known \(want)\(hint)", record: record.base, path: ref.path))
            }
        }
        return out
    }
}

/// An alias names one actor only.
struct AliasAmbiguityRule: SetRule {
    let id = "alias-ambiguous"
    let severity = Severity.error
    let summary = "An alias names exactly one actor and is not another actor's id."
    let examples: [RuleExample] = [
        .breaking("""
            actors:
              - id: GB
                kind: state
                name: {ja: 英国, en: United Kingdom}
                aliases: [米]
                sources: [{source: src-example, locator: 表1}]
            """),
        .passing("""
            actors:
              - id: GB
                kind: state
                name: {ja: 英国, en: United Kingdom}
                aliases: [英, 英国]
                sources: [{source: src-example, locator: 表1}]
            """),
    ]

    func check(_ data: ValidationContext) -> [Diagnostic] {
        data.actors.ambiguousAliases.flatMap { alias, ids in
            data.actorList.filter { ids.contains($0.id) && $0.aliases.contains(alias) }.map { actor in
                let index = actor.aliases.firstIndex(of: alias) ?? 0
                return finding("alias '\(alias)' names several actors: \(ids.joined(separator: ", "))", record: actor, path: "aliases[\(index)]")
            }
        }
    }
}

/// Parents form a tree: no actor or theme is its own ancestor.
struct ParentCycleRule: SetRule {
    let id = "parent-cycle"
    let severity = Severity.error
    let summary = "Following 'parent' from an actor or theme never comes back to it."
    let examples: [RuleExample] = [
        .breaking("""
            themes:
              - id: th-a
                name: {ja: 甲, en: A}
                parent: th-b
                sources: [{source: src-example, locator: 表1}]
              - id: th-b
                name: {ja: 乙, en: B}
                parent: th-a
                sources: [{source: src-example, locator: 表1}]
            """),
        .passing("""
            themes:
              - id: th-a
                name: {ja: 甲, en: A}
                parent: th-example
                sources: [{source: src-example, locator: 表1}]
            """),
    ]

    func check(_ data: ValidationContext) -> [Diagnostic] {
        func cycles<T: DatasetRecord>(_ records: [T], parent: (T) -> String?) -> [Diagnostic] {
            let byID = Dictionary(records.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
            return records.compactMap { record in
                var seen: Set<String> = [record.id]
                var next = parent(record)
                while let current = next, let node = byID[current] {
                    if !seen.insert(current).inserted || current == record.id {
                        return current == record.id || seen.contains(record.id)
                            ? finding("'\(record.id)' is its own ancestor through 'parent'", record: record, path: "parent")
                            : nil
                    }
                    next = parent(node)
                }
                return nil
            }
        }
        return cycles(data.actorList, parent: \.parent) + cycles(data.themes, parent: \.parent)
    }
}
