public import VCCModel

/// The Salesforce side of the remote systems (custom-settings records and the directory of
/// profiles and users), behind one port: the embedded simulator, the HTTP emulator and real
/// Salesforce all plug in here. Secrets and links are VCC's, behind `VCCPort`.
public protocol Target: Sendable {
    /// Reads what the declared orgs hold: every settings record with its owner named, and the
    /// owners of the requested locations that hold no record. Fills `orgs`, `apiCalls`,
    /// `apiUsage` and a read digest (`ReadDigest`) of every object the plan relies on.
    func refresh(_ request: RefreshRequest) async throws -> ObservedState

    /// Writes one batch (one org, one action, at most `APICallEstimate.recordsPerWrite` records) and returns
    /// one outcome per change, in order, with the calls spent. When it must stop part-way (the
    /// org's daily limit, the target unreachable after retries) it throws `TargetInterrupted`
    /// carrying the outcomes that landed before.
    func write(_ batch: SettingsWriteBatch) async throws -> TargetWriteResult
}

/// What a refresh must read.
public struct RefreshRequest: Sendable {
    public var orgs: [OrgDeclaration]
    /// Per org, the locations the configuration declares and those the state names (sorted
    /// tables, shared with the plan, not copied). The target reads every settings record of an
    /// org anyway, with its owner's name; of these locations it resolves by name only those that
    /// hold no record (`unresolved`).
    public var declared: [String: LocationTable<String>]
    public var applied: [String: LocationTable<AppliedSetting>]
    /// Further locations to resolve (explain asks for one user).
    public var extra: [String: [Location]]
    public var accountKeys: Set<String>
    /// Per org, the declared API users (usernames, sorted, each once) whose facts the target reads
    /// into `ObservedOrg.apiUsers`. Empty: no call is spent on users.
    public var apiUsers: [String: [String]]

    public init(orgs: [OrgDeclaration], declared: [String: LocationTable<String>] = [:],
                applied: [String: LocationTable<AppliedSetting>] = [:], extra: [String: [Location]] = [:],
                accountKeys: Set<String>, apiUsers: [String: [String]] = [:]) {
        self.orgs = orgs
        self.declared = declared
        self.applied = applied
        self.extra = extra
        self.accountKeys = accountKeys
        self.apiUsers = apiUsers
    }

    /// The requested locations of `org` (other than the org default) that hold none of `records`,
    /// sorted, each once. One merging pass per side; on a converged org the answer is empty.
    public func unresolved(org: String, records: LocationTable<ObservedSetting>) -> [Location] {
        var missing: [Location] = []
        Self.absent(declared[org] ?? LocationTable(), from: records, into: &missing)
        Self.absent(applied[org] ?? LocationTable(), from: records, into: &missing)
        for location in extra[org] ?? [] where location.kind != .org && records[location] == nil {
            missing.append(location)
        }
        return Set(missing).sorted()
    }

    private static func absent<Value>(_ wanted: LocationTable<Value>, from records: LocationTable<ObservedSetting>,
                                      into missing: inout [Location]) {
        wanted.withUnsafeEntries { wanted in
            records.withUnsafeEntries { records in
                var r = 0
                for index in wanted.indices where wanted[index].location.kind != .org {
                    while r < records.count, records[r].location < wanted[index].location { r += 1 }
                    if r < records.count, records[r].location == wanted[index].location { continue }
                    missing.append(wanted[index].location)
                }
            }
        }
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
    /// What a person must do, when the change waits for one (pending).
    public var step: ManualStep?
    /// Set when a person confirmed the change by hand (`vccctl confirm`): state keeps it with
    /// the resource, so plans can say it is attested rather than observed.
    public var attestation: Attestation?

    public init(address: ResourceAddress, status: Status, resource: AppliedResource?, code: String? = nil, message: String? = nil,
                step: ManualStep? = nil, attestation: Attestation? = nil) {
        self.address = address
        self.status = status
        self.resource = resource
        self.code = code
        self.message = message
        self.step = step
        self.attestation = attestation
    }

    /// The code of a change waiting for a consent vccctl can see given (it polls the link).
    public static let consentRequired = "CONSENT_REQUIRED"
    /// The code of a change a person does by hand and records with `vccctl confirm`.
    public static let manualStep = "MANUAL_STEP"
}
