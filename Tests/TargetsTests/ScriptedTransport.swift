import Foundation
import Synchronization
@testable import Targets

/// A transport that answers from a script and records every request, so that the target's
/// logic (retries, re-login, recovery) runs against exact answers without a server.
final class ScriptedTransport: SalesforceTransport {
    typealias Handler = @Sendable (HTTPExchange, Int) -> Result<HTTPReply, TransportFailure>
    private let state = Mutex<[HTTPExchange]>([])
    private let handler: Handler

    /// `handler` gets each request and its index among all requests sent.
    init(_ handler: @escaping Handler) {
        self.handler = handler
    }

    var sent: [HTTPExchange] { state.withLock { $0 } }

    func send(_ exchange: HTTPExchange, timeout: Double) async throws(TransportFailure) -> HTTPReply {
        let index = state.withLock { sent in
            sent.append(exchange)
            return sent.count - 1
        }
        return try handler(exchange, index).get()
    }
}

/// Sleeps recorded instead of waited, and a fixed jitter draw.
final class RecordedSleeps: Sendable {
    private let state = Mutex<[Double]>([])
    var values: [Double] { state.withLock { $0 } }

    func environment(unitRandom: Double) -> RetryEnvironment {
        RetryEnvironment(sleep: { [self] seconds in state.withLock { $0.append(seconds) } },
                         unitRandom: { unitRandom }, now: { .init(timeIntervalSince1970: 1_800_000_000) })
    }
}

extension HTTPExchange {
    func header(_ name: String) -> String? {
        headers.first { $0.0.lowercased() == name.lowercased() }?.1
    }

    var bodyText: String { body.map { String(decoding: $0, as: UTF8.self) } ?? "" }

    /// The decoded `q` of a query URL.
    var soql: String? {
        guard let range = url.range(of: "/query?q=") else { return nil }
        return String(url[range.upperBound...]).removingPercentEncoding
    }
}
