import Foundation
import RenkeiBundle
import RenkeiModel

/// The BagIt profile (bagit-profiles specification, version 1.3.0) every Renkei bundle follows:
/// declared in its `bag-info.txt` as `BagIt-Profile-Identifier` and shipped in its payload as
/// `data/bagit-profile.json`, so that a bag can be checked against its profile with nothing
/// else at hand (`bagit-profile`, PyPI). `docs/bagit-profile.json` is a copy that a test keeps
/// identical.
public enum BagProfile {
    /// The profile's identifier. The project has no public address yet, so it is a URN of the
    /// project's own; it becomes the profile's URL once there is one.
    public static let identifier = "urn:renkei:bagit-profile:1.0"

    /// Where the profile travels in the payload.
    public static let payloadPath = "bagit-profile.json"

    /// The profile as JSON, keys sorted.
    public static var json: String {
        let data = try! JSONSerialization.data(withJSONObject: document, options: [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes])
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    static var document: [String: Any] {
        let required: [String: Any] = ["required": true, "repeatable": false]
        return [
            "BagIt-Profile-Info": [
                "BagIt-Profile-Identifier": identifier,
                "BagIt-Profile-Version": "1.3.0",
                "Source-Organization": "Renkei project",
                "External-Description":
                    "A release of a Renkei dataset: its source files (data/source/), its SQLite store (data/renkei.sqlite) and every exporter's files (data/exports/), in one gzip-compressed tar.",
                "Version": "1.0",
            ],
            "Bag-Info": [
                "BagIt-Profile-Identifier": ["required": true, "repeatable": false, "values": [identifier]],
                "Bagging-Date": required,
                "Bag-Software-Agent": required,
                "External-Description": required,
                "External-Identifier": required,
                "Payload-Oxum": required,
                "Renkei-Dataset": required,
                "Renkei-Version": required,
                "Renkei-License": ["required": false, "repeatable": false],
            ],
            "Manifests-Required": ["sha256"],
            "Manifests-Allowed": ["sha256"],
            "Tag-Manifests-Required": ["sha256"],
            "Tag-Manifests-Allowed": ["sha256"],
            "Tag-Files-Required": [String](),
            "Tag-Files-Allowed": [BagArchiveWriter.signatureFile],
            "Allow-Fetch.txt": false,
            "Serialization": "required",
            "Accept-Serialization": ["application/gzip", "application/x-gzip", "application/x-tar"],
            "Accept-BagIt-Version": ["1.0"],
        ]
    }
}
