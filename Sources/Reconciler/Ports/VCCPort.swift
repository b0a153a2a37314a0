public import VCCModel

/// The VCC side of the remote systems: Secrets Management (a token per account key and org,
/// write-only) and the Salesforce link of each VCC account. No public API is known for either,
/// so adapters vary: the embedded model (`LocalVCC`), vccctl's admin contract (`VCCAdminClient`),
/// or a person following printed steps and confirming them (`ManualVCC`).
///
/// The port moves data only; which operation a planned change needs, and what its outcome is,
/// is decided once for every adapter by `VCCChangeRunner`.
public protocol VCCPort: Sendable {
    /// False when the adapter cannot read VCC at all (manual steps): plans then rely on what
    /// state records, much of it attested by a person with `vccctl confirm`.
    var canObserve: Bool { get }

    /// The Secrets Management list of `org`: one entry per account key its settings records
    /// carry, with whether a token is set. `locations` false leaves each entry's locations empty
    /// (a plan needs only "token set?").
    func listSecrets(in org: VCCOrg, locations: Bool) async throws -> VCCSecretList

    /// "Update Token": stores `token` as the API token of `accountKey` in `org`.
    func setToken(_ token: TokenToStore, accountKey: String, in org: VCCOrg) async throws -> VCCStepResult

    /// The link of each of `accountKeys`; an account VCC does not know reads as unlinked.
    /// A linked org is named by Id; `org` names are filled in by the caller when the adapter
    /// cannot tell them.
    func readLinks(_ accountKeys: [String]) async throws -> [String: ObservedLink]

    /// Starts a link or relink of `accountKey` to `org` through `apiUser`, logging in to
    /// `environment` (Production or Sandbox): the answer is what a person must do (log in
    /// directly as `apiUser` and press Allow), never `.done`.
    func startLink(accountKey: String, to org: VCCOrg, environment: OrgEnvironment, apiUser: String) async throws
        -> VCCStepResult

    /// Unlinks `accountKey`: VCC stops calling Salesforce for it at once.
    func unlink(accountKey: String) async throws -> VCCStepResult
}

/// What one VCC operation came to.
public enum VCCStepResult: Sendable, Hashable {
    /// Done, as VCC confirmed.
    case done
    /// A person must finish it; `step` says exactly how. `verifiable`: vccctl can see the
    /// result itself afterwards (a consent page whose outcome the link read shows), otherwise
    /// the person records it with `vccctl confirm`.
    case person(ManualStep, verifiable: Bool)
}

/// A VCC operation refused for a reason in the domain (a key no record carries, an org VCC does
/// not know): the change fails with this code; the rest of the apply goes on.
public struct VCCRejection: Error, Sendable, Hashable, CustomStringConvertible {
    public var code: String
    public var message: String

    public init(code: String, message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { message }
}
