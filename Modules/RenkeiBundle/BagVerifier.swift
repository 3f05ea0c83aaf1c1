import Crypto
import Foundation

/// Checks a bundle archive by streaming it once: gzip and tar structure to the end of the
/// stream, the BagIt files, every manifest checksum, Payload-Oxum, the signature, and (through
/// a callback) each SQLite database. Stops at the first broken guarantee with a precise reason.
///
/// Extraction happens in the same pass: every entry is written into a staging folder as it is
/// hashed, and the folder is renamed into place only when every check has passed. So what is
/// extracted is exactly what was verified, and an archive can come from a pipe.
public struct BagVerifier {
    public var limits = ArchiveLimits()
    /// Checks a database file copied out of the archive (an integrity check); throws on failure.
    public var checkDatabase: ((String) throws -> Void)?
    /// The public key the signature must be made with; nil accepts any valid signature.
    public var requiredKey: Curve25519.Signing.PublicKey?

    public init() {}

    /// What was checked, for the report.
    public struct Report: Sendable {
        public var lines: [String] = []
        public var folder = ""
        public var payloadFiles = 0
        public var payloadBytes: UInt64 = 0
        public var signed = false
    }

    /// The tag files a verifier reads, and how many bytes of each it holds in memory.
    func heldLimit(_ tagFile: String) -> UInt64? {
        switch tagFile {
        case "manifest-sha256.txt": limits.maxManifestBytes
        case "bagit.txt", "bag-info.txt", "tagmanifest-sha256.txt", BagArchiveWriter.signatureFile: limits.maxTagFileBytes
        default: nil
        }
    }

    /// Verifies the archive at `archive` (a file, a FIFO, or `/dev/stdin`) without extracting it.
    /// A database is checked on a copy in a private folder under the temporary directory,
    /// removed afterwards.
    public func verify(_ archive: String) throws -> Report {
        try verify(GzipReader(path: archive))
    }

    /// Verifies an archive read from `source` without extracting it.
    public func verify(_ source: GzipReader) throws -> Report {
        let scratch = NSTemporaryDirectory() + "renkei-verify-\(getpid())-\(UUID().uuidString.prefix(8))"
        LeftoverFiles.removeStaleOnce(in: NSTemporaryDirectory(), prefix: "renkei-verify-")
        try makeFolder(scratch)
        TemporaryFiles.shared.register(scratch)
        defer {
            try? FileManager.default.removeItem(atPath: scratch)
            TemporaryFiles.shared.unregister(scratch)
        }
        return try run(source, into: nil, scratch: scratch)
    }

    /// Verifies and extracts the bag folder into `directory` in one pass; nothing appears in
    /// `directory` unless the archive verifies, and nothing is written outside it.
    public func extract(_ archive: String, into directory: String) throws -> Report {
        try extract(GzipReader(path: archive), into: directory)
    }

    public func extract(_ source: GzipReader, into directory: String) throws -> Report {
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            throw BundleError.io("cannot create the folder \(directory): \((error as NSError).localizedFailureReason ?? error.localizedDescription)")
        }
        LeftoverFiles.removeStale(in: directory, prefix: ".renkei-extract-")
        let staging = directory + "/.renkei-extract-\(getpid())"
        try? FileManager.default.removeItem(atPath: staging)
        TemporaryFiles.shared.register(staging)
        defer {
            try? FileManager.default.removeItem(atPath: staging)
            TemporaryFiles.shared.unregister(staging)
        }
        try makeFolder(staging)
        try makeFolder(staging + "/bag")
        try makeFolder(staging + "/check")
        let report = try run(source, into: staging + "/bag", scratch: staging + "/check")
        let target = directory + "/" + report.folder
        guard !FileManager.default.fileExists(atPath: target) else {
            throw BundleError.io("\(target) already exists: remove it or extract elsewhere")
        }
        guard rename(staging + "/bag/" + report.folder, target) == 0 else {
            throw BundleError.io("cannot move the extracted bag to \(target): \(String(cString: strerror(errno)))")
        }
        return report
    }

    /// The one pass: reads every entry, writes it under `output` when given, and checks the bag.
    func run(_ source: GzipReader, into output: String?, scratch: String) throws -> Report {
        var report = Report()
        let reader = TarReader(source: source, limits: limits)
        var folder: String?
        var held: [String: [UInt8]] = [:]
        var tagDigests: [String: String] = [:]
        var payload = PayloadDigests()
        // The manifest goes to a file in the scratch folder as it is read: a million files make
        // a manifest of a hundred megabytes, and it is read back a line at a time.
        let manifestCopy = scratch + "/manifest-sha256.txt"
        var manifestSeen = false
        var databases: [String] = []
        while let entry = try reader.next() {
            let parts = entry.name.split(separator: "/", maxSplits: 1).map(String.init)
            if folder == nil { folder = parts[0] }
            guard parts[0] == folder else {
                throw BundleError.bag("'\(entry.name)' is outside the bag folder '\(folder!)'")
            }
            let path = parts.count == 2 ? parts[1] : ""
            if entry.kind == .directory {
                guard path.isEmpty || path == "data" || path.hasPrefix("data/") else {
                    throw BundleError.bag("the folder '\(entry.name)' is outside data/ (a bag holds tag files there, not folders)")
                }
                if let output { try makeFolders(output, entry.name) }
                continue
            }
            guard parts.count == 2 else { throw BundleError.bag("'\(entry.name)' is a file where the bag folder should be") }
            let isPayload = path.hasPrefix("data/")
            var keep: UInt64?
            if !isPayload {
                guard tagDigests.count < limits.maxTagFiles else {
                    throw BundleError.bag("the bag has more than \(limits.maxTagFiles) files outside data/")
                }
                keep = heldLimit(path)
                if let keep, entry.size > keep {
                    throw BundleError.bag("the tag file '\(path)' is \(entry.size) bytes, more than the limit of \(keep)")
                }
            }
            var hasher = SHA256()
            var size: UInt64 = 0
            var bytes: [UInt8] = []
            let isDatabase = isPayload && path.hasSuffix(".sqlite") && checkDatabase != nil
            let copyPath = scratch + "/db-\(databases.count).sqlite"
            let isManifest = path == "manifest-sha256.txt"
            if isManifest { manifestSeen = true }
            let copy = isDatabase ? try ExtractedFile(path: copyPath) : isManifest ? try ExtractedFile(path: manifestCopy) : nil
            var file: ExtractedFile?
            if let output {
                try makeFolders(output, (entry.name as NSString).deletingLastPathComponent)
                file = try ExtractedFile(path: output + "/" + entry.name)
            }
            try reader.readBody { chunk in
                chunk.withUnsafeBytes { hasher.update(bufferPointer: $0) }
                size += UInt64(chunk.count)
                try file?.write(chunk)
                try copy?.write(chunk)
                if keep != nil && !isManifest { bytes += chunk }
            }
            try file?.close()
            let digest = hasher.finalize()
            if isPayload {
                payload.append(path: path, digest: Array(digest), size: size)
            } else {
                tagDigests[path] = hex(digest)
                if keep != nil && !isManifest { held[path] = bytes }
            }
            if isManifest { try copy?.close() }
            if let copy, isDatabase {
                try copy.close()
                do {
                    try checkDatabase?(copyPath)
                } catch {
                    throw BundleError.bag("the database \(path) fails its integrity check: \(error)")
                }
                for suffix in ["", "-wal", "-shm", "-journal"] { unlink(copyPath + suffix) }
                databases.append(path)
            }
        }
        guard let folder else { throw BundleError.bag("the archive is empty") }
        report.folder = folder
        report.lines.append("gzip stream and tar structure: ok, CRC-32 and length match, nothing follows the end")

        guard let bagit = held["bagit.txt"].map({ String(decoding: $0, as: UTF8.self) }) else {
            throw BundleError.bag("bagit.txt is missing")
        }
        let declaration = Self.fields(bagit)
        guard let version = declaration["BagIt-Version"], ["1.0", "0.97"].contains(version) else {
            throw BundleError.bag("bagit.txt does not declare BagIt-Version 1.0")
        }
        guard declaration["Tag-File-Character-Encoding"]?.uppercased() == "UTF-8" else {
            throw BundleError.bag("bagit.txt does not declare UTF-8 tag files")
        }
        report.lines.append("bagit.txt: BagIt \(version), UTF-8")

        guard manifestSeen else { throw BundleError.bag("manifest-sha256.txt is missing") }
        try payload.check(againstManifest: manifestCopy, limits: limits)
        report.payloadFiles = payload.count
        report.payloadBytes = payload.totalSize
        report.lines.append("manifest-sha256.txt: \(payload.count) payload files match")

        guard let info = held["bag-info.txt"].map({ String(decoding: $0, as: UTF8.self) }) else {
            throw BundleError.bag("bag-info.txt is missing")
        }
        guard let oxum = Self.fields(info)["Payload-Oxum"] else { throw BundleError.bag("bag-info.txt has no Payload-Oxum") }
        guard oxum == "\(report.payloadBytes).\(report.payloadFiles)" else {
            throw BundleError.bag("Payload-Oxum is \(oxum) but the payload is \(report.payloadBytes).\(report.payloadFiles)")
        }
        report.lines.append("bag-info.txt: Payload-Oxum \(oxum) matches")

        guard let tagManifestBytes = held["tagmanifest-sha256.txt"] else { throw BundleError.bag("tagmanifest-sha256.txt is missing") }
        let tagManifest = try Self.manifest(tagManifestBytes, name: "tagmanifest-sha256.txt", limits: limits)
        for (path, digest) in tagManifest.sorted(by: { $0.key < $1.key }) {
            guard let actual = tagDigests[path] else { throw BundleError.bag("\(path) is listed in the tag manifest but missing") }
            guard actual == digest else { throw BundleError.bag("\(path) does not match its SHA-256 in the tag manifest") }
        }
        for required in ["bagit.txt", "bag-info.txt", "manifest-sha256.txt"] where tagManifest[required] == nil {
            throw BundleError.bag("the tag manifest does not list \(required)")
        }
        // Every file outside data/ is covered: by the tag manifest, or it is the tag manifest
        // itself or the signature of it. An extra file would otherwise ride along unsigned.
        for path in tagDigests.keys.sorted()
        where tagManifest[path] == nil && path != "tagmanifest-sha256.txt" && path != BagArchiveWriter.signatureFile {
            throw BundleError.bag("\(path) is a file outside data/ that no manifest lists")
        }
        report.lines.append("tagmanifest-sha256.txt: \(tagManifest.count) tag files match, no unlisted file")

        if let signature = held[BagArchiveWriter.signatureFile] {
            let key = try Self.checkSignature(signature, over: tagManifestBytes, required: requiredKey)
            report.signed = true
            report.lines.append("signature: valid Ed25519 signature of the tag manifest by key \(key.prefix(16))…")
        } else if requiredKey != nil {
            throw BundleError.signature("the bag is not signed, but a key was given")
        } else {
            report.lines.append("signature: none (unsigned bag)")
        }
        for path in databases { report.lines.append("\(path): SQLite integrity check ok") }
        return report
    }

    /// A folder only this user can enter (it holds database copies until they are checked).
    private func makeFolder(_ path: String) throws {
        guard mkdir(path, 0o700) == 0 else {
            throw BundleError.io("cannot create the folder \(path): \(String(cString: strerror(errno)))")
        }
    }

    /// Creates `relative` and its parents under `root`, one component at a time (no recursion:
    /// the depth is bounded by `ArchiveLimits.maxDepth` anyway).
    private func makeFolders(_ root: String, _ relative: String) throws {
        var path = root
        for part in relative.split(separator: "/") {
            path += "/" + part
            if mkdir(path, 0o755) != 0 && errno != EEXIST {
                throw BundleError.io("cannot create the folder \(path): \(String(cString: strerror(errno)))")
            }
        }
    }

    static func fields(_ text: String) -> [String: String] {
        var out: [String: String] = [:]
        for line in text.split(separator: "\n") {
            guard let colon = line.firstIndex(of: ":") else { continue }
            out[String(line[..<colon]).trimmingCharacters(in: .whitespaces)] = String(line[line.index(after: colon)...]).trimmingCharacters(in: .whitespaces)
        }
        return out
    }

    static func manifest(_ bytes: [UInt8], name: String, limits: ArchiveLimits = ArchiveLimits()) throws -> [String: String] {
        var out: [String: String] = [:]
        guard let text = String(validating: bytes, as: UTF8.self) else { throw BundleError.bag("\(name) is not UTF-8") }
        for (number, line) in text.split(separator: "\n").enumerated() {
            let parts = line.split(separator: " ", maxSplits: 1).map(String.init)
            guard parts.count == 2, parts[0].count == 64, parts[0].allSatisfy(\.isHexDigit) else {
                throw BundleError.bag("\(name) has a malformed line \(number + 1)")
            }
            let path = BagPaths.decode(parts[1].trimmingCharacters(in: .whitespaces))
            // A name in another spelling (NFD for NFC) would match by Swift's string equality.
            if let problem = BagPaths.problem(path, limits: limits) { throw BundleError.bag("\(name), line \(number + 1): \(problem)") }
            guard out.updateValue(parts[0].lowercased(), forKey: path) == nil else { throw BundleError.bag("\(name) lists \(path) twice") }
        }
        return out
    }

    /// Checks the signature file; returns the signing key (base64).
    static func checkSignature(_ file: [UInt8], over signed: [UInt8], required: Curve25519.Signing.PublicKey?) throws -> String {
        let fields = Self.fields(String(decoding: file, as: UTF8.self))
        guard fields["Algorithm"] == "Ed25519" else { throw BundleError.signature("unknown algorithm '\(fields["Algorithm"] ?? "")'") }
        guard let keyText = fields["Public-Key"], let keyData = Data(base64Encoded: keyText),
            let key = try? Curve25519.Signing.PublicKey(rawRepresentation: keyData)
        else { throw BundleError.signature("the public key is malformed") }
        guard let signatureText = fields["Signature"], let signature = Data(base64Encoded: signatureText) else {
            throw BundleError.signature("the signature is malformed")
        }
        if let required, required.rawRepresentation != key.rawRepresentation {
            throw BundleError.signature("the bag is signed by another key than the one given")
        }
        guard key.isValidSignature(signature, for: Data(signed)) else {
            throw BundleError.signature("the signature does not match the tag manifest")
        }
        return keyText
    }
}

/// Ed25519 keys for signing bundles, stored as base64 text files.
public enum BundleKeys {
    /// Writes `<prefix>.key` (private, mode 0600) and `<prefix>.pub`; returns the public key (base64).
    public static func generate(prefix: String) throws -> String {
        let key = Curve25519.Signing.PrivateKey()
        let privatePath = prefix + ".key", publicPath = prefix + ".pub"
        for path in [privatePath, publicPath] where FileManager.default.fileExists(atPath: path) {
            throw BundleError.io("\(path) already exists: choose another prefix")
        }
        let folder = (prefix as NSString).deletingLastPathComponent
        var isFolder: ObjCBool = false
        if !folder.isEmpty, !FileManager.default.fileExists(atPath: folder, isDirectory: &isFolder) || !isFolder.boolValue {
            throw BundleError.io("cannot write the key files: there is no folder \(folder)")
        }
        let publicText = key.publicKey.rawRepresentation.base64EncodedString()
        guard FileManager.default.createFile(atPath: privatePath, contents: Data((key.rawRepresentation.base64EncodedString() + "\n").utf8), attributes: [.posixPermissions: 0o600]),
            FileManager.default.createFile(atPath: publicPath, contents: Data((publicText + "\n").utf8))
        else { throw BundleError.io("cannot write the key files at \(prefix)") }
        return publicText
    }

    public static func privateKey(at path: String) throws -> Curve25519.Signing.PrivateKey {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8),
            let data = Data(base64Encoded: text.trimmingCharacters(in: .whitespacesAndNewlines)),
            let key = try? Curve25519.Signing.PrivateKey(rawRepresentation: data)
        else { throw BundleError.signature("\(path) is not an Ed25519 private key written by 'renkei keygen'") }
        return key
    }

    public static func publicKey(at path: String) throws -> Curve25519.Signing.PublicKey {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8),
            let data = Data(base64Encoded: text.trimmingCharacters(in: .whitespacesAndNewlines)),
            let key = try? Curve25519.Signing.PublicKey(rawRepresentation: data)
        else { throw BundleError.signature("\(path) is not an Ed25519 public key written by 'renkei keygen'") }
        return key
    }
}

/// A file the extractor creates: never one that exists, never through a symbolic link.
final class ExtractedFile {
    private let descriptor: Int32
    let path: String

    init(path: String) throws {
        descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw BundleError.io("cannot create \(path): \(String(cString: strerror(errno)))") }
        self.path = path
    }

    func write(_ bytes: [UInt8]) throws {
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes { posixWrite(descriptor, $0.baseAddress, $0.count) }
            if written < 0 && errno == EINTR { continue }
            guard written > 0 else { throw BundleError.io("cannot write \(path): \(String(cString: strerror(errno)))") }
            offset += written
        }
    }

    private var closed = false
    func close() throws {
        guard !closed else { return }
        closed = true
        guard posixClose(descriptor) == 0 else {
            throw BundleError.io("cannot write \(path): \(String(cString: strerror(errno)))")
        }
    }

    deinit { if !closed { _ = posixClose(descriptor) } }
}

private func posixWrite(_ descriptor: Int32, _ bytes: UnsafeRawPointer?, _ count: Int) -> Int { write(descriptor, bytes, count) }
private func posixClose(_ descriptor: Int32) -> Int32 { close(descriptor) }
