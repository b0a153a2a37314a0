/// A person's word that a secret or link change was done by hand (`vccctl confirm`): who said
/// so and when. State keeps it beside the resource until vccctl observes or applies it itself.
public struct Attestation: Sendable, Hashable, Codable {
    /// Who confirmed: `--by`, else the login name.
    public var by: String
    /// Seconds since 1970.
    public var at: Double

    public init(by: String, at: Double) {
        self.by = by
        self.at = at
    }
}
