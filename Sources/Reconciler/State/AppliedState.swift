/// What vccctl last applied: the state store's content, loaded whole for planning.
public struct AppliedState: Sendable, Equatable {
    /// Set once when the state is created; a plan names the lineage it was made against.
    public var lineage: String
    /// Bumped by every write; a plan made at serial N applies only at serial N.
    public var serial: Int64
    /// Salt of the token fingerprints of this lineage (random, created with the state).
    public var fingerprintSalt: [UInt8]
    /// The settings records vccctl manages, per org, sorted by location: the bulk of a state.
    public var settings: [String: LocationTable<AppliedSetting>]
    /// Secrets and links: a few per account.
    public var accountResources: [ResourceAddress: AppliedResource]
    /// Secrets and links a person confirmed by hand (`vccctl confirm`) rather than vccctl did
    /// or saw: who and when, until an apply or a read replaces them.
    public var attestations: [ResourceAddress: Attestation]
    /// The journal of a batch sent but never committed: left by an apply that stopped between
    /// the two (killed, crashed, cut off); nil otherwise. See `WriteIntent`.
    public var intent: WriteIntent?

    public init(lineage: String, serial: Int64, fingerprintSalt: [UInt8],
                settings: [String: LocationTable<AppliedSetting>] = [:],
                accountResources: [ResourceAddress: AppliedResource] = [:],
                attestations: [ResourceAddress: Attestation] = [:], intent: WriteIntent? = nil) {
        self.intent = intent
        self.lineage = lineage
        self.serial = serial
        self.fingerprintSalt = fingerprintSalt
        self.settings = settings
        self.accountResources = accountResources
        self.attestations = attestations
    }

    /// From resources of any kind, as outcomes and tests name them.
    public init(lineage: String, serial: Int64, fingerprintSalt: [UInt8], resources: [ResourceAddress: AppliedResource],
                attestations: [ResourceAddress: Attestation] = [:], intent: WriteIntent? = nil) {
        var settings: [String: [LocationTable<AppliedSetting>.Entry]] = [:]
        var others: [ResourceAddress: AppliedResource] = [:]
        for (address, resource) in resources {
            if case .setting(let org, let location) = address, let setting = AppliedSetting(resource) {
                settings[org, default: []].append(.init(location, setting))
            } else {
                others[address] = resource
            }
        }
        self.init(lineage: lineage, serial: serial, fingerprintSalt: fingerprintSalt,
                  settings: settings.mapValues { LocationTable($0) }, accountResources: others, attestations: attestations,
                  intent: intent)
    }

    /// The resource at `address`, if vccctl manages one there.
    public subscript(address: ResourceAddress) -> AppliedResource? {
        if case .setting(let org, let location) = address {
            return settings[org]?[location].map(\.resource)
        }
        return accountResources[address]
    }

    /// Every resource by address, as one dictionary. Built on each call: for inspection and
    /// tests; planning walks `settings` and `accountResources`.
    public var resources: [ResourceAddress: AppliedResource] {
        var result = accountResources
        for (org, table) in settings {
            for entry in table { result[.setting(org: org, location: entry.location)] = entry.value.resource }
        }
        return result
    }

    /// How many resources vccctl manages.
    public var count: Int {
        settings.values.reduce(accountResources.count) { $0 + $1.count }
    }

    /// Every managed address, in address order.
    public var addresses: [ResourceAddress] {
        var result = settings.keys.sorted().flatMap { org in
            settings[org, default: LocationTable()].map { ResourceAddress.setting(org: org, location: $0.location) }
        }
        result.append(contentsOf: accountResources.keys.sorted())
        return result
    }
}

/// A managed settings record: the key vccctl set and the record it set it on.
public struct AppliedSetting: Sendable, Hashable {
    public var accountKey: String
    public var recordId: String
    public var ownerId: String

    public init(accountKey: String, recordId: String, ownerId: String) {
        self.accountKey = accountKey
        self.recordId = recordId
        self.ownerId = ownerId
    }

    /// The setting a resource describes; nil for other kinds.
    public init?(_ resource: AppliedResource) {
        guard case .setting(let accountKey, let recordId, let ownerId) = resource else { return nil }
        self.init(accountKey: accountKey, recordId: recordId, ownerId: ownerId)
    }

    public var resource: AppliedResource {
        .setting(accountKey: accountKey, recordId: recordId, ownerId: ownerId)
    }
}
