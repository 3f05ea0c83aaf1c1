import Foundation
import RenkeiBundle
import RenkeiModel
import RenkeiPipeline
import Testing

/// Every input of the fuzz corpora (`Fuzz/Corpus/<target>/`: the seeds, and each crash the fuzzers
/// found, kept as a regression test) through the same calls the fuzz targets make.
@Suite("Fuzz corpora: every seed and every past crash")
struct FuzzCorpusTests {
    static func inputs(_ target: String) -> [String] {
        let folder = TestSupport.root + "/Fuzz/Corpus/" + target
        return ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).sorted().map { folder + "/" + $0 }
    }

    @Test("Source files: loaded and validated without a crash; each finding has a rule and a place")
    func yaml() throws {
        let inputs = Self.inputs("yaml")
        #expect(inputs.count >= 10)
        for input in inputs {
            let folder = TestSupport.makeDataDirectory(["dataset.yaml": "dataset:\n  name: fuzz\n  version: 1.0.0\n"])
            defer { try? FileManager.default.removeItem(atPath: folder) }
            try FileManager.default.copyItem(atPath: input, toPath: folder + "/input.yaml")
            let checked = Pipeline.check(dataDirectory: folder)
            #expect(checked.dataset != nil, "\(input)")
            for d in checked.diagnostics where d.severity == .error {
                #expect(!d.rule.isEmpty && !d.message.isEmpty, "\(input): \(d.formatted)")
            }
        }
    }

    @Test("Dates: parsed or refused with a reason")
    func dates() throws {
        let inputs = Self.inputs("date")
        #expect(inputs.count >= 10)
        for input in inputs {
            let text = String(decoding: try Data(contentsOf: URL(fileURLWithPath: input)), as: UTF8.self)
            for anchor in [nil, PartialDate(year: 2019, month: 5, day: 1)] {
                if case .failure(let failure) = DateParser.parse(text, anchor: anchor) {
                    #expect(!failure.message.isEmpty, "\(input)")
                }
            }
        }
    }

    @Test("Archives: a report or a BundleError, never anything else; nothing written for a refused one")
    func archives() throws {
        let inputs = Self.inputs("archive")
        #expect(inputs.count >= 5)
        for input in inputs {
            let into = NSTemporaryDirectory() + "renkei-fuzz-\(UUID().uuidString)"
            defer { try? FileManager.default.removeItem(atPath: into) }
            for extract in [false, true] {
                do {
                    let report = extract ? try BagVerifier().extract(input, into: into) : try BagVerifier().verify(input)
                    #expect(input.hasSuffix("/valid.tar.gz") || input.hasSuffix("/listed-extra.tar.gz"), "\(input) verified: \(report.lines)")
                } catch is BundleError {
                    #expect(!input.hasSuffix("/valid.tar.gz"), "the valid seed was refused")
                    #expect(((try? FileManager.default.contentsOfDirectory(atPath: into)) ?? []).isEmpty)
                }
            }
        }
    }
}
