import Crypto
import Foundation

/// Checks a bundle archive by streaming it once, without extracting it: gzip and tar structure,
/// the BagIt files, every manifest checksum, Payload-Oxum, the signature, and (through a
/// callback) each SQLite database. Stops at the first broken guarantee with a precise reason.
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

    public func verify(_ archive: String) throws -> Report {
        var report = Report()
        let reader = TarReader(source: try GzipReader(path: archive), limits: limits)
        var folder: String?
        var tagFiles: [String: [UInt8]] = [:]
        var payload: [String: (digest: String, size: UInt64)] = [:]
        var databases: [String] = []
        while let entry = try reader.next() {
            let parts = entry.name.split(separator: "/", maxSplits: 1).map(String.init)
            if folder == nil { folder = parts[0] }
            guard parts[0] == folder else {
                throw BundleError.bag("'\(entry.name)' is outside the bag folder '\(folder!)'")
            }
            guard entry.kind == .file else { continue }
            guard parts.count == 2 else { throw BundleError.bag("'\(entry.name)' is a file where the bag folder should be") }
            let path = parts[1]
            if path.hasPrefix("data/") {
                var hasher = SHA256()
                var size: UInt64 = 0
                let isDatabase = path.hasSuffix(".sqlite") && checkDatabase != nil
                let copyPath = NSTemporaryDirectory() + "renkei-verify-\(UUID().uuidString).sqlite"
                let copy = isDatabase ? try FileSink(path: copyPath) : nil
                defer { if isDatabase { try? FileManager.default.removeItem(atPath: copyPath) } }
                try reader.readBody { chunk in
                    chunk.withUnsafeBytes { hasher.update(bufferPointer: $0) }
                    size += UInt64(chunk.count)
                    try copy?.write(chunk)
                }
                payload[path] = (hex(hasher.finalize()), size)
                if let copy {
                    try copy.close()
                    do {
                        try checkDatabase?(copyPath)
                    } catch {
                        throw BundleError.bag("the database \(path) fails its integrity check: \(error)")
                    }
                    databases.append(path)
                }
            } else {
                guard entry.size <= 64 << 20 else { throw BundleError.bag("the tag file '\(path)' is larger than 64 MiB") }
                var bytes: [UInt8] = []
                try reader.readBody { bytes += $0 }
                tagFiles[path] = bytes
            }
        }
        guard let folder else { throw BundleError.bag("the archive is empty") }
        report.folder = folder
        report.lines.append("gzip stream and tar structure: ok")

        guard let bagit = tagFiles["bagit.txt"].map({ String(decoding: $0, as: UTF8.self) }) else {
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

        guard let manifestBytes = tagFiles["manifest-sha256.txt"] else { throw BundleError.bag("manifest-sha256.txt is missing") }
        let manifest = try Self.manifest(manifestBytes, name: "manifest-sha256.txt")
        for (path, digest) in manifest.sorted(by: { $0.key < $1.key }) {
            guard let actual = payload[path] else { throw BundleError.bag("\(path) is listed in the manifest but missing") }
            guard actual.digest == digest else { throw BundleError.bag("\(path) does not match its SHA-256 in the manifest") }
        }
        for path in payload.keys.sorted() where manifest[path] == nil {
            throw BundleError.bag("\(path) is in the payload but not in the manifest")
        }
        report.payloadFiles = payload.count
        report.payloadBytes = payload.values.reduce(0) { $0 + $1.size }
        report.lines.append("manifest-sha256.txt: \(payload.count) payload files match")

        guard let info = tagFiles["bag-info.txt"].map({ String(decoding: $0, as: UTF8.self) }) else {
            throw BundleError.bag("bag-info.txt is missing")
        }
        guard let oxum = Self.fields(info)["Payload-Oxum"] else { throw BundleError.bag("bag-info.txt has no Payload-Oxum") }
        guard oxum == "\(report.payloadBytes).\(report.payloadFiles)" else {
            throw BundleError.bag("Payload-Oxum is \(oxum) but the payload is \(report.payloadBytes).\(report.payloadFiles)")
        }
        report.lines.append("bag-info.txt: Payload-Oxum \(oxum) matches")

        guard let tagManifestBytes = tagFiles["tagmanifest-sha256.txt"] else { throw BundleError.bag("tagmanifest-sha256.txt is missing") }
        let tagManifest = try Self.manifest(tagManifestBytes, name: "tagmanifest-sha256.txt")
        for (path, digest) in tagManifest.sorted(by: { $0.key < $1.key }) {
            guard let bytes = tagFiles[path] else { throw BundleError.bag("\(path) is listed in the tag manifest but missing") }
            guard hex(SHA256.hash(data: bytes)) == digest else { throw BundleError.bag("\(path) does not match its SHA-256 in the tag manifest") }
        }
        for required in ["bagit.txt", "bag-info.txt", "manifest-sha256.txt"] where tagManifest[required] == nil {
            throw BundleError.bag("the tag manifest does not list \(required)")
        }
        report.lines.append("tagmanifest-sha256.txt: \(tagManifest.count) tag files match")

        if let signature = tagFiles[BagArchiveWriter.signatureFile] {
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

    /// Verifies, then extracts the bag folder into `directory`; nothing is written unless the
    /// archive verifies, and nothing is written outside `directory`.
    public func extract(_ archive: String, into directory: String) throws -> Report {
        let report = try verify(archive)
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let target = directory + "/" + report.folder
        guard !FileManager.default.fileExists(atPath: target) else {
            throw BundleError.io("\(target) already exists")
        }
        let staging = directory + "/.renkei-extract-\(ProcessInfo.processInfo.processIdentifier)"
        try? FileManager.default.removeItem(atPath: staging)
        defer { try? FileManager.default.removeItem(atPath: staging) }
        let reader = TarReader(source: try GzipReader(path: archive), limits: limits)
        while let entry = try reader.next() {
            let path = staging + "/" + entry.name
            switch entry.kind {
            case .directory:
                try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
            case .file:
                try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
                let sink = try FileSink(path: path)
                try reader.readBody { try sink.write($0) }
                try sink.close()
            }
        }
        guard rename(staging + "/" + report.folder, target) == 0 else {
            throw BundleError.io("cannot move the extracted bag to \(target): \(String(cString: strerror(errno)))")
        }
        return report
    }

    static func fields(_ text: String) -> [String: String] {
        var out: [String: String] = [:]
        for line in text.split(separator: "\n") {
            guard let colon = line.firstIndex(of: ":") else { continue }
            out[String(line[..<colon]).trimmingCharacters(in: .whitespaces)] = String(line[line.index(after: colon)...]).trimmingCharacters(in: .whitespaces)
        }
        return out
    }

    static func manifest(_ bytes: [UInt8], name: String) throws -> [String: String] {
        var out: [String: String] = [:]
        for line in String(decoding: bytes, as: UTF8.self).split(separator: "\n") {
            let parts = line.split(separator: " ", maxSplits: 1).map(String.init)
            guard parts.count == 2, parts[0].count == 64, parts[0].allSatisfy(\.isHexDigit) else {
                throw BundleError.bag("\(name) has a malformed line")
            }
            let path = BagPaths.decode(parts[1].trimmingCharacters(in: .whitespaces))
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
