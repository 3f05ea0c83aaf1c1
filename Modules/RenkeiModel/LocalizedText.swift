/// Text a person reads, given in Japanese and in English.
public struct LocalizedText: Codable, Hashable, Sendable {
    public var ja: String
    public var en: String

    public init(ja: String, en: String) {
        self.ja = ja
        self.en = en
    }

    /// The text in the language asked for (`"ja"` or anything else for English).
    public func text(in language: String) -> String { language == "ja" ? ja : en }
}
