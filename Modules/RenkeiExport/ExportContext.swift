import RenkeiModel

/// What an exporter is given when it begins: where to write, the dataset's name, version and
/// counts, a way to look up records by id, and its options.
public struct ExportContext {
    public let output: OutputDirectory
    public let info: DatasetInfo
    public let counts: [Collection: Int]
    public let lookup: any RecordLookup
    public let options: [String: String]

    public init(
        output: OutputDirectory, info: DatasetInfo, counts: [Collection: Int], lookup: any RecordLookup,
        options: [String: String] = [:]
    ) {
        self.output = output
        self.info = info
        self.counts = counts
        self.lookup = lookup
        self.options = options
    }
}

/// Finds a record by id without loading the dataset.
public protocol RecordLookup: AnyObject {
    func record(_ id: String, in collection: Collection) -> AnyRecord?
    /// The record's history across releases; nil unless the store was written with a previous
    /// release (`renkei bundle --previous`).
    func history(_ id: String, in collection: Collection) -> RecordHistory?
    /// The version of the release the store was compared with, if any.
    var previousRelease: String? { get }
    /// Calls `body` with each change against the previous release, in order.
    func forEachReleaseChange(_ body: (RecordChange) throws -> Void) throws
}

extension RecordLookup {
    public func history(_ id: String, in collection: Collection) -> RecordHistory? { nil }
    public var previousRelease: String? { nil }
    public func forEachReleaseChange(_ body: (RecordChange) throws -> Void) throws {}

    public func actor(_ id: String) -> Actor? {
        if case .actor(let a)? = record(id, in: .actors) { return a }
        return nil
    }
    public func person(_ id: String) -> Person? {
        if case .person(let p)? = record(id, in: .persons) { return p }
        return nil
    }
    public func series(_ id: String) -> Series? {
        if case .series(let s)? = record(id, in: .series) { return s }
        return nil
    }
    public func theme(_ id: String) -> Theme? {
        if case .theme(let t)? = record(id, in: .themes) { return t }
        return nil
    }
    public func source(_ id: String) -> Source? {
        if case .source(let s)? = record(id, in: .sources) { return s }
        return nil
    }
    public func event(_ id: String) -> Event? {
        if case .event(let e)? = record(id, in: .events) { return e }
        return nil
    }
    /// The actor's name in a language, or the id when it is unknown.
    public func actorName(_ id: String, _ language: String = "en") -> String {
        actor(id)?.name.text(in: language) ?? id
    }
}
