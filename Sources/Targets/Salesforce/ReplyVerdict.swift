/// What an HTTP answer means for the request that got it.
enum ReplyVerdict: Sendable, Equatable {
    case success
    /// 401: the session ended (or the token was never valid).
    case sessionExpired
    /// 403 REQUEST_LIMIT_EXCEEDED, TotalRequests: the daily allocation is spent; stop.
    case dailyLimit
    /// Not processed, try later: 429, 503, 403 REQUEST_LIMIT_EXCEEDED ConcurrentRequests.
    case throttled(retryAfter: Double?)
    /// 500, 502, 504 and other 5xx: a write may or may not have landed.
    case serverError
    /// Any other answer: Salesforce's own error.
    case failed(SalesforceAPIError)

    static func classify(_ reply: HTTPReply) -> ReplyVerdict {
        let status = reply.status
        if (200..<300).contains(status) { return .success }
        let retryAfter = RetryPolicy.retryAfter(reply.header("Retry-After"))
        if status == 429 || status == 503 { return .throttled(retryAfter: retryAfter) }
        if status >= 500 { return .serverError }
        let errors = SalesforceAPIError.parse(reply.body)
        let first = errors.first ?? SalesforceAPIError(code: "HTTP_\(status)", message: "HTTP status \(status)")
        if status == 401 { return .sessionExpired }
        if let limit = errors.first(where: { $0.code == "REQUEST_LIMIT_EXCEEDED" }) {
            // Two meanings behind one code: the daily allocation, or too many long requests at once.
            if limit.message.contains("ConcurrentRequests") || limit.message.lowercased().contains("concurrent") {
                return .throttled(retryAfter: retryAfter)
            }
            return .dailyLimit
        }
        return .failed(first)
    }
}
