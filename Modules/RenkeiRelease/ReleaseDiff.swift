import Foundation
import RenkeiModel
import RenkeiStore

/// One side of a diff: a store and how to name it.
public struct ReleaseSide: Sendable {
    /// The input as the user gave it (a path or `git:REV`).
    public let label: String
    public let store: Store
    public let info: DatasetInfo
    public let counts: [Collection: Int]

    public init(label: String, store: Store) throws {
        self.label = label
        self.store = store
        (info, counts) = try store.info()
    }

    /// The release day: the dataset's `released` date, or its version when it has none.
    public var releasedDay: String { info.released.map { $0.firstDay.description } ?? info.version }
}

/// Compares two releases record by record: both stores are read in (collection, id) order and
/// merge-joined, so memory stays bounded by the largest record, not the dataset.
public struct ReleaseDiff {
    public let old: ReleaseSide
    public let new: ReleaseSide

    public init(old: ReleaseSide, new: ReleaseSide) {
        self.old = old
        self.new = new
    }

    /// What the walk sees of each record id present on either side.
    public struct Pair {
        public let collection: Collection
        public let id: String
        public let inOld: Bool
        public let inNew: Bool
        /// The change, when the record differs.
        public let change: RecordChange?
    }

    /// Walks both releases; calls `onChange` for each difference in order and `onPair` for every
    /// record id (for history). Returns the summary.
    @discardableResult
    public func run(
        onChange: (RecordChange) throws -> Void, onPair: ((Pair) throws -> Void)? = nil
    ) throws -> ReleaseSummary {
        var summary = SummaryBuilder()
        for collection in Collection.allCases {
            summary.ensure(collection)
            try old.store.withDocuments(in: collection) { nextOld in
                try new.store.withDocuments(in: collection) { nextNew in
                    var a = try nextOld()
                    var b = try nextNew()
                    while a != nil || b != nil {
                        let change: RecordChange?
                        let id: String
                        var inOld = false, inNew = false
                        if let x = a, b == nil || x.id.utf8.lexicographicallyPrecedes(b!.id.utf8) {
                            id = x.id
                            inOld = true
                            change = RecordChange(op: .remove, collection: collection, id: x.id)
                            if collection == .events { summary.event(old: StoredEvent(x), new: nil) }
                            summary.side(collection, before: true)
                            a = try nextOld()
                        } else if let y = b, a == nil || y.id.utf8.lexicographicallyPrecedes(a!.id.utf8) {
                            id = y.id
                            inNew = true
                            change = RecordChange(op: .add, collection: collection, id: y.id)
                            if collection == .events { summary.event(old: nil, new: StoredEvent(y)) }
                            summary.side(collection, before: false)
                            b = try nextNew()
                        } else {
                            let x = a!, y = b!
                            id = x.id
                            inOld = true
                            inNew = true
                            change = x.doc == y.doc ? nil : try Self.compare(collection, x, y)
                            if collection == .events { summary.event(old: StoredEvent(x), new: StoredEvent(y)) }
                            summary.side(collection, before: true)
                            summary.side(collection, before: false)
                            a = try nextOld()
                            b = try nextNew()
                        }
                        if let change {
                            summary.change(change)
                            try onChange(change)
                        }
                        try onPair?(Pair(collection: collection, id: id, inOld: inOld, inNew: inNew, change: change))
                    }
                }
            }
        }
        return summary.finish()
    }

    /// The change between two stored forms of one record whose documents differ.
    static func compare(_ collection: Collection, _ x: StoredDocument, _ y: StoredDocument) throws -> RecordChange? {
        let before = try JSONValue.parse(x.doc)
        let after = try JSONValue.parse(y.doc)
        let fields = RecordDiff.fields(before, after)
        guard !fields.isEmpty else { return nil }
        let was = RecordDiff.lifecycle(of: before), now = RecordDiff.lifecycle(of: after)
        let op: ChangeOp
        if now == .replaced && was != .replaced {
            op = .replace
        } else if now == .deprecated && was == .active {
            op = .deprecate
        } else {
            op = .change
        }
        return RecordChange(op: op, collection: collection, id: x.id, fields: fields)
    }
}
