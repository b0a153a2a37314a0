/// One drift finding: what changed outside vccctl, and what to do about it.
public struct DriftFinding: Sendable, Hashable, Codable {
    public var address: ResourceAddress
    public var driftClass: DriftClass
    public var message: String
    public var fix: String

    public init(address: ResourceAddress, driftClass: DriftClass, message: String, fix: String) {
        self.address = address
        self.driftClass = driftClass
        self.message = message
        self.fix = fix
    }

    enum CodingKeys: String, CodingKey {
        case address, driftClass = "class", message, fix
    }
}
