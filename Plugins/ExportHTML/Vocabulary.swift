import RenkeiModel

/// The site's fixed words in Japanese and English: event kinds, roles, collections, actor and
/// source kinds, and the labels of the pages.
enum Vocabulary {
    /// The label of an event kind; an unknown kind is shown as written.
    static func eventKind(_ kind: String) -> LocalizedText { eventKinds[kind] ?? LocalizedText(ja: kind, en: kind) }
    static func role(_ role: String) -> LocalizedText { roles[role] ?? LocalizedText(ja: role, en: role) }
    static func actorKind(_ kind: String) -> LocalizedText { actorKinds[kind] ?? LocalizedText(ja: kind, en: kind) }
    static func sourceKind(_ kind: String) -> LocalizedText { sourceKinds[kind] ?? LocalizedText(ja: kind, en: kind) }
    static func collection(_ c: Collection) -> LocalizedText { collections[c] ?? LocalizedText(ja: c.rawValue, en: c.rawValue) }
    static func term(_ term: String) -> LocalizedText { terms[term] ?? LocalizedText(ja: term, en: term) }
    static func agendaKind(_ kind: String) -> LocalizedText { agendaKinds[kind] ?? LocalizedText(ja: kind, en: kind) }
    static func personRole(_ role: String) -> LocalizedText { personRoles[role] ?? LocalizedText(ja: role, en: role) }

    static let eventKinds: [String: LocalizedText] = [
        "bilateral-consultation": .init(ja: "二国間協議", en: "Bilateral consultation"),
        "trilateral-consultation": .init(ja: "三か国協議", en: "Trilateral consultation"),
        "multilateral-consultation": .init(ja: "多国間協議", en: "Multilateral consultation"),
        "leaders-meeting": .init(ja: "首脳会談", en: "Leaders' meeting"),
        "ministerial-meeting": .init(ja: "閣僚会合", en: "Ministerial meeting"),
        "two-plus-two": .init(ja: "2+2", en: "Two-plus-two"),
        "expert-meeting": .init(ja: "専門家会合", en: "Expert meeting"),
        "meeting": .init(ja: "会合", en: "Meeting"),
        "exercise": .init(ja: "演習", en: "Exercise"),
        "training": .init(ja: "研修・訓練", en: "Training"),
        "workshop": .init(ja: "ワークショップ", en: "Workshop"),
        "seminar": .init(ja: "セミナー", en: "Seminar"),
        "conference": .init(ja: "国際会議", en: "Conference"),
        "summit": .init(ja: "首脳会議", en: "Summit"),
        "visit": .init(ja: "訪問", en: "Visit"),
        "speech": .init(ja: "演説", en: "Speech"),
        "centre-establishment": .init(ja: "センター設立", en: "Centre established"),
        "expert-dispatch": .init(ja: "専門家派遣", en: "Expert dispatch"),
        "mou-signing": .init(ja: "覚書署名", en: "MoU signed"),
        "agreement": .init(ja: "合意", en: "Agreement"),
        "fund-contribution": .init(ja: "拠出", en: "Fund contribution"),
        "loan-project": .init(ja: "円借款", en: "Loan project"),
        "grant-project": .init(ja: "無償資金協力", en: "Grant project"),
        "technical-cooperation": .init(ja: "技術協力", en: "Technical cooperation"),
        "equipment-provision": .init(ja: "機材供与", en: "Equipment provision"),
        "public-attribution": .init(ja: "パブリック・アトリビューション", en: "Public attribution"),
        "declaration": .init(ja: "宣言", en: "Declaration"),
        "joint-statement": .init(ja: "共同声明", en: "Joint statement"),
        "report-adoption": .init(ja: "報告書採択", en: "Report adopted"),
        "policy-decision": .init(ja: "政策決定", en: "Policy decision"),
        "membership-start": .init(ja: "加盟", en: "Membership begins"),
        "founding": .init(ja: "設立", en: "Founding"),
        "other": .init(ja: "その他", en: "Other"),
    ]

    static let roles: [String: LocalizedText] = [
        "host": .init(ja: "主催", en: "Host"),
        "chair": .init(ja: "議長", en: "Chair"),
        "co-chair": .init(ja: "共同議長", en: "Co-chair"),
        "participant": .init(ja: "参加", en: "Participant"),
        "attendee": .init(ja: "出席", en: "Attendee"),
        "speaker": .init(ja: "発言・講演", en: "Speaker"),
        "organiser": .init(ja: "企画・運営", en: "Organiser"),
        "funder": .init(ja: "資金拠出", en: "Funder"),
        "implementer": .init(ja: "実施", en: "Implementer"),
        "beneficiary": .init(ja: "支援対象", en: "Beneficiary"),
        "proposer": .init(ja: "提案", en: "Proposer"),
        "observer": .init(ja: "オブザーバー", en: "Observer"),
        "issuer": .init(ja: "発出", en: "Issuer"),
        "co-signer": .init(ja: "共同署名", en: "Co-signer"),
        "target": .init(ja: "対象", en: "Target"),
        "member": .init(ja: "構成員", en: "Member"),
    ]

    static let actorKinds: [String: LocalizedText] = [
        "state": .init(ja: "国家", en: "State"),
        "economy": .init(ja: "地域", en: "Economy"),
        "organization": .init(ja: "国際機関・組織", en: "Organisation"),
        "government-body": .init(ja: "政府機関", en: "Government body"),
        "agency": .init(ja: "機関", en: "Agency"),
        "cert": .init(ja: "CSIRT", en: "CERT"),
        "forum": .init(ja: "枠組み・会合", en: "Forum"),
        "company": .init(ja: "企業", en: "Company"),
        "academia": .init(ja: "学術機関", en: "Academia"),
        "threat-group": .init(ja: "脅威グループ", en: "Threat group"),
        "partner-set": .init(ja: "協議の組合せ", en: "Partner set"),
        "other": .init(ja: "その他", en: "Other"),
    ]

    static let sourceKinds: [String: LocalizedText] = [
        "policy": .init(ja: "方針", en: "Policy"),
        "strategy": .init(ja: "戦略", en: "Strategy"),
        "report": .init(ja: "報告", en: "Report"),
        "budget-review": .init(ja: "行政事業レビュー", en: "Budget review"),
        "minutes": .init(ja: "議事録", en: "Minutes"),
        "speech": .init(ja: "演説", en: "Speech"),
        "statement": .init(ja: "声明", en: "Statement"),
        "declaration": .init(ja: "宣言", en: "Declaration"),
        "treaty": .init(ja: "条約", en: "Treaty"),
        "resolution": .init(ja: "決議", en: "Resolution"),
        "other": .init(ja: "その他", en: "Other"),
    ]

    static let collections: [Collection: LocalizedText] = [
        .sources: .init(ja: "出典資料", en: "Sources"),
        .actors: .init(ja: "主体", en: "Actors"),
        .persons: .init(ja: "人物", en: "Persons"),
        .memberships: .init(ja: "役職", en: "Memberships"),
        .themes: .init(ja: "分野", en: "Themes"),
        .series: .init(ja: "シリーズ", en: "Series"),
        .events: .init(ja: "出来事", en: "Events"),
        .attributions: .init(ja: "アトリビューション", en: "Attributions"),
        .proposals: .init(ja: "提案", en: "Proposals"),
        .budgets: .init(ja: "予算", en: "Budgets"),
        .indicators: .init(ja: "指標", en: "Indicators"),
        .claims: .init(ja: "記述の検証", en: "Claims"),
        .assessments: .init(ja: "評価", en: "Assessments"),
    ]

    static let terms: [String: LocalizedText] = [
        "short": .init(ja: "短期アウトカム", en: "Short-term outcomes"),
        "mid": .init(ja: "中期アウトカム", en: "Mid-term outcomes"),
        "long": .init(ja: "長期アウトカム", en: "Long-term outcomes"),
    ]

    static let agendaKinds: [String: LocalizedText] = [
        "opening": .init(ja: "開会", en: "Opening"),
        "decision": .init(ja: "決定", en: "Decision"),
        "discussion": .init(ja: "討議", en: "Discussion"),
        "report": .init(ja: "報告", en: "Report"),
        "closing": .init(ja: "閉会", en: "Closing"),
    ]

    static let personRoles: [String: LocalizedText] = [
        "chair": .init(ja: "議長", en: "Chair"),
        "attendee": .init(ja: "出席", en: "Attendee"),
        "speaker": .init(ja: "発言", en: "Speaker"),
        "observer": .init(ja: "陪席", en: "Observer"),
    ]
}
