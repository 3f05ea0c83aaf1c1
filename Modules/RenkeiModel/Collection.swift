/// The collections of the dataset, in the order of the canonical JSON document.
public enum Collection: String, CaseIterable, Codable, Sendable {
    case sources, actors, persons, memberships, themes, series, events
    case attributions, proposals, budgets, indicators, claims, assessments

    /// The collection's place in ``allCases``: records are listed collection by collection in this order.
    public var rank: Int { Collection.allCases.firstIndex(of: self)! }

    /// The singular entity name used in JSON Lines (`"type": "event"`).
    public var entityType: String {
        switch self {
        case .sources: "source"
        case .actors: "actor"
        case .persons: "person"
        case .memberships: "membership"
        case .themes: "theme"
        case .series: "series"
        case .events: "event"
        case .attributions: "attribution"
        case .proposals: "proposal"
        case .budgets: "budget"
        case .indicators: "indicator"
        case .claims: "claim"
        case .assessments: "assessment"
        }
    }

    public init?(entityType: String) {
        guard let match = Collection.allCases.first(where: { $0.entityType == entityType }) else { return nil }
        self = match
    }
}
