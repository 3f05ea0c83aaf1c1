import RenkeiModel

/// A problem reading a source file: unreadable, not YAML, or not of the source format.
public struct LoadError: Error, Hashable, Sendable, CustomStringConvertible {
    /// A stable code, also used as the diagnostic's rule id (`yaml-syntax`, `field-unknown`).
    public var code: String
    public var message: String
    public var location: SourceLocation

    public init(code: String, message: String, location: SourceLocation) {
        self.code = code
        self.message = message
        self.location = location
    }

    public var description: String { "\(location): error[\(code)]: \(message)" }

    /// The error as a diagnostic of severity error.
    public var diagnostic: Diagnostic {
        Diagnostic(rule: code, severity: .error, message: message, location: location)
    }
}
