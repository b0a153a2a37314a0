/// How `SalesforceTarget` talks HTTP: trust, retries and the client name the org's event logs show.
public struct SalesforceTargetOptions: Sendable {
    /// A PEM file of trust roots. When set, ONLY these roots are trusted (the emulator's CA, a
    /// corporate proxy's); when nil, the system's.
    public var caFile: String?
    /// Attempts per request (the first included) before the target counts as unreachable.
    public var maxAttempts: Int
    /// Backoff: the first retry waits up to `baseDelay` seconds, doubling up to `maxDelay`
    /// (full jitter: a uniformly random share of that ceiling).
    public var baseDelay: Double
    public var maxDelay: Double
    /// `NAME/VERSION`, sent as `Sforce-Call-Options: client=...`.
    public var clientName: String
    /// Seconds one request may take before it counts as unanswered.
    public var requestTimeout: Double

    public init(caFile: String? = nil, maxAttempts: Int = 5, baseDelay: Double = 0.5, maxDelay: Double = 30,
                clientName: String = "vccctl/0.1.0", requestTimeout: Double = 120) {
        self.caFile = caFile
        self.maxAttempts = Swift.max(1, maxAttempts)
        self.baseDelay = Swift.max(0, baseDelay)
        self.maxDelay = Swift.max(0, maxDelay)
        self.clientName = clientName
        self.requestTimeout = requestTimeout
    }
}
