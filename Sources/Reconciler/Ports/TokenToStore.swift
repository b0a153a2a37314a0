/// A token on its way to Secrets Management, with the environment variable it came from. Its
/// description names the variable only, so that string interpolation can never print a token.
public struct TokenToStore: Sendable, CustomStringConvertible, CustomDebugStringConvertible {
    /// The environment variable that holds it: what printed steps name instead of the value.
    public let variable: String
    /// The token itself: sent to VCC, never printed, logged or stored.
    public let value: String

    public init(variable: String, value: String) {
        self.variable = variable
        self.value = value
    }

    public var description: String { "the token in \(variable)" }
    public var debugDescription: String { description }
}
