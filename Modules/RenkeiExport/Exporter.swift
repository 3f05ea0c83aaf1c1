import RenkeiModel

/// An output format: a plug-in that receives the dataset one record at a time and writes
/// its files into the directory it is given.
///
/// Implementation requirements:
/// - `description` is constant; its `id` is unique among exporters and never changes.
/// - `begin` is called once, then `write` once per record — collection by collection in the
///   canonical order (`Collection.allCases`), each sorted by id — then `finish` once.
/// - Keep only what a summary needs (counts, names); never the whole dataset. Look up other
///   records through `context.lookup`.
/// - Write only through `context.output`, and only the files named in `description.files`
///   (patterns such as `csv/*.csv` are allowed). Output depends on the data alone: the same
///   records give byte-identical files.
/// - Every exporter passes the conformance kit (`RenkeiTesting.ExporterConformance`).
public protocol Exporter: RecordSink, SendableMetatype {
    /// What the exporter is, for `renkei exporters` and the registry.
    static var description: ExporterDescription { get }
    init()
}

/// The streaming lifecycle shared by built-in and external exporters.
public protocol RecordSink: AnyObject {
    /// Prepares the output. Called once, before any record.
    func begin(_ context: ExportContext) throws
    /// Takes one record.
    func write(_ record: AnyRecord) throws
    /// Completes and closes every file. Called once, after the last record.
    func finish() throws
    /// Gives up: called instead of `finish` when the run fails (another exporter failed, the
    /// disk is full). Releases what `begin` opened — rolls back a transaction, closes a database
    /// or a process — and throws nothing; the files are discarded. The default does nothing,
    /// which suits an exporter that writes only through `ExportContext.output` (the runner
    /// closes those files).
    func abort()
}

extension RecordSink {
    public func abort() {}
}

/// An exporter's constant description.
public struct ExporterDescription: Sendable, Hashable {
    /// The id used on the command line (`json`, `csv`).
    public let id: String
    public let name: String
    /// Files written, relative to the output directory; `*` stands for any name.
    public let files: [String]
    public let mediaType: String
    /// One sentence saying what the output is for.
    public let summary: String
    public let version: String

    /// What the files carry: the records themselves, or aggregates computed from them.
    public let content: Content

    /// What an exporter's files carry, which decides what the conformance kit checks.
    public enum Content: String, Sendable, Hashable {
        /// The records (or a chosen part of them), their texts included: the kit checks that
        /// every record is present and that the hostile sample texts survive.
        case records
        /// Figures computed from the records — counts, sums, a partner × fiscal-year matrix —
        /// with the labels they need: the kit checks determinism, the empty dataset, the files'
        /// places and that the labels written are escaped, not that every record or text is there.
        case aggregates
    }

    public init(
        id: String, name: String, files: [String], mediaType: String, summary: String, version: String,
        content: Content = .records
    ) {
        self.id = id
        self.name = name
        self.files = files
        self.mediaType = mediaType
        self.summary = summary
        self.version = version
        self.content = content
    }
}
