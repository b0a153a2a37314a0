/// What a change waits for within one apply, kept in one place: a secret waits for the settings
/// records carrying its key (Secrets Management lists a key only once a record carries it), and
/// clearing a retired token field waits for the token to be stored as the secret of its key and
/// for the record's own change (so the token is never in neither place, and state never records a
/// record that did not land). A change whose prerequisite did not land is not attempted: its
/// outcome says why, and the next plan plans it again.
public struct ApplyDependencies: Sendable {
    /// Code of a change not attempted because a change it depends on failed.
    public static let failedCode = "DEPENDENCY_FAILED"
    /// Code of a clear held back while the secret it waits for is pending (a person stores it).
    public static let waitsForSecretCode = "WAITS_FOR_SECRET"

    /// (org, key) of the secrets this apply stores.
    private let plannedSecrets: Set<String>
    /// How each of them ended, as they land.
    private var secrets: [String: ChangeOutcome.Status] = [:]
    /// (org, key) of keys whose settings record failed.
    private var failedKeys: Set<String> = []
    /// Addresses whose change failed.
    private var failedAddresses: Set<ResourceAddress> = []

    init(_ changes: [PlannedChange]) {
        var secrets = Set<String>()
        for change in changes where change.action.callsTarget {
            if case .secret(let secret) = change.detail { secrets.insert(Self.id(secret.org, secret.accountKey)) }
        }
        plannedSecrets = secrets
    }

    /// Notes how a change ended.
    mutating func landed(_ change: PlannedChange, _ outcome: ChangeOutcome) {
        if outcome.status == .failed { failedAddresses.insert(change.address) }
        switch change.detail {
        case .setting(let setting):
            if outcome.status == .failed, change.action != .clearRetired, let key = setting.toKey {
                failedKeys.insert(Self.id(setting.org, key))
            }
        case .secret(let secret):
            secrets[Self.id(secret.org, secret.accountKey)] = outcome.status
        case .link:
            break
        }
    }

    /// The outcome of `change` when it must not be attempted now; nil when it may go.
    func heldBack(_ change: PlannedChange) -> ChangeOutcome? {
        switch change.detail {
        case .secret(let secret) where change.action.callsTarget:
            guard failedKeys.contains(Self.id(secret.org, secret.accountKey)) else { return nil }
            return outcome(change, .failed, Self.failedCode, "not attempted: a settings record carrying this key failed to apply")
        case .setting(let setting) where change.action == .clearRetired:
            if failedAddresses.contains(change.address) {
                return outcome(change, .failed, Self.failedCode,
                               "not cleared: the record's own change failed; the retired field keeps the token")
            }
            guard let key = setting.toKey ?? setting.fromKey else { return nil }
            let id = Self.id(setting.org, key)
            guard plannedSecrets.contains(id) else { return nil }  // Stored before this apply.
            switch secrets[id] {
            case .applied?:
                return nil
            case .failed?:
                return outcome(change, .failed, Self.failedCode,
                               "not cleared: storing the token of \(key) in Secrets Management failed; the retired field keeps it")
            case .pending?, nil:
                return outcome(change, .pending, Self.waitsForSecretCode,
                               "waits for the token of \(key) to be stored in Secrets Management of '\(setting.org)'; "
                                   + "the retired field keeps it until then, and the next plan plans the clear again")
            }
        default:
            return nil
        }
    }

    private func outcome(_ change: PlannedChange, _ status: ChangeOutcome.Status, _ code: String, _ message: String) -> ChangeOutcome {
        ChangeOutcome(address: change.address, status: status, resource: nil, code: code, message: message)
    }

    private static func id(_ org: String, _ key: String) -> String { org + "\u{0}" + key }
}
