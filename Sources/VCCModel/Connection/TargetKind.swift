/// What vccctl plans and applies against.
public enum TargetKind: String, Sendable, Hashable, Codable, CaseIterable {
    /// The embedded simulated org: no network, the default.
    case local
    /// A running `vccctl emulator serve`, reached at `emulator.url`.
    case emulator
    /// Real Salesforce orgs (`orgs`) and the VCC admin endpoint (`vcc`).
    case salesforce

    public static let `default` = TargetKind.local
}
