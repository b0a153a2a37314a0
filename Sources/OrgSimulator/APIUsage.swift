/// API calls an org has used of its daily allowance (`DailyApiRequests`).
public struct APIUsage: Sendable, Hashable, Codable {
    public var org: String
    public var used: Int
    public var max: Int
}
