/// A query that cannot be answered as asked, with the sentence that says what to do next.
///
/// Exit codes: `usage` (an unknown id, partner, kind or an impossible year) exits with 2 like
/// any bad usage; `empty` (a well-formed question whose answer is nothing) exits with 3, so a
/// script can tell "no records" from a failure.
public struct QueryError: Error, Hashable, Sendable, CustomStringConvertible {
    public enum Kind: Sendable, Hashable { case usage, empty }
    public var kind: Kind
    public var message: String

    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    /// The exit code the driver uses for this error.
    public var exitCode: Int32 { kind == .empty ? 3 : 2 }
    public var description: String { message }
}
