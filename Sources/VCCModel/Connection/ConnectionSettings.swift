/// Which target vccctl talks to, where it keeps its state and how it authenticates: kept apart
/// from the desired state, so that one configuration plans against the embedded default, the
/// emulator or real orgs. Read from the file named by `--connection` (or `VCCCTL_CONNECTION`);
/// `default` without one.
public struct ConnectionSettings: Sendable, Hashable, Codable {
    /// The version of the connection-settings format this vccctl reads.
    public static let supportedVersion = 1

    public var version: Int
    public var target: TargetKind
    public var state: StateLocation
    /// Set with `target: emulator` (required there), otherwise optional.
    public var emulator: EmulatorConnection?
    /// Per org name of the configuration, how to reach it (required with `target: salesforce`).
    public var orgs: [String: OrgConnection]
    public var vcc: VCCAdminConnection?

    public init(version: Int = supportedVersion, target: TargetKind = .default, state: StateLocation = .default,
                emulator: EmulatorConnection? = nil, orgs: [String: OrgConnection] = [:],
                vcc: VCCAdminConnection? = nil) {
        self.version = version
        self.target = target
        self.state = state
        self.emulator = emulator
        self.orgs = orgs
        self.vcc = vcc
    }

    /// No file: the embedded `local` target and SQLite state under `.vccctl/`.
    public static let `default` = ConnectionSettings()
}
