/// The Popolo objects the exporter writes, with the property names of the Popolo JSON schemas
/// (http://www.popoloproject.com/schemas/). Optional properties left nil are not written.

/// An alternate name; `lang` and `note: "multilingual"` mark a name in another language.
struct PopoloOtherName: Encodable, Hashable {
    var name: String
    var lang: String?
    var note: String?
}

/// A URL to a document a record is derived from.
struct PopoloLink: Encodable, Hashable {
    var url: String
    var note: String?
}

struct PopoloPerson: Encodable {
    var id: String
    var name: String
    var otherNames: [PopoloOtherName]
    var sortName: String?
    var sources: [PopoloLink]?

    enum CodingKeys: String, CodingKey {
        case id, name, sources
        case otherNames = "other_names"
        case sortName = "sort_name"
    }
}

struct PopoloOrganization: Encodable {
    var id: String
    var name: String
    var otherNames: [PopoloOtherName]
    var classification: String
    var parentID: String?
    var foundingDate: String?
    var sources: [PopoloLink]?

    enum CodingKeys: String, CodingKey {
        case id, name, classification, sources
        case otherNames = "other_names"
        case parentID = "parent_id"
        case foundingDate = "founding_date"
    }
}

struct PopoloMembership: Encodable {
    var id: String
    var personID: String
    var organizationID: String
    var postID: String
    var role: String
    var startDate: String?
    var endDate: String?
    var sources: [PopoloLink]?

    enum CodingKeys: String, CodingKey {
        case id, role, sources
        case personID = "person_id"
        case organizationID = "organization_id"
        case postID = "post_id"
        case startDate = "start_date"
        case endDate = "end_date"
    }
}

struct PopoloPost: Encodable {
    var id: String
    var label: String
    var otherLabel: [String]
    var organizationID: String

    enum CodingKeys: String, CodingKey {
        case id, label
        case otherLabel = "other_label"
        case organizationID = "organization_id"
    }
}

/// A person attending an event, as the Popolo person object the event embeds.
struct PopoloAttendee: Encodable {
    var id: String
    var name: String
}

struct PopoloEvent: Encodable {
    var id: String
    var name: String
    var description: String
    var classification: String
    var startDate: String?
    var endDate: String?
    var location: String?
    var organizationID: String?
    var attendees: [PopoloAttendee]
    var sources: [PopoloLink]?

    enum CodingKeys: String, CodingKey {
        case id, name, description, classification, location, attendees, sources
        case startDate = "start_date"
        case endDate = "end_date"
        case organizationID = "organization_id"
    }
}
