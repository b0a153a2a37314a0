/// A secret or link a plan takes as done on a person's word, not on a read: on a target whose
/// VCC side cannot be read, state is all vccctl has, and the plan says so resource by resource.
public struct AttestedResource: Sendable, Hashable, Codable {
    public var address: ResourceAddress
    /// Who confirmed it and when; nil when vccctl recorded it from an earlier apply or read and
    /// nobody confirmed it since.
    public var attestation: Attestation?

    public init(address: ResourceAddress, attestation: Attestation?) {
        self.address = address
        self.attestation = attestation
    }
}
