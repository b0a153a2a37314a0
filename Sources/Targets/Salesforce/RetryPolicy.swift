/// When and how long to wait before sending a request again: exponential backoff with full
/// jitter (a uniformly random share of a ceiling that doubles per attempt, capped), and at least
/// what the server asked for with `Retry-After`.
struct RetryPolicy: Sendable, Equatable {
    var maxAttempts: Int
    var baseDelay: Double
    var maxDelay: Double
    /// A server asking for a longer pause than this is treated as not answering: a run should
    /// not hang for minutes on one request.
    static let longestRetryAfter = 120.0

    init(maxAttempts: Int, baseDelay: Double, maxDelay: Double) {
        self.maxAttempts = Swift.max(1, maxAttempts)
        self.baseDelay = baseDelay
        self.maxDelay = maxDelay
    }

    init(_ options: SalesforceTargetOptions) {
        self.init(maxAttempts: options.maxAttempts, baseDelay: options.baseDelay, maxDelay: options.maxDelay)
    }

    /// Whether another attempt may follow `attempts` attempts already made.
    func mayRetry(after attempts: Int) -> Bool { attempts < maxAttempts }

    /// The backoff ceiling after `failures` failed attempts (1 for the first retry).
    func ceiling(afterFailures failures: Int) -> Double {
        let exponent = Double(Swift.min(Swift.max(failures - 1, 0), 62))
        return Swift.min(maxDelay, baseDelay * pow2(exponent))
    }

    /// Seconds to wait before the next attempt; `unitRandom` in [0, 1) is the jitter draw, nil
    /// when the server asked for more than `longestRetryAfter`.
    func delay(afterFailures failures: Int, retryAfter: Double?, unitRandom: Double) -> Double? {
        let jittered = ceiling(afterFailures: failures) * Swift.min(Swift.max(unitRandom, 0), 1)
        guard let retryAfter else { return jittered }
        guard retryAfter <= Self.longestRetryAfter else { return nil }
        return Swift.max(retryAfter, jittered)
    }

    /// `Retry-After` in seconds (the HTTP-date form is not used by Salesforce and is ignored).
    static func retryAfter(_ header: String?) -> Double? {
        guard let header, let seconds = Double(header.trimmingWhitespace), seconds >= 0, seconds.isFinite else { return nil }
        return seconds
    }

    private func pow2(_ exponent: Double) -> Double {
        var value = 1.0
        var left = Int(exponent)
        while left > 0 { value *= 2; left -= 1 }
        return value
    }
}

extension String {
    var trimmingWhitespace: String {
        String(drop { $0 == " " || $0 == "\t" }.reversed().drop { $0 == " " || $0 == "\t" }.reversed())
    }
}
