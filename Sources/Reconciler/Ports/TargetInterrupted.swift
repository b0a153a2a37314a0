/// A target stopped part-way through a write: the outcomes that landed are kept (the apply
/// commits them to state), the rest were not attempted or their fate is unknown.
public struct TargetInterrupted: Error, Sendable, CustomStringConvertible {
    public enum Reason: Sendable, Equatable {
        /// The org's daily API allocation is used up (REQUEST_LIMIT_EXCEEDED, TotalRequests).
        case dailyLimitReached(usage: APIUsage?)
        /// The calls this apply may spend are spent.
        case budgetExhausted(limit: Int)
        /// No answer after every retry (connection refused or reset, timeouts, 5xx).
        case unreachable(String)
        /// The apply was asked to stop (`ApplyStop`) and stopped between two batches.
        case stopRequested(String)
    }

    public var reason: Reason
    /// Outcomes of the batch's changes that landed before the stop, in order.
    public var landed: [ChangeOutcome]
    /// Calls spent by the interrupted write.
    public var apiCalls: Int

    public init(reason: Reason, landed: [ChangeOutcome] = [], apiCalls: Int = 0) {
        self.reason = reason
        self.landed = landed
        self.apiCalls = apiCalls
    }

    public var description: String {
        switch reason {
        case .dailyLimitReached(let usage):
            let figures = usage.map { " (\($0.used) of \($0.max) calls used)" } ?? ""
            return "the org's daily API request limit is reached\(figures)"
        case .budgetExhausted(let limit):
            return "the apply reached its limit of \(limit) API calls"
        case .unreachable(let detail):
            return "the target did not answer after retries: \(detail)"
        case .stopRequested(let reason):
            return "interrupted by \(reason)"
        }
    }
}
