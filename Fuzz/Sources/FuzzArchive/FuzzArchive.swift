import FuzzMain
import Foundation
import RenkeiBundle

/// The fuzzer's working folder, one per process.
let workFolder = NSTemporaryDirectory() + "renkei-fuzz-archive-\(getpid())"

/// Any bytes as a bundle archive through verify and verify --extract. Each must end in a
/// report or a BundleError; anything else (a crash, another error) is a finding.
let folder: String = {
    let path = workFolder
    try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    // The folder goes when the fuzzer exits (after its runs, or on finding a crash it reports).
    atexit { try? FileManager.default.removeItem(atPath: workFolder) }
    return path
}()

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzArchive(_ start: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    let archive = folder + "/input.tar.gz"
    _ = FileManager.default.createFile(atPath: archive, contents: Data(bytes: start, count: count))
    var verifier = BagVerifier()
    verifier.limits.maxTotalBytes = 64 << 20
    for extract in [false, true] {
        let into = folder + "/out"
        defer { try? FileManager.default.removeItem(atPath: into) }
        do {
            _ = extract ? try verifier.extract(archive, into: into) : try verifier.verify(archive)
        } catch is BundleError {
        } catch {
            fatalError("verify threw something other than a BundleError: \(error)")
        }
    }
    return 0
}
