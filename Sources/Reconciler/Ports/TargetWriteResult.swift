/// What one batch write did: an outcome per change in order, and what it cost.
public struct TargetWriteResult: Sendable, Equatable {
    public var outcomes: [ChangeOutcome]
    /// API calls counted against the org's daily allocation (retries included).
    public var apiCalls: Int
    /// The org's API usage as the last response reported it, when known.
    public var usage: APIUsage?

    public init(outcomes: [ChangeOutcome], apiCalls: Int, usage: APIUsage? = nil) {
        self.outcomes = outcomes
        self.apiCalls = apiCalls
        self.usage = usage
    }
}
