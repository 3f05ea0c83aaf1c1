import RenkeiModel

/// The records a validation runs over, kept outside memory (a staging store) and read back as
/// rules ask: streamed in batches, or looked up by id, never all at once.
///
/// Records come back decoded with their metadata (locations, suppressions), actor references
/// resolved. *Canonical order* is collection by collection (in ``Collection`` order), by id, and
/// in load order among records sharing an id; *load order* is the order of files and of records
/// within each file.
public protocol RecordSet: Sendable {
    /// How many records `collection` holds.
    func count(_ collection: Collection) -> Int

    /// Every record of `collections` (all when nil), in canonical order, decoded and transformed
    /// on up to `threads` threads; `consume` gets the results one by one, in that order.
    func map<R: Sendable>(
        _ collections: [Collection]?, threads: Int, _ transform: @escaping @Sendable (AnyRecord) -> R, consume: (R) -> Void)

    /// Every record of `collection` in load order.
    func forEachInLoadOrder(_ collection: Collection, _ body: (AnyRecord) -> Void)

    /// The records whose id is `id`, in canonical order.
    func records(withID id: String) -> [AnyRecord]

    /// The collections with a record whose id is `id`, in canonical order, once per record.
    func collections(of id: String) -> [Collection]

    /// The suppressions of every record that has any, by record id, in canonical order.
    func suppressions() -> [String: [Suppression]]

    /// The ids of the retired records (`status: deprecated` or `replaced_by`).
    func retiredIDs() -> Set<String>

    /// The id of every record of `collections`, in canonical order, one by one.
    func forEachID(in collections: [Collection], _ body: (String) -> Void)

    /// Every id defined more than once (a record's id or an id inside it, like a budget output's),
    /// in id order, with each definition's record and path in canonical order.
    func forEachDefinedIDClash(_ body: (String, [(record: AnyRecord, path: String)]) -> Void)

    /// The events of each series, series by series in id order, each series' events in load order.
    func forEachSeries(_ body: (String, [Event]) -> Void)

    /// The events citing exactly one passage (source and locator), passage by passage, each
    /// group in load order.
    func forEachPassage(_ body: ([Event]) -> Void)
}
