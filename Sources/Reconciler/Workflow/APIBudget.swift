/// How many Salesforce API calls an apply may spend: a cap of its own, and a reserve of the
/// org's daily allocation kept for everything else that uses the org.
public struct APIBudget: Sendable, Equatable {
    /// Refuse a plan estimated to cost more, and stop an apply that reaches it.
    public var maxCalls: Int?
    /// Refuse a plan whose estimate exceeds the org's remaining calls minus this many.
    public var reserve: Int?

    public init(maxCalls: Int? = nil, reserve: Int? = nil) {
        self.maxCalls = maxCalls
        self.reserve = reserve
    }

    /// Why `plan` may not start, or nil. `usage` is the org's usage as the plan's refresh saw it.
    public func refusal(for plan: Plan, usage: APIUsage?) -> APIBudgetRefusal? {
        let estimate = plan.apiCalls.apply
        if let maxCalls, estimate > maxCalls {
            return .overCap(estimate: estimate, cap: maxCalls)
        }
        if let reserve, let usage, estimate > usage.remaining - reserve {
            return .overRemaining(estimate: estimate, remaining: usage.remaining, reserve: reserve)
        }
        return nil
    }
}

/// An apply refused before it started, because of its API-call budget.
public enum APIBudgetRefusal: Error, Sendable, Equatable, CustomStringConvertible {
    case overCap(estimate: Int, cap: Int)
    case overRemaining(estimate: Int, remaining: Int, reserve: Int)

    public var description: String {
        switch self {
        case .overCap(let estimate, let cap):
            "the plan needs about \(estimate) API calls, more than the \(cap) this apply may spend; nothing was applied"
        case .overRemaining(let estimate, let remaining, let reserve):
            "the plan needs about \(estimate) API calls, but the org has \(remaining) left today and \(reserve) are kept in reserve; nothing was applied"
        }
    }
}
