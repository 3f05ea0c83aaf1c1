import FuzzMain
import Foundation
import RenkeiPipeline

/// One source file of any bytes through the real loader and every validation rule.
let folder: String = {
    let path = NSTemporaryDirectory() + "renkei-fuzz-yaml-\(getpid())"
    try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    _ = FileManager.default.createFile(atPath: path + "/dataset.yaml", contents: Data("dataset:\n  name: fuzz\n  version: 1.0.0\n".utf8))
    return path
}()

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzYAML(_ start: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    _ = FileManager.default.createFile(atPath: folder + "/input.yaml", contents: Data(bytes: start, count: count))
    _ = Pipeline.check(dataDirectory: folder)
    return 0
}
