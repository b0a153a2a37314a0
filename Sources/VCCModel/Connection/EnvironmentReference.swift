/// A value kept in an environment variable, named in the file as `{env: NAME}`: the one form a
/// credential takes in the connection settings. The file holds the variable's name, never the
/// value; the value is read only when vccctl needs it.
public struct EnvironmentReference: Sendable, Hashable, Codable {
    /// The variable's name: letters, digits and `_`, not starting with a digit.
    public var name: String
    public var origin: SourceOrigin

    public init(name: String, origin: SourceOrigin = .none) {
        self.name = name
        self.origin = origin
    }

    /// The variable's value in `environment`; nil when it is unset or empty.
    public func value(in environment: [String: String]) -> String? {
        guard let value = environment[name], !value.isEmpty else { return nil }
        return value
    }
}
