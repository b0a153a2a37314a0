/// API calls a plan spends: reading (already spent) and applying (to come).
public struct APICallEstimate: Sendable, Hashable, Codable {
    public var refresh: Int
    public var apply: Int
    /// The org's usage after the refresh, when the target reports it (Salesforce does on every
    /// response; the embedded org does not meter a daily allocation).
    public var usage: APIUsage?

    public init(refresh: Int, apply: Int, usage: APIUsage? = nil) {
        self.refresh = refresh
        self.apply = apply
        self.usage = usage
    }

    /// Settings records one write call carries: Salesforce's sObject Collections take 200 records
    /// a request, and one Composite request (one API call) packs five of them.
    public static let recordsPerWrite = 1000
    /// Records in one sObject Collections request.
    public static let recordsPerCollection = 200
    /// And queries return this many records per page.
    public static let recordsPerQueryPage = 2000
}
