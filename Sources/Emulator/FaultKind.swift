/// What an injected fault does to a request.
public enum FaultKind: String, Sendable, Hashable, CaseIterable {
    /// 500 with a Salesforce-like error array, before the request does anything.
    case error
    /// 500 after the request's writes landed: the client sees a failure for work that was done.
    case errorAfter = "error-after"
    /// 429 with `Retry-After: 1`.
    case throttle
    /// The connection closes without a response.
    case reset
    /// 403 `REQUEST_LIMIT_EXCEEDED` for concurrent requests (a client should back off and retry).
    case concurrent
}
