public import VCCModel

/// The remote systems (an org or several, and VCC), behind one port: the embedded simulator, the
/// HTTP emulator and real Salesforce all plug in here.
public protocol Target: Sendable {
    /// Reads what the org(s) and VCC hold for the declared orgs, the locations named by the
    /// configuration or state, and the accounts' links.
    func refresh(_ request: RefreshRequest) async throws -> ObservedState

    /// Performs `changes` (all of one kind and org, in plan order; settings at most 200 a call)
    /// and returns one outcome per change, in order. Tokens are read through `tokens` only here.
    func apply(_ changes: [PlannedChange], tokens: @escaping @Sendable (String) -> String?) async throws -> [ChangeOutcome]
}

/// What a refresh must read.
public struct RefreshRequest: Sendable {
    public var orgs: [OrgDeclaration]
    /// Per org: the profile names and usernames whose owners must be resolved.
    public var profileNames: [String: Set<String>]
    public var usernames: [String: Set<String>]
    public var accountKeys: Set<String>

    public init(orgs: [OrgDeclaration], profileNames: [String: Set<String>], usernames: [String: Set<String>],
                accountKeys: Set<String>) {
        self.orgs = orgs
        self.profileNames = profileNames
        self.usernames = usernames
        self.accountKeys = accountKeys
    }
}

/// The outcome of one change.
public struct ChangeOutcome: Sendable, Hashable, Codable {
    public enum Status: String, Sendable, Hashable, Codable {
        case applied
        case failed
        /// Started, waiting for a person (a link's consent).
        case pending
    }

    public var address: ResourceAddress
    public var status: Status
    /// What state records when applied (nil: the resource leaves state).
    public var resource: AppliedResource?
    /// Salesforce-style error code and message when failed; instructions when pending.
    public var code: String?
    public var message: String?

    public init(address: ResourceAddress, status: Status, resource: AppliedResource?, code: String? = nil, message: String? = nil) {
        self.address = address
        self.status = status
        self.resource = resource
        self.code = code
        self.message = message
    }
}
