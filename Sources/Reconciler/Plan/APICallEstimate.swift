/// API calls a plan spends: reading (already spent) and applying (to come).
public struct APICallEstimate: Sendable, Hashable, Codable {
    public var refresh: Int
    public var apply: Int

    public init(refresh: Int, apply: Int) {
        self.refresh = refresh
        self.apply = apply
    }

    /// Salesforce writes take at most this many records per sObject Collections call.
    public static let recordsPerWrite = 200
    /// And queries return this many records per page.
    public static let recordsPerQueryPage = 2000
}
