/// The core record: something that happened — a consultation, an exercise, a training, a
/// project, an attribution, a declaration, a meeting — with who took part and in what role.
public struct Event: DatasetRecord, Hashable {
    public static let collection = Collection.events
    public static let kinds = [
        "bilateral-consultation", "trilateral-consultation", "multilateral-consultation",
        "leaders-meeting", "ministerial-meeting", "two-plus-two", "expert-meeting", "meeting",
        "exercise", "training", "workshop", "seminar", "conference", "summit", "visit", "speech",
        "centre-establishment", "expert-dispatch", "mou-signing", "agreement", "fund-contribution",
        "loan-project", "grant-project", "technical-cooperation", "equipment-provision",
        "public-attribution", "declaration", "joint-statement", "report-adoption", "policy-decision",
        "membership-start", "founding", "other",
    ]
    /// The family a kind belongs to: the three kinds of consultation form `consultation`;
    /// every other kind is its own family.
    public static func family(of kind: String) -> String {
        kind.hasSuffix("-consultation") ? "consultation" : kind
    }

    public static let roles = [
        "host", "chair", "co-chair", "participant", "attendee", "speaker", "organiser", "funder",
        "implementer", "beneficiary", "proposer", "observer", "issuer", "co-signer", "target", "member",
    ]

    public var id: String
    public var kind: String
    public var title: LocalizedText
    public var series: String?
    public var ordinal: Int?
    /// What the sources let one know of the date: exact to a precision, a bound, a span, or undated.
    public var date: EventDate
    /// The last day of an event that lasted several days (only with an exact `date`).
    public var end: PartialDate?
    /// How a relative date was resolved from the citing source's date, or how a bound was inferred.
    public var dateNote: String?
    public var location: Place?
    public var participants: [Participant]
    public var themes: [String]
    public var summary: LocalizedText?
    public var outcomes: [LocalizedText]
    public var persons: [PersonRole]
    public var agenda: [AgendaItem]
    public var remarks: [Remark]
    public var sources: [Citation]
    /// Retirement: `deprecated` (with a bilingual `reason`), or nil for a live record.
    public var status: String?
    /// Why the record was retired, in both languages.
    public var reason: LocalizedText?
    /// The record that takes this one's place (a merge or a corrected id).
    public var replacedBy: String?
    public var meta = RecordMeta()

    public var citations: [Citation] { sources }

    enum CodingKeys: String, CodingKey {
        case status, reason
        case replacedBy = "replaced_by"
        case id, kind, title, series, ordinal, date, end, precision, location, participants, themes
        case summary, outcomes, persons, agenda, remarks, sources
        case dateNote = "date_note"
    }

    public init(
        id: String, kind: String, title: LocalizedText, series: String? = nil, ordinal: Int? = nil,
        date: EventDate, end: PartialDate? = nil, dateNote: String? = nil, location: Place? = nil,
        participants: [Participant] = [], themes: [String] = [], summary: LocalizedText? = nil,
        outcomes: [LocalizedText] = [], persons: [PersonRole] = [], agenda: [AgendaItem] = [],
        remarks: [Remark] = [], sources: [Citation] = []
    ) {
        self.id = id
        self.kind = kind
        self.title = title
        self.series = series
        self.ordinal = ordinal
        self.date = date
        self.end = end
        self.dateNote = dateNote
        self.location = location
        self.participants = participants
        self.themes = themes
        self.summary = summary
        self.outcomes = outcomes
        self.persons = persons
        self.agenda = agenda
        self.remarks = remarks
        self.sources = sources
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decode(String.self, forKey: .id)
        kind = try c.decode(String.self, forKey: .kind)
        title = try c.decode(LocalizedText.self, forKey: .title)
        series = try c.decodeIfPresent(String.self, forKey: .series)
        ordinal = try c.decodeIfPresent(Int.self, forKey: .ordinal)
        date = try c.decode(EventDate.self, forKey: .date)
        end = try c.decodeIfPresent(PartialDate.self, forKey: .end)
        dateNote = try c.decodeIfPresent(String.self, forKey: .dateNote)
        location = try c.decodeIfPresent(Place.self, forKey: .location)
        participants = try c.decodeIfPresent([Participant].self, forKey: .participants) ?? []
        themes = try c.decodeIfPresent([String].self, forKey: .themes) ?? []
        summary = try c.decodeIfPresent(LocalizedText.self, forKey: .summary)
        outcomes = try c.decodeIfPresent([LocalizedText].self, forKey: .outcomes) ?? []
        persons = try c.decodeIfPresent([PersonRole].self, forKey: .persons) ?? []
        agenda = try c.decodeIfPresent([AgendaItem].self, forKey: .agenda) ?? []
        remarks = try c.decodeIfPresent([Remark].self, forKey: .remarks) ?? []
        sources = try c.decode([Citation].self, forKey: .sources)
        status = try c.decodeIfPresent(String.self, forKey: .status)
        reason = try c.decodeIfPresent(LocalizedText.self, forKey: .reason)
        replacedBy = try c.decodeIfPresent(String.self, forKey: .replacedBy)
    }

    /// Encodes the record as in the canonical JSON; `precision` is derived from the date.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(kind, forKey: .kind)
        try c.encode(title, forKey: .title)
        try c.encodeIfPresent(series, forKey: .series)
        try c.encodeIfPresent(ordinal, forKey: .ordinal)
        try c.encode(date, forKey: .date)
        try c.encodeIfPresent(end, forKey: .end)
        try c.encode(date.precision, forKey: .precision)
        try c.encodeIfPresent(dateNote, forKey: .dateNote)
        try c.encodeIfPresent(location, forKey: .location)
        try c.encode(participants, forKey: .participants)
        try c.encode(themes, forKey: .themes)
        try c.encodeIfPresent(summary, forKey: .summary)
        try c.encode(outcomes, forKey: .outcomes)
        if !persons.isEmpty { try c.encode(persons, forKey: .persons) }
        if !agenda.isEmpty { try c.encode(agenda, forKey: .agenda) }
        if !remarks.isEmpty { try c.encode(remarks, forKey: .remarks) }
        try c.encode(sources, forKey: .sources)
        try c.encodeIfPresent(status, forKey: .status)
        try c.encodeIfPresent(reason, forKey: .reason)
        try c.encodeIfPresent(replacedBy, forKey: .replacedBy)
    }

    /// The actors taking part, in the order given.
    public var actorIDs: [String] { participants.map(\.actor) }
}

/// An actor's part in an event.
public struct Participant: Codable, Hashable, Sendable {
    public var actor: String
    public var role: String
    public init(actor: String, role: String) {
        self.actor = actor
        self.role = role
    }
}

/// Where an event took place: a city (in both languages) and the country's actor id.
public struct Place: Codable, Hashable, Sendable {
    public var city: LocalizedText?
    public var country: String?
    public init(city: LocalizedText? = nil, country: String? = nil) {
        self.city = city
        self.country = country
    }
}

/// A person present at an event, and in what capacity.
public struct PersonRole: Codable, Hashable, Sendable {
    public static let roles = ["chair", "attendee", "speaker", "observer"]
    public var person: String
    public var role: String
    public init(person: String, role: String) {
        self.person = person
        self.role = role
    }
}

/// An item on a meeting's agenda.
public struct AgendaItem: Codable, Hashable, Sendable {
    public static let kinds = ["opening", "decision", "discussion", "report", "closing"]
    public var id: String
    public var kind: String
    public var title: LocalizedText
    public var outcome: LocalizedText?
    public init(id: String, kind: String, title: LocalizedText, outcome: LocalizedText? = nil) {
        self.id = id
        self.kind = kind
        self.title = title
        self.outcome = outcome
    }
}

/// What a person said at a meeting, summarised in the project's own words.
public struct Remark: Codable, Hashable, Sendable {
    public var person: String
    public var agenda: String?
    public var summary: LocalizedText
    public init(person: String, agenda: String? = nil, summary: LocalizedText) {
        self.person = person
        self.agenda = agenda
        self.summary = summary
    }
}
