import RenkeiModel

/// A dataset with the indexes rules share: every id with its collection, and the actor directory.
public struct ValidationContext: Sendable {
    public let dataset: Dataset
    public let records: [AnyRecord]
    /// Every id, with the collections that use it (more than one means a clash).
    public let collectionsByID: [String: [Collection]]
    public let actors: ActorDirectory
    public let sourceDates: [String: PartialDate]

    public init(_ dataset: Dataset) {
        self.dataset = dataset
        self.records = dataset.allRecords
        var ids: [String: [Collection]] = [:]
        for record in records { ids[record.id, default: []].append(record.collection) }
        self.collectionsByID = ids
        self.actors = ActorDirectory(dataset.actors)
        self.sourceDates = Dictionary(dataset.sources.map { ($0.id, $0.date) }, uniquingKeysWith: { a, _ in a })
    }

    /// Whether `id` names a record of `collection`.
    public func exists(_ id: String, in collection: Collection) -> Bool {
        collectionsByID[id]?.contains(collection) ?? false
    }
}
