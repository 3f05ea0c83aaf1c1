import Testing
@testable import RenkeiModel

@Suite("Dates: ISO, Japanese eras, fiscal years, relative forms")
struct DateTests {
    func parse(_ text: String, anchor: PartialDate? = nil) -> PartialDate? {
        try? DateParser.parse(text, anchor: anchor).get().date
    }

    @Test("ISO dates at each precision")
    func iso() {
        #expect(parse("2018")?.iso == "2018")
        #expect(parse("2018-03")?.iso == "2018-03")
        #expect(parse("2018-03-14")?.iso == "2018-03-14")
        #expect(parse("2018-03")?.precision == .month)
        #expect(parse("2018-13") == nil)
        #expect(parse("2019-02-29") == nil)
        #expect(parse("2020-02-29")?.iso == "2020-02-29")
        #expect(parse("18-03") == nil)
    }

    @Test("Japanese era dates (和暦) and western 年月日")
    func wareki() {
        #expect(parse("平成28年10月")?.iso == "2016-10")
        #expect(parse("令和3年12月14日")?.iso == "2021-12-14")
        #expect(parse("令和元年5月1日")?.iso == "2019-05-01")
        #expect(parse("平成31年1月")?.iso == "2019-01")
        #expect(parse("平成25年12月17日")?.iso == "2013-12-17")
        #expect(parse("２０１８年３月")?.iso == "2018-03")
        #expect(parse("2018年")?.precision == .year)
        #expect(parse("令和0年") == nil)
        #expect(parse("大化元年") == nil)
    }

    @Test("Fiscal years run from 1 April to 31 March")
    func fiscalYears() throws {
        let fy = try #require(parse("令和5年度"))
        #expect(fy.precision == .fiscalYear)
        #expect(fy.year == 2023)
        #expect(fy.iso == "2023-04/2024-03")
        #expect(fy.firstDay.description == "2023-04-01")
        #expect(fy.lastDay.description == "2024-03-31")
        #expect(parse("FY2023") == fy)
        #expect(parse("2023年度") == fy)
        #expect(parse("2023-04/2024-03") == fy)
        #expect(parse("2023-05/2024-03") == nil)
        #expect(parse("2018-03-31")?.fiscalYear == 2017)
        #expect(parse("2018-04-01")?.fiscalYear == 2018)
        #expect(parse("2018")?.fiscalYear == nil)
    }

    @Test("Relative dates resolve from the citing source's date and say how")
    func relative() throws {
        let minutes = PartialDate(year: 2021, month: 12, day: 14)!
        let resolved = try DateParser.parse("先月23日", anchor: minutes).get()
        #expect(resolved.date.iso == "2021-11-23")
        #expect(resolved.resolution?.contains("2021-12-14") == true)
        #expect(parse("本年10月", anchor: minutes)?.iso == "2021-10")
        #expect(parse("本年度", anchor: minutes) == PartialDate(fiscalYear: 2021))
        #expect(parse("昨年9月", anchor: PartialDate(year: 2019, month: 1))?.iso == "2018-09")
        #expect(parse("先月", anchor: PartialDate(year: 2019, month: 1))?.iso == "2018-12")
        #expect(parse("今年9月", anchor: PartialDate(year: 2021))?.iso == "2021-09")
        // Too coarse or missing anchors are errors, not guesses.
        #expect(parse("先月", anchor: PartialDate(year: 2021)) == nil)
        #expect(parse("本年") == nil)
        if case .failure(let f) = DateParser.parse("本年", anchor: nil) {
            #expect(f.message.contains("relative"))
        } else {
            Issue.record("a relative date without an anchor must fail")
        }
    }

    @Test("Dates order by their first day, then their last")
    func ordering() {
        #expect(parse("2018")! < parse("2018-03")!)
        #expect(parse("2018-03")! < parse("2018-03-14")! || parse("2018-03-01")! < parse("2018-03")!)
        #expect(parse("FY2017")! < parse("2018")!)
        #expect(parse("2018-12")! > parse("2018-03-14")!)
    }
}
