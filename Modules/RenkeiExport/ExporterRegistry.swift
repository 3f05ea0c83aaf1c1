/// The exporters the driver can run, by id. Built once; a duplicate id is a programming error.
public struct ExporterRegistry: Sendable {
    /// One exporter the registry offers: its description and how to make a fresh instance.
    public struct Entry: Sendable {
        public let description: ExporterDescription
        public let make: @Sendable () -> any RecordSink

        public init(description: ExporterDescription, make: @escaping @Sendable () -> any RecordSink) {
            self.description = description
            self.make = make
        }

        /// The entry of a built-in exporter type.
        public init<T: Exporter>(_ type: T.Type) {
            self.init(description: T.description, make: { T() })
        }
    }

    public let entries: [Entry]

    /// A registry of `entries`; stops the program if two share an id.
    public init(_ entries: [Entry]) {
        var seen = Set<String>()
        for entry in entries {
            precondition(seen.insert(entry.description.id).inserted, "two exporters share the id '\(entry.description.id)'")
        }
        self.entries = entries
    }

    public var ids: [String] { entries.map(\.description.id) }

    public func entry(_ id: String) -> Entry? { entries.first { $0.description.id == id } }

    /// A new registry with `extra` entries added after these; an id already present is reported, not replaced.
    public func adding(_ extra: [Entry]) -> (registry: ExporterRegistry, clashes: [String]) {
        let known = Set(ids)
        let clashes = extra.map(\.description.id).filter(known.contains)
        return (ExporterRegistry(entries + extra.filter { !known.contains($0.description.id) }), clashes)
    }
}
