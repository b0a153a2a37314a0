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
    /// Per org, sorted by location and each once: the locations the configuration or state names.
    /// The target reads every settings record of an org anyway (with its owner's name); of these
    /// locations it resolves only the owners that hold no record.
    public var locations: [String: [Location]]
    public var accountKeys: Set<String>

    public init(orgs: [OrgDeclaration], locations: [String: [Location]], accountKeys: Set<String>) {
        self.orgs = orgs
        self.locations = locations
        self.accountKeys = accountKeys
    }

    /// Adds `location` to what `org` must resolve, keeping the order.
    public mutating func include(_ location: Location, org: String) {
        var list = locations[org] ?? []
        let index = list.firstIndex { !($0 < location) } ?? list.endIndex
        if index == list.endIndex || list[index] != location { list.insert(location, at: index) }
        locations[org] = list
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
