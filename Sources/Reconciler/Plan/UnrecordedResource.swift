/// A resource the remote systems hold exactly as declared while state does not record it (yet):
/// a link consented after the apply that started it, or linked by hand. It is converged, so it is
/// no change; the next apply records it in state (and in the history entry that waited for it),
/// which keeps drift reports about it meaningful.
public struct UnrecordedResource: Sendable, Hashable, Codable {
    public var address: ResourceAddress
    /// What state will hold.
    public var resource: AppliedResource

    public init(address: ResourceAddress, resource: AppliedResource) {
        self.address = address
        self.resource = resource
    }
}
