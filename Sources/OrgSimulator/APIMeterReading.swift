/// The outcome of counting one HTTP API call: whether the org still had allowance (then the
/// call is counted) and the count after it, for `Sforce-Limit-Info`.
public struct APIMeterReading: Sendable, Hashable {
    public var admitted: Bool
    public var used: Int
    public var max: Int
}
