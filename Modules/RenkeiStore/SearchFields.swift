import RenkeiModel

/// The rows a record adds to the store's search tables: its searchable fields, by name and language.
enum SearchFields {
    static func fields(of record: AnyRecord) -> [(name: String, language: String, text: String)] {
        record.searchableFields.map { ($0.name, $0.language, $0.text) }
    }
}
