/// What the toolkit says about itself in the files it writes: its name and version, for
/// `renkei --version`, the SARIF driver and the bundle's `Bag-Software-Agent`.
public enum ToolInfo {
    /// The toolkit's name.
    public static let name = "renkei"
    /// The toolkit's version (semantic versioning).
    public static let version = "0.1.0"
    /// `renkei/0.1.0`, as a software agent names itself.
    public static var agent: String { "\(name)/\(version)" }
    /// Where people read about the toolkit on the web; nil while the project has no public
    /// address, so that no report points at a made-up one.
    public static let informationURI: String? = nil
}
