/// The one door to the network: sends a request, returns the response or a `TransportFailure`.
/// `SalesforceHTTP` is the real one; tests script answers behind the same door.
protocol SalesforceTransport: Sendable {
    func send(_ exchange: HTTPExchange, timeout: Double) async throws(TransportFailure) -> HTTPReply
}

/// A request that got no HTTP answer, and whether it may have reached the server.
enum TransportFailure: Error, Sendable, Equatable {
    /// Never sent (connection refused, connect or TLS handshake timeout): safe to send again.
    case notSent(String)
    /// Sent, no answer (reset, read timeout): a write may or may not have landed.
    case noAnswer(String)
    /// Not a network fault (a malformed URL, the client shut down): retrying cannot help.
    case unusable(String)

    /// What happened, in words for a message.
    var detail: String {
        switch self {
        case .notSent(let detail): "could not connect: \(detail)"
        case .noAnswer(let detail): "no answer: \(detail)"
        case .unusable(let detail): detail
        }
    }
}
