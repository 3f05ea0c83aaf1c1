import Foundation
import RenkeiModel
import RenkeiPipeline
import RenkeiTesting

/// Runs the independent checkers of the standards (Tests/checkers/*.py) on exported files,
/// against the schema files kept in `../shared/standards`.
enum StandardCheck {
    /// `../shared/standards` beside the checkout, when present.
    static var standards: String? {
        let path = (TestSupport.root as NSString).deletingLastPathComponent + "/shared/standards"
        return FileManager.default.fileExists(atPath: path + "/SOURCES.md") ? path : nil
    }

    /// The checker's Python and, when `schemas` is given, the folder of those schemas under the
    /// standards; nil after printing a line starting "SKIPPED" that says why.
    static func prerequisites(_ check: String, schemas: String? = nil) -> (python: String, schemas: String)? {
        guard let python = TestSupport.checkerPython else {
            print("SKIPPED \(check): no Python with the checkers (run .ci/run, or set RENKEI_PYTHON)")
            return nil
        }
        guard let schemas else { return (python, "") }
        guard let standards, FileManager.default.fileExists(atPath: standards + "/" + schemas) else {
            print("SKIPPED \(check): ../shared/standards/\(schemas) is absent")
            return nil
        }
        return (python, standards + "/" + schemas)
    }

    /// The datasets every checker runs on: the three test datasets and the project's own data.
    static func datasets() -> [(name: String, dataset: Dataset)] {
        var out: [(String, Dataset)] = [
            ("minimal", TestDatasets.minimal()), ("hostile", TestDatasets.hostile()), ("empty", TestDatasets.empty()),
        ]
        if let real = Pipeline.check(dataDirectory: TestSupport.root + "/data").dataset { out.append(("data", real)) }
        return out
    }

    /// Writes `contents` to a temporary file named `name`, runs the checker script with
    /// `arguments` where `"{}"` stands for the file, and returns its exit code and output.
    static func run(_ python: String, _ script: String, _ name: String, _ contents: Data, _ arguments: [String]) throws -> (code: Int32, output: String) {
        let directory = ExporterHarness.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/" + name
        _ = FileManager.default.createFile(atPath: path, contents: contents)
        let result = try TestSupport.run(
            python, [TestSupport.root + "/Tests/checkers/" + script] + arguments.map { $0 == "{}" ? path : $0 })
        return (result.code, result.out + result.err)
    }
}
