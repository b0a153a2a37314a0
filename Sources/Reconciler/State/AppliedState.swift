/// What vccctl last applied: the state store's content, loaded whole for planning.
public struct AppliedState: Sendable, Equatable {
    /// Set once when the state is created; a plan names the lineage it was made against.
    public var lineage: String
    /// Bumped by every write; a plan made at serial N applies only at serial N.
    public var serial: Int64
    /// Salt of the token fingerprints of this lineage (random, created with the state).
    public var fingerprintSalt: [UInt8]
    public var resources: [ResourceAddress: AppliedResource]

    public init(lineage: String, serial: Int64, fingerprintSalt: [UInt8], resources: [ResourceAddress: AppliedResource] = [:]) {
        self.lineage = lineage
        self.serial = serial
        self.fingerprintSalt = fingerprintSalt
        self.resources = resources
    }
}
