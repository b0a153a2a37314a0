/// One step of a plan.
public struct PlannedChange: Sendable, Hashable, Codable {
    public var address: ResourceAddress
    public var action: ChangeAction
    public var detail: ChangeDetail
    /// Why, in domain words ("users of profile Sales will switch to ACME-US-02").
    public var reasons: [String]

    public init(address: ResourceAddress, action: ChangeAction, detail: ChangeDetail, reasons: [String]) {
        self.address = address
        self.action = action
        self.detail = detail
        self.reasons = reasons
    }

    public var isDestructive: Bool { action.isDestructive }
}
