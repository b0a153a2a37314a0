/// Where an API token comes from: an environment variable, read only when a plan or apply needs
/// it. The configuration never holds a token.
public struct TokenReference: Sendable, Hashable, Codable {
    public var environmentVariable: String
    public var origin: SourceOrigin

    public init(environmentVariable: String, origin: SourceOrigin = .none) {
        self.environmentVariable = environmentVariable
        self.origin = origin
    }
}
