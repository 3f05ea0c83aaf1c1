import FuzzMain
import RenkeiModel

/// Any text through the date parser, alone and against an anchor date.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzDate(_ start: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: start, count: count), as: UTF8.self)
    _ = DateParser.parse(text)
    _ = DateParser.parse(text, anchor: PartialDate(year: 2019, month: 5, day: 1))
    _ = DateParser.parse(text, anchor: PartialDate(fiscalYear: 2023))
    return 0
}
