import Foundation
import RenkeiPipeline
import Testing

/// Nothing under data/ is passed over without a finding that names it.
@Suite("Source files: nothing skipped in silence")
struct SourceFinderTests {
    func unreadable(_ directory: String) -> [String] {
        Pipeline.check(dataDirectory: directory).diagnostics.filter { $0.rule == "file-unreadable" }.map(\.formatted)
    }

    @Test("A file name that is not UTF-8 is an error naming its bytes")
    func nonUTF8Name() throws {
        let directory = TestSupport.exampleDirectory([:])
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = Array(directory.utf8) + Array("/caf".utf8) + [0xE9] + Array(".yaml".utf8) + [0]
        let fd = path.withUnsafeBufferPointer { $0.withMemoryRebound(to: CChar.self) { open($0.baseAddress!, O_WRONLY | O_CREAT, 0o644) } }
        try #require(fd >= 0)
        close(fd)
        let found = unreadable(directory)
        #expect(found.count == 1 && found[0].contains("caf\\xE9.yaml") && found[0].contains("not UTF-8"), "\(found)")
        #expect(Pipeline.check(dataDirectory: directory).unreadable)
    }

    @Test("A folder nested deeper than 32 levels is an error, not a silence")
    func tooDeep() throws {
        let directory = TestSupport.exampleDirectory([:])
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let deep = directory + String(repeating: "/d", count: 33)
        try FileManager.default.createDirectory(atPath: deep, withIntermediateDirectories: true)
        try "themes: []\n".write(toFile: deep + "/x.yaml", atomically: false, encoding: .utf8)
        let found = unreadable(directory)
        #expect(found.count == 1 && found[0].contains("more than 32 levels deep"), "\(found)")
        let shallow = TestSupport.exampleDirectory([String(repeating: "d/", count: 31) + "x.yaml": "themes: []\n"])
        defer { try? FileManager.default.removeItem(atPath: shallow) }
        #expect(unreadable(shallow).isEmpty)
        #expect(Pipeline.check(dataDirectory: shallow).files.contains { $0.hasSuffix("/x.yaml") })
    }

    @Test("A folder that cannot be listed or searched is an error naming it; build exits 2 and keeps the database")
    func unsearchableFolder() throws {
        let directory = TestSupport.exampleDirectory(["locked/events.yaml": "events: []\n", "closed/more.yaml": "themes: []\n"])
        let db = NSTemporaryDirectory() + "renkei-db-\(UUID().uuidString).sqlite"
        defer {
            chmod(directory + "/locked", 0o755)
            chmod(directory + "/closed", 0o755)
            for p in [directory, db, db + "-wal", db + "-shm"] { try? FileManager.default.removeItem(atPath: p) }
        }
        let clean = TestSupport.exampleDirectory([:])
        defer { try? FileManager.default.removeItem(atPath: clean) }
        #expect(try TestSupport.renkei(["build", "--data", clean, "--db", db]).code == 0)
        let before = try Data(contentsOf: URL(fileURLWithPath: db))
        chmod(directory + "/locked", 0o644)  // readable, not searchable
        chmod(directory + "/closed", 0o311)  // searchable, not readable
        // Permissions do not bind the superuser: as root, the commands run as 'nobody'.
        func renkei(_ arguments: [String]) throws -> (code: Int32, out: String, err: String) {
            guard getuid() == 0 else { return try TestSupport.renkei(arguments) }
            return try TestSupport.run("/usr/bin/setpriv", ["--reuid=65534", "--regid=65534", "--clear-groups", TestSupport.renkeiExecutable] + arguments)
        }
        chmod(directory, 0o755)
        chmod(db, 0o666)
        chmod((db as NSString).deletingLastPathComponent, 0o1777)
        let validate = try renkei(["validate", "--data", directory])
        #expect(validate.code == 2, "\(validate.err)")
        #expect(validate.out.contains("locked/events.yaml") && validate.out.contains("cannot examine"), "\(validate.out)")
        #expect(validate.out.contains("/closed") && validate.out.contains("cannot list the folder"), "\(validate.out)")
        let build = try renkei(["build", "--data", directory, "--db", db])
        #expect(build.code == 2, "\(build.err)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: db)) == before)
    }

    @Test("A hidden YAML file is a warning naming it; other hidden entries are left out by rule")
    func hiddenFiles() throws {
        let directory = TestSupport.exampleDirectory([".draft.yaml": "themes: []\n", ".git/config.yaml": "x: 1\n", "notes.txt": "x"])
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let hidden = Pipeline.check(dataDirectory: directory).diagnostics.filter { $0.rule == "file-hidden" }
        #expect(hidden.count == 1 && hidden[0].severity == .warning && hidden[0].location?.file.hasSuffix("/.draft.yaml") == true, "\(hidden.map(\.formatted))")
    }

    @Test("An unreadable file and an unreadable folder both exit 2")
    func exitCodes() throws {
        let directory = TestSupport.exampleDirectory([:])
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try FileManager.default.createSymbolicLink(atPath: directory + "/dangling.yaml", withDestinationPath: directory + "/nowhere.yaml")
        #expect(try TestSupport.renkei(["validate", "--data", directory]).code == 2)
        #expect(try TestSupport.renkei(["validate", "--data", directory + "/nowhere"]).code == 2)
    }
}
