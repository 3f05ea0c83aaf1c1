import ExportIATI
import Foundation
import RenkeiExport
import RenkeiModel
import RenkeiPipeline
import RenkeiTesting
import Testing

@Suite("Exporter: iati (IATI 2.03 activities)")
struct IATIExporterTests {
    let entry = ExporterRegistry.Entry(IATIExporter.self)
    static let path = "iati/renkei-iati-activities.xml"

    /// The records the file must carry: the capacity-building events and every budget line.
    static func expected(_ d: Dataset) -> [Collection: Int] {
        // An activity needs a start: events with no earliest day are left out.
        [.events: d.events.filter { IATIExporter.activityKinds.contains($0.kind) && $0.date.earliest != nil }.count, .budgets: d.budgets.count]
    }

    /// Activities in the file, told apart by the record field each kind carries as legacy data.
    static func count(_ files: [String: Data]) throws -> [Collection: Int] {
        guard let data = files[path] else { throw ExportError(exporter: "iati", message: "\(path) was not written") }
        let text = String(decoding: data, as: UTF8.self)
        let activities = text.components(separatedBy: "<iati-activity").dropFirst().filter { $0.hasPrefix(" ") || $0.hasPrefix(">") }
        return [
            .events: activities.filter { $0.contains("<legacy-data name=\"kind\"") }.count,
            .budgets: activities.filter { $0.contains("<legacy-data name=\"fiscal_year\"") }.count,
        ]
    }

    /// Text with each line's indentation removed, to compare fragments whatever their depth.
    static func flat(_ s: String) -> String {
        s.split(separator: "\n", omittingEmptySubsequences: false).map { $0.drop(while: { $0 == " " }) }.joined(separator: "\n")
    }

    /// The activity whose identifier ends with `id`, as text.
    static func activity(_ text: String, _ id: String) -> String? {
        text.components(separatedBy: "<iati-activity ").first { $0.contains("-\(id)</iati-identifier>") }
    }

    @Test("Passes the conformance kit")
    func conformance() {
        let kit = ExporterConformance(entry: entry, markup: .xml, expectedCounts: Self.expected) { try Self.count($0) }
        let problems = kit.run()
        #expect(problems.isEmpty, "\(problems)")
    }

    @Test("The minimal dataset: the budget line with its amount, fiscal year, sector and indicator periods")
    func minimal() throws {
        let files = try ExporterHarness.run(entry, on: TestDatasets.minimal())
        #expect(Array(files.keys) == [Self.path])
        let text = String(decoding: try #require(files[Self.path]), as: UTF8.self)
        #expect(text.hasPrefix("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"))
        // The file's date is the newest source's first day (src-test, January 2019), never the clock.
        #expect(text.contains("<iati-activities version=\"2.03\" generated-datetime=\"2019-01-01T00:00:00Z\">"))
        #expect(try Self.count(files) == [.events: 0, .budgets: 1])
        let budget = try #require(Self.activity(text, "bg-test"))
        #expect(budget.contains("default-currency=\"JPY\""))
        // The dataset names no reporting organisation: the dataset itself reports, as a secondary reporter.
        #expect(budget.contains("<reporting-org ref=\"test\" type=\"90\" secondary-reporter=\"1\">"))
        #expect(budget.contains("<iati-identifier>test-bg-test</iati-identifier>"))
        // A defence budget line is no aid: other flows, no aid type; no recipient is named.
        #expect(budget.contains("<default-flow-type code=\"50\"/>"))
        #expect(!budget.contains("default-aid-type"))
        #expect(budget.contains("<recipient-region code=\"998\" vocabulary=\"1\" percentage=\"100\">"))
        #expect(budget.contains("<narrative xml:lang=\"ja\">試験経費</narrative>"))
        #expect(budget.contains("<narrative xml:lang=\"en\">Test expenses</narrative>"))
        #expect(budget.contains("<other-identifier ref=\"bg-test\" type=\"A1\"/>"))
        // FY2023 lies after the file's date: planned dates, pipeline status.
        #expect(budget.contains("<activity-status code=\"1\"/>"))
        #expect(budget.contains("<activity-date type=\"1\" iso-date=\"2023-04-01\"/>"))
        #expect(budget.contains("<activity-date type=\"3\" iso-date=\"2024-03-31\"/>"))
        #expect(budget.contains("<sector vocabulary=\"1\" code=\"15210\" percentage=\"100\">"))
        #expect(Self.flat(budget).contains("""
            <budget type="1" status="2">
            <period-start iso-date="2023-04-01"/>
            <period-end iso-date="2024-03-31"/>
            <value currency="JPY" value-date="2023-04-01">200000000</value>
            </budget>
            """))
        for role in ["1", "2", "4"] { #expect(budget.contains("type=\"10\" role=\"\(role)\">\n      <narrative xml:lang=\"ja\">防衛省</narrative>")) }
        // The output's indicator, with its count per fiscal year: one consultation in FY2018.
        #expect(budget.contains("<result type=\"1\">"))
        #expect(!budget.contains("<reference code=\"out-test\""), "a reference at the result and at its indicator breaks IATI rule 8.11.1")
        #expect(budget.contains("<narrative xml:lang=\"en\">Output out-test</narrative>"))
        #expect(budget.contains("<indicator measure=\"1\" ascending=\"1\">"))
        #expect(budget.contains("<reference vocabulary=\"99\" code=\"ind-test\"/>"))
        #expect(Self.flat(budget).contains("""
            <period>
            <period-start iso-date="2018-04-01"/>
            <period-end iso-date="2019-03-31"/>
            <actual value="1"/>
            </period>
            """))
        #expect(!budget.contains("2018-01-01"), "calendar-year values stay out when fiscal years are used")
        #expect(budget.contains("短期アウトカム: 連携"))
        #expect(budget.contains("Short-term outcome: Cooperation"))
        #expect(text.hasSuffix("</iati-activities>\n"))
    }

    /// The minimal dataset with ASEAN and four capacity-building events that exercise the mapping.
    static func capacityBuilding() -> Dataset {
        var d = TestDatasets.minimal()
        let cite = [Citation(source: "src-test", locator: "表2")]
        let text = { (ja: String, en: String) in LocalizedText(ja: ja, en: en) }
        d.actors += [
            Actor(id: "asean", kind: "organization", name: text("東南アジア諸国連合", "Association of Southeast Asian Nations"),
                  members: ["ID", "VN"], sources: cite),
            Actor(id: "ID", kind: "state", name: text("インドネシア共和国", "Republic of Indonesia"), sources: cite),
            Actor(id: "VN", kind: "state", name: text("ベトナム社会主義共和国", "Socialist Republic of Viet Nam"), sources: cite),
            Actor(id: "jica", kind: "agency", name: text("国際協力機構", "Japan International Cooperation Agency"), sources: cite),
            Actor(id: "id-vn", kind: "partner-set", name: text("インドネシア・ベトナム", "Indonesia and Viet Nam"), members: ["ID", "VN"], sources: cite),
        ]
        d.themes += [
            Theme(id: "th-cb", name: text("能力構築支援", "Capacity building"), sources: cite),
            Theme(id: "th-cb-cybercrime", name: text("サイバー犯罪対策支援", "Countering cybercrime"), parent: "th-cb", sources: cite),
            Theme(id: "th-cb-incident-response", name: text("インシデント対応", "Incident response"), parent: "th-cb", sources: cite),
            Theme(id: "th-cb-ir-equipment", name: text("機材供与", "Equipment"), parent: "th-cb-incident-response", sources: cite),
        ]
        d.events += [
            Event(id: "ev-2018-07-asean-training", kind: "training", title: text("ASEAN研修", "ASEAN training"),
                  date: .on(PartialDate(year: 2018, month: 7)!),
                  participants: [Participant(actor: "jica", role: "implementer"), Participant(actor: "JP", role: "funder"),
                                 Participant(actor: "asean", role: "beneficiary"), Participant(actor: "US", role: "observer")],
                  themes: ["th-cb-cybercrime", "th-cb-ir-equipment"], sources: cite),
            Event(id: "ev-2016-loan", kind: "loan-project", title: text("通信網整備", "Network loan"),
                  date: .on(PartialDate(year: 2016)!),
                  participants: [Participant(actor: "jica", role: "funder"), Participant(actor: "id-vn", role: "beneficiary")],
                  themes: ["th-cb"], sources: cite),
            Event(id: "ev-2018-12-05-seminar", kind: "seminar", title: text("セミナー", "Seminar"),
                  date: .on(PartialDate(year: 2018, month: 12, day: 5)!),
                  location: Place(city: text("ハノイ", "Hanoi"), country: "VN"),
                  participants: [Participant(actor: "JP", role: "organiser"), Participant(actor: "VN", role: "host"),
                                 Participant(actor: "VN", role: "beneficiary")],
                  sources: cite),
            Event(id: "ev-2017-04-dispatch", kind: "expert-dispatch", title: text("専門家派遣", "Expert dispatch"),
                  date: .on(PartialDate(year: 2017, month: 4)!), end: PartialDate(fiscalYear: 2019)!,
                  participants: [Participant(actor: "jp-mod", role: "implementer")], sources: cite),
        ]
        d.computeDerivedValues()
        return d
    }

    @Test("Maps roles, recipients, dates, sectors and status from the records")
    func mapping() throws {
        let files = try ExporterHarness.run(entry, on: Self.capacityBuilding())
        let text = String(decoding: try #require(files[Self.path]), as: UTF8.self)
        #expect(try Self.count(files) == [.events: 4, .budgets: 1])

        let training = try #require(Self.activity(text, "ev-2018-07-asean-training"))
        // Funders first (role 1), then implementers (role 4); identifiers only where registered.
        let funder = try #require(training.range(of: "<participating-org ref=\"XM-DAC-701\" type=\"10\" role=\"1\">"))
        let implementer = try #require(training.range(of: "<participating-org ref=\"XM-DAC-701-8\" type=\"10\" role=\"4\">"))
        #expect(funder.lowerBound < implementer.lowerBound)
        #expect(!training.contains("role=\"2\""), "an observer is no participating organisation")
        #expect(training.contains("Also taking part: United States (observer)"))
        // ASEAN is the UN M49 region South-eastern Asia, and a regional activity.
        #expect(training.contains("<activity-scope code=\"2\"/>"))
        #expect(training.contains("<recipient-region code=\"035\" vocabulary=\"2\" percentage=\"100\">"))
        #expect(training.contains("<narrative xml:lang=\"en\">Beneficiary: Association of Southeast Asian Nations</narrative>"))
        // A month stands as its first day, and a description says so.
        #expect(training.contains("<activity-date type=\"2\" iso-date=\"2018-07-01\">"))
        #expect(training.contains("The start is known to the month (2018-07); 2018-07-01, the first day of that month, stands for it."))
        #expect(training.contains("開始は月まで判明（2018-07）"))
        // Cybercrime and incident response (through a child theme): two sectors, equal shares.
        #expect(training.contains("<sector vocabulary=\"1\" code=\"15130\" percentage=\"50\">"))
        #expect(training.contains("<sector vocabulary=\"1\" code=\"22040\" percentage=\"50\">"))
        #expect(training.contains("<tag vocabulary=\"99\" code=\"th-cb-cybercrime\">"))
        #expect(training.contains("<default-aid-type code=\"D02\" vocabulary=\"1\"/>"))
        // The file stands at January 2019: a training of July 2018 is over, and its actual end is
        // the last day of the month.
        #expect(training.contains("<activity-status code=\"4\"/>"))
        #expect(training.contains("<activity-date type=\"4\" iso-date=\"2018-07-31\">"))
        #expect(training.contains("last-updated-datetime=\"2019-01-01T00:00:00Z\""))

        let loan = try #require(Self.activity(text, "ev-2016-loan"))
        // A partner set stands for its members; two countries share the activity equally.
        #expect(loan.contains("<activity-scope code=\"3\"/>"))
        #expect(loan.contains("<recipient-country code=\"ID\" percentage=\"50\">"))
        #expect(loan.contains("<recipient-country code=\"VN\" percentage=\"50\">"))
        #expect(loan.contains("<default-finance-type code=\"421\"/>"))
        #expect(loan.contains("<default-aid-type code=\"C01\" vocabulary=\"1\"/>"))
        // A project with no recorded end is still in implementation.
        #expect(loan.contains("<activity-status code=\"2\"/>"))
        #expect(loan.contains("No end is recorded"))
        #expect(loan.contains("<sector vocabulary=\"1\" code=\"22040\" percentage=\"100\">"))

        let seminar = try #require(Self.activity(text, "ev-2018-12-05-seminar"))
        // A day is exact: start and end on it, no note; the host country is an implementer.
        #expect(seminar.contains("<activity-date type=\"2\" iso-date=\"2018-12-05\"/>"))
        #expect(seminar.contains("<activity-date type=\"4\" iso-date=\"2018-12-05\"/>"))
        #expect(!seminar.contains("recipient-region"))
        #expect(!seminar.contains("known to the"))
        #expect(seminar.contains("<activity-scope code=\"4\"/>"))
        #expect(seminar.contains("<recipient-country code=\"VN\" percentage=\"100\">"))
        #expect(seminar.contains("<participating-org type=\"10\" role=\"4\">\n      <narrative xml:lang=\"ja\">ベトナム社会主義共和国</narrative>"))
        #expect(seminar.contains("<location-reach code=\"1\"/>"))
        #expect(seminar.contains("<narrative xml:lang=\"en\">Hanoi</narrative>"))

        let dispatch = try #require(Self.activity(text, "ev-2017-04-dispatch"))
        // The end of a range stands as its last day: fiscal year 2019 ends on 31 March 2020,
        // after the file's date, so the end is planned and the dispatch under way.
        #expect(dispatch.contains("<activity-date type=\"2\" iso-date=\"2017-04-01\">"))
        #expect(dispatch.contains("<activity-date type=\"3\" iso-date=\"2020-03-31\">"))
        #expect(dispatch.contains("The end is known to the fiscal year (FY2019, 2019-04-01 to 2020-03-31); 2020-03-31, the last day of that fiscal year, stands for it."))
        #expect(dispatch.contains("<activity-status code=\"2\"/>"))
        #expect(dispatch.contains("<default-aid-type code=\"D01\" vocabulary=\"1\"/>"))
        #expect(dispatch.contains("<recipient-region code=\"998\" vocabulary=\"1\" percentage=\"100\">"), "no recipient named: developing countries, unspecified")
        #expect(dispatch.contains("IATI requires one"))

        // Records of other kinds are no activities.
        #expect(Self.activity(text, "ev-2018-07-test-dialogue-1") == nil)
        #expect(Self.activity(text, "ev-2017-test-exercise") == nil)
    }

    @Test("secondary-reporter is set unless the reporting organisation funds the activity")
    func secondaryReporter() throws {
        var dataset = Self.capacityBuilding()
        dataset.info.reportingOrg = ReportingOrganisation(ref: "XM-DAC-701", type: "10", name: LocalizedText(ja: "日本国政府", en: "Government of Japan"))
        let text = String(decoding: try #require(try ExporterHarness.run(entry, on: dataset)[Self.path]), as: UTF8.self)
        let funded = try #require(Self.activity(text, "ev-2018-07-asean-training"))
        #expect(funded.contains("<reporting-org ref=\"XM-DAC-701\" type=\"10\">"), "Japan funds the training: it reports its own activity")
        #expect(funded.contains("<iati-identifier>XM-DAC-701-ev-2018-07-asean-training</iati-identifier>"))
        let loan = try #require(Self.activity(text, "ev-2016-loan"))
        #expect(loan.contains("<reporting-org ref=\"XM-DAC-701\" type=\"10\" secondary-reporter=\"1\">"), "JICA funds the loan")
    }

    @Test("Percent shares are equal and add up to exactly 100")
    func shares() {
        #expect(IATIExporter.shares(1) == ["100"])
        #expect(IATIExporter.shares(2) == ["50", "50"])
        #expect(IATIExporter.shares(3) == ["33.34", "33.33", "33.33"])
        #expect(IATIExporter.shares(8) == ["12.5", "12.5", "12.5", "12.5", "12.5", "12.5", "12.5", "12.5"])
        #expect(IATIExporter.shares(7).map { Decimal(string: $0)! }.reduce(0, +) == 100)
        #expect(IATIExporter.shares(0).isEmpty)
    }

    @Test("An empty dataset gives the root element alone, without a date")
    func empty() throws {
        let files = try ExporterHarness.run(entry, on: TestDatasets.empty())
        let text = String(decoding: try #require(files[Self.path]), as: UTF8.self)
        #expect(text.hasSuffix("<iati-activities version=\"2.03\">\n</iati-activities>\n"))
    }

    // MARK: - The standard's own checks

    /// The official 2.03 schemas beside the checkout, when present.
    static var schema: String? {
        let path = (TestSupport.root as NSString).deletingLastPathComponent + "/shared/standards/iati-2.03/iati-activities-schema.xsd"
        return FileManager.default.fileExists(atPath: path) ? path : nil
    }

    static var xmllint: String? { TestSupport.executable("xmllint") }

    /// The minimal, hostile and real datasets, each exported into a file of its own.
    static func exportedFiles(_ entry: ExporterRegistry.Entry, into directory: String) throws -> [(path: String, activities: Int)] {
        let real = try #require(Pipeline.check(dataDirectory: TestSupport.root + "/data").dataset, "the dataset in data/ does not load")
        var out: [(String, Int)] = []
        for (name, dataset) in [("minimal", TestDatasets.minimal()), ("hostile", TestDatasets.hostile()), ("empty", TestDatasets.empty()), ("real", real)] {
            let files = try ExporterHarness.run(entry, on: dataset)
            let path = directory + "/\(name).xml"
            _ = FileManager.default.createFile(atPath: path, contents: files[Self.path])
            out.append((path, expected(dataset).values.reduce(0, +)))
        }
        return out
    }

    @Test("The minimal, hostile and real exports validate against the official IATI 2.03 schema (xmllint)")
    func xmllintSchema() throws {
        guard let schema = Self.schema else {
            print("SKIPPED IATI schema check: ../shared/standards/iati-2.03 is absent")
            return
        }
        guard let xmllint = Self.xmllint else {
            print("SKIPPED IATI schema check: xmllint is not installed (apt-get install -y libxml2-utils)")
            return
        }
        let directory = ExporterHarness.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        for (path, activities) in try Self.exportedFiles(entry, into: directory) {
            let result = try TestSupport.run(xmllint, ["--noout", "--schema", schema, path])
            if activities == 0 {
                // The accepted finding (docs/exporters/iati.md): no activity, which the schema wants.
                let findings = result.err.split(separator: "\n").filter { $0.contains("validity error") }
                #expect(findings.count == 1 && findings[0].contains("Expected is ( iati-activity )"), "\(path): \(result.err)")
            } else {
                #expect(result.code == 0, "\(path): \(result.err)")
            }
        }
    }

    @Test("Every rule of the official ruleset and every code in its codelist (python lxml)")
    func officialRuleset() throws {
        guard let (python, standards) = StandardCheck.prerequisites("IATI ruleset check", schemas: "iati-2.03/rulesets/standard.json") else { return }
        let folder = (standards as NSString).deletingLastPathComponent.replacingOccurrences(of: "/rulesets", with: "")
        for (name, dataset) in StandardCheck.datasets() + [("capacity-building", Self.capacityBuilding())] {
            let files = try ExporterHarness.run(entry, on: dataset)
            let result = try StandardCheck.run(python, "check_iati_rules.py", "\(name).xml", try #require(files[Self.path]), [folder, "{}"])
            #expect(result.code == 0, "\(name): \(result.output)")
            #expect(name != "data" || result.output.contains("55 rules evaluated"), "\(name): \(result.output)")
        }
    }

    @Test("The exports pass the IATI rules checker (python lxml): schema, codes, dates, shares, both languages")
    func rulesChecker() throws {
        guard let schema = Self.schema else {
            print("SKIPPED IATI rules check: ../shared/standards/iati-2.03 is absent")
            return
        }
        guard let python = TestSupport.checkerPython else {
            print("SKIPPED IATI rules check: no Python with lxml (run .ci/run, or set RENKEI_PYTHON)")
            return
        }
        guard try TestSupport.run(python, ["-c", "import lxml.etree"]).code == 0 else {
            print("SKIPPED IATI rules check: \(python) has no lxml (pip install lxml)")
            return
        }
        let directory = ExporterHarness.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        for (path, activities) in try Self.exportedFiles(entry, into: directory) {
            let result = try TestSupport.run(python, [TestSupport.root + "/Tests/checkers/check_iati.py", schema, path, String(activities)])
            #expect(result.code == 0, "\(path): \(result.out)\(result.err)")
        }
    }
}
