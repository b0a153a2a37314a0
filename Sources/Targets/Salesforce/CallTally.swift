import Reconciler
import Synchronization

/// The API calls one refresh or write spent and the usage the last response reported. Shared
/// by reference so that calls made inside retries, re-logins and recoveries are all counted.
final class CallTally: Sendable {
    private let state = Mutex<(calls: Int, usage: APIUsage?)>((0, nil))

    init() {}

    var calls: Int { state.withLock { $0.calls } }
    var usage: APIUsage? { state.withLock { $0.usage } }

    /// One request that reached the org (answered or not): counted, and its `Sforce-Limit-Info` kept.
    func record(_ reply: HTTPReply?) {
        let usage = reply?.header("Sforce-Limit-Info").flatMap(APIUsage.parse(header:))
        state.withLock { state in
            state.calls += 1
            if let usage { state.usage = usage }
        }
    }
}
