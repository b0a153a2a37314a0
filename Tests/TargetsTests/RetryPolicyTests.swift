import Testing
import Reconciler
@testable import Targets

@Suite struct RetryPolicyTests {
    let policy = RetryPolicy(maxAttempts: 5, baseDelay: 0.5, maxDelay: 8)

    @Test func ceilingDoublesUpToTheCap() {
        #expect((1...7).map { policy.ceiling(afterFailures: $0) } == [0.5, 1, 2, 4, 8, 8, 8])
    }

    @Test func fullJitterSpansZeroToTheCeiling() {
        for failures in 1...6 {
            let ceiling = policy.ceiling(afterFailures: failures)
            #expect(policy.delay(afterFailures: failures, retryAfter: nil, unitRandom: 0) == 0)
            #expect(policy.delay(afterFailures: failures, retryAfter: nil, unitRandom: 0.5) == ceiling / 2)
            let top = policy.delay(afterFailures: failures, retryAfter: nil, unitRandom: 0.999_999) ?? .infinity
            #expect(top < ceiling && top > ceiling * 0.99)
        }
    }

    @Test func retryAfterIsAFloorAndTooLongGivesUp() {
        #expect(policy.delay(afterFailures: 1, retryAfter: 7, unitRandom: 0.9) == 7)
        #expect(policy.delay(afterFailures: 5, retryAfter: 1, unitRandom: 0.5) == 4)
        #expect(policy.delay(afterFailures: 1, retryAfter: RetryPolicy.longestRetryAfter + 1, unitRandom: 0) == nil)
        #expect(RetryPolicy.retryAfter(" 12 ") == 12)
        #expect(RetryPolicy.retryAfter("Wed, 21 Oct 2026 07:28:00 GMT") == nil)
        #expect(RetryPolicy.retryAfter("-3") == nil)
    }

    @Test func attemptsAreBounded() {
        #expect(policy.mayRetry(after: 4))
        #expect(!policy.mayRetry(after: 5))
        #expect(RetryPolicy(maxAttempts: 0, baseDelay: 1, maxDelay: 1).maxAttempts == 1)
    }
}

@Suite struct ReplyVerdictTests {
    func reply(_ status: Int, _ json: String = "", headers: [(String, String)] = []) -> HTTPReply {
        HTTPReply(status: status, headers: headers, json: json)
    }

    @Test func limitExceededHasTwoMeanings() {
        let total = reply(403, #"[{"message":"TotalRequests Limit exceeded.","errorCode":"REQUEST_LIMIT_EXCEEDED"}]"#)
        #expect(ReplyVerdict.classify(total) == .dailyLimit)
        let concurrent = reply(403, #"[{"message":"ConcurrentRequests (concurrent API requests) Limit exceeded.","errorCode":"REQUEST_LIMIT_EXCEEDED"}]"#)
        #expect(ReplyVerdict.classify(concurrent) == .throttled(retryAfter: nil))
    }

    @Test func statusesClassify() {
        #expect(ReplyVerdict.classify(reply(200, "{}")) == .success)
        #expect(ReplyVerdict.classify(reply(204)) == .success)
        #expect(ReplyVerdict.classify(reply(401, #"[{"message":"Session expired or invalid","errorCode":"INVALID_SESSION_ID"}]"#)) == .sessionExpired)
        #expect(ReplyVerdict.classify(reply(503, headers: [("retry-after", "3")])) == .throttled(retryAfter: 3))
        #expect(ReplyVerdict.classify(reply(429, headers: [("Retry-After", "1")])) == .throttled(retryAfter: 1))
        #expect(ReplyVerdict.classify(reply(502)) == .serverError)
        #expect(ReplyVerdict.classify(reply(400, #"[{"message":"unexpected token","errorCode":"MALFORMED_QUERY"}]"#))
            == .failed(SalesforceAPIError(code: "MALFORMED_QUERY", message: "unexpected token")))
        #expect(ReplyVerdict.classify(reply(404, "not json")) == .failed(SalesforceAPIError(code: "HTTP_404", message: "HTTP status 404")))
    }

    @Test func limitInfoIsReadFromEveryReply() {
        let tally = CallTally()
        tally.record(reply(200, headers: [("Sforce-Limit-Info", "api-usage=10/15000")]))
        tally.record(reply(200))
        tally.record(nil)
        tally.record(reply(200, headers: [("sforce-limit-info", "api-usage=12/15000, per-app-api-usage=3/100(appName=vccctl)")]))
        #expect(tally.calls == 4)
        #expect(tally.usage == APIUsage(used: 12, max: 15000, perApp: .init(name: "vccctl", used: 3, max: 100)))
    }
}
