import Foundation
import RenkeiModel
import RenkeiPipeline
import Testing

/// The bundle declares and ships its BagIt profile, and passes it (bagit-profile).
@Suite("Bundles: the BagIt profile", .serialized)
struct BagProfileTests {
    @Test("docs/bagit-profile.json is the profile the bundles ship")
    func documented() throws {
        let page = try String(contentsOfFile: TestSupport.root + "/docs/bagit-profile.json", encoding: .utf8)
        #expect(page == BagProfile.json, "regenerate it: swift run renkei bundle … and copy data/bagit-profile.json, or write BagProfile.json")
    }

    @Test("A bundle of data/ declares the profile, names its software with the version, and passes bagit-profile")
    func bundle() throws {
        let out = NSTemporaryDirectory() + "renkei-bundle-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: out) }
        let (checked, result) = try BundleJob(dataDirectory: TestSupport.root + "/data", outputDirectory: out).run()
        let archive = try #require(result?.archive, "\(checked.diagnostics.map(\.formatted))")
        let extracted = out + "/x"
        try FileManager.default.createDirectory(atPath: extracted, withIntermediateDirectories: true)
        #expect(try TestSupport.run("/bin/tar", ["-xzf", archive, "-C", extracted]).code == 0)
        let folder = try #require(try FileManager.default.contentsOfDirectory(atPath: extracted).first)
        let bag = extracted + "/" + folder
        let info = try String(contentsOfFile: bag + "/bag-info.txt", encoding: .utf8)
        #expect(info.contains("Bag-Software-Agent: renkei/\(ToolInfo.version)\n"))
        #expect(info.contains("BagIt-Profile-Identifier: \(BagProfile.identifier)\n"))
        #expect(try String(contentsOfFile: bag + "/data/" + BagProfile.payloadPath, encoding: .utf8) == BagProfile.json)
        guard let python = TestSupport.checkerPython else {
            print("SKIPPED bagit-profile check: no checker Python (run .ci/run, or set RENKEI_PYTHON)")
            return
        }
        let check = try TestSupport.run(python, [
            TestSupport.root + "/Tests/checkers/check_bag_profile.py", bag + "/data/" + BagProfile.payloadPath, archive, bag,
        ])
        #expect(check.code == 0, "\(check.out)\(check.err)")
    }
}
