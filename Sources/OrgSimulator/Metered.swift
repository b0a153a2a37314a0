/// A result together with the Salesforce API calls it cost, as the real org would have metered it.
public struct Metered<Value> {
    /// What the operation returned.
    public var value: Value
    /// API calls counted against the org's daily allowance for this operation.
    public var apiCalls: Int

    public init(value: Value, apiCalls: Int) {
        self.value = value
        self.apiCalls = apiCalls
    }
}

extension Metered: Sendable where Value: Sendable {}
extension Metered: Equatable where Value: Equatable {}
