/// What a planned change does, in the words plans print.
public enum ChangeAction: String, Sendable, Hashable, Codable, CaseIterable {
    case create, update, delete, replace
    /// The record already holds the declared key: recorded in state, no API call.
    case adopt
    /// Gone from the org and from the configuration: dropped from state, no API call.
    case forget
    case setToken = "set"
    case rotateToken = "rotate"
    case resetToken = "re-set"
    case link, relink, unlink
    /// Empties a settings record's retired token field once the token it held is stored in
    /// Secrets Management (the record and its key stay).
    case clearRetired = "clear-retired"

    /// Terraform's symbols: `+` add, `~` change, `-` destroy, `-/+` replace.
    public var symbol: String {
        switch self {
        case .create, .setToken, .link: "+"
        case .update, .rotateToken, .resetToken, .relink, .adopt, .clearRetired: "~"
        case .delete, .unlink, .forget: "-"
        case .replace: "-/+"
        }
    }

    /// Deletes a record or stops calls: shown apart, never hidden in a summary.
    public var isDestructive: Bool { self == .delete || self == .replace || self == .unlink }

    /// Whether it calls the remote systems (adopt and forget only touch state).
    public var callsTarget: Bool { self != .adopt && self != .forget }
}
