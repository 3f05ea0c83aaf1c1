import FuzzMain
import Foundation
import RenkeiPipeline

/// The fuzzer's working folder, one per process.
let workFolder = NSTemporaryDirectory() + "renkei-fuzz-yaml-\(getpid())"

/// One source file of any bytes through the real loader and every validation rule.
let folder: String = {
    let path = workFolder
    try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    // The folder goes when the fuzzer exits (after its runs, or on finding a crash it reports).
    atexit { try? FileManager.default.removeItem(atPath: workFolder) }
    _ = FileManager.default.createFile(atPath: path + "/dataset.yaml", contents: Data("dataset:\n  name: fuzz\n  version: 1.0.0\n".utf8))
    return path
}()

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzYAML(_ start: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    _ = FileManager.default.createFile(atPath: folder + "/input.yaml", contents: Data(bytes: start, count: count))
    _ = Pipeline.check(dataDirectory: folder)
    return 0
}
