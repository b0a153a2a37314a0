public import VCCModel

/// What a person must do to finish one secret or link change that vccctl cannot do itself:
/// plain data, so that text output prints it and a pipeline can post it from JSON. It names the
/// environment variable that holds a token, never the token.
public struct ManualStep: Sendable, Hashable, Codable {
    public enum Kind: String, Sendable, Hashable, Codable {
        /// Store a token in Secrets Management ("Update Token").
        case storeToken = "store-token"
        /// Link or relink an account: a Salesforce login as the API user and an OAuth consent.
        case link
        case unlink
    }

    public var kind: Kind
    public var address: ResourceAddress
    /// One line: what the step achieves.
    public var title: String
    /// The numbered instructions, in order, without their numbers.
    public var instructions: [String]
    /// A page to open, when there is one (a consent page).
    public var url: String?
    /// The variable holding the token to paste (store-token).
    public var environmentVariable: String?
    /// The login to choose (link).
    public var environment: OrgEnvironment?
    /// The user to log in as, directly (link).
    public var loginAs: String?
    /// The command that records the step as done; nil when vccctl checks the result itself.
    public var confirmCommand: String?

    public init(kind: Kind, address: ResourceAddress, title: String, instructions: [String], url: String? = nil,
                environmentVariable: String? = nil, environment: OrgEnvironment? = nil, loginAs: String? = nil,
                confirmCommand: String? = nil) {
        self.kind = kind
        self.address = address
        self.title = title
        self.instructions = instructions
        self.url = url
        self.environmentVariable = environmentVariable
        self.environment = environment
        self.loginAs = loginAs
        self.confirmCommand = confirmCommand
    }

    /// The step as text lines: the title, then the numbered instructions.
    public var text: String {
        var lines = [title]
        for (index, instruction) in instructions.enumerated() { lines.append("  \(index + 1). \(instruction)") }
        return lines.joined(separator: "\n")
    }
}
