/// How plans treat secrets and links on a target whose VCC side cannot be read (manual steps):
/// planned from state alone, done by a person, recorded with `vccctl confirm`.
enum UnobservedVCC {
    /// The reason every such planned change carries.
    static let reason = "manual: VCC cannot be read or written from this target; apply prints the steps a person follows, "
        + "and 'vccctl confirm ADDRESS' records them"

    /// Records that `address` is as declared on state's word alone.
    static func attest(_ address: ResourceAddress, input: PlanInput, into plan: inout PlanBuilder) {
        plan.attested.append(AttestedResource(address: address, attestation: input.applied?.attestations[address]))
    }
}
