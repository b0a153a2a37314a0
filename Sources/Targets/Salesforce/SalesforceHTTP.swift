import AsyncHTTPClient
import NIOCore
import NIOHTTP1
import NIOSSL

/// The real transport: one AsyncHTTPClient for every org of a target. Redirects are refused, so
/// that a bearer token is never replayed to another host; with a CA file only its roots are trusted.
final class SalesforceHTTP: SalesforceTransport {
    private let client: HTTPClient
    /// Largest response body read: a 2000-record query page is about a megabyte.
    private static let maxBodyBytes = 64 << 20

    init(caFile: String?) throws(SalesforceError) {
        var tls = TLSConfiguration.makeClientConfiguration()
        if let caFile {
            do {
                let roots = try NIOSSLCertificate.fromPEMBytes(try TrustRootsFile.read(caFile))
                guard !roots.isEmpty else { throw SalesforceError.trustRootsUnreadable(path: caFile, detail: "no certificate in it") }
                tls.trustRoots = .certificates(roots)
            } catch let error as SalesforceError {
                throw error
            } catch {
                throw SalesforceError.trustRootsUnreadable(path: caFile, detail: String(describing: error))
            }
        }
        let configuration = HTTPClient.Configuration(
            tlsConfiguration: tls, redirectConfiguration: .disallow,
            // The client itself keeps retrying a refused connection until this runs out, and
            // each of our attempts waits it out again: short, so an org that is not there fails
            // in seconds, not minutes.
            timeout: HTTPClient.Configuration.Timeout(connect: .seconds(3)))
        client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
    }

    func send(_ exchange: HTTPExchange, timeout: Double) async throws(TransportFailure) -> HTTPReply {
        var request = HTTPClientRequest(url: exchange.url)
        request.method = HTTPMethod(rawValue: exchange.method.rawValue)
        for (name, value) in exchange.headers { request.headers.add(name: name, value: value) }
        if let body = exchange.body { request.body = .bytes(ByteBuffer(bytes: body)) }
        do {
            let response = try await client.execute(request, timeout: .milliseconds(Int64(timeout * 1000)))
            let body = try await response.body.collect(upTo: Self.maxBodyBytes)
            return HTTPReply(status: Int(response.status.code), headers: response.headers.map { ($0.name, $0.value) },
                             body: Array(buffer: body))
        } catch {
            throw Self.classify(error)
        }
    }

    func shutdown() async throws {
        try await client.shutdown()
    }

    /// Whether a failed request may have reached the server: only failures before the request
    /// left are "not sent"; anything else is treated as possibly landed.
    static func classify(_ error: any Error) -> TransportFailure {
        let detail = String(describing: error)
        if let error = error as? HTTPClientError {
            switch error {
            case .connectTimeout, .tlsHandshakeTimeout, .getConnectionFromPoolTimeout, .socksHandshakeTimeout,
                 .httpProxyHandshakeTimeout:
                return .notSent(detail)
            case .invalidURL, .emptyHost, .emptyScheme, .alreadyShutdown, .redirectLimitReached,
                 .redirectCycleDetected, .cancelled:
                return .unusable(detail)
            default:
                return .noAnswer(detail)
            }
        }
        if let error = error as? IOError, error.errnoCode == ECONNREFUSED_CODE { return .notSent(detail) }
        // NIOPosix's happy-eyeballs failure (every address refused); matched by name because the
        // Targets module does not import NIOPosix.
        if String(describing: type(of: error)) == "NIOConnectionError" { return .notSent(detail) }
        if let error = error as? NIOSSLError {
            // A handshake that fails (an untrusted certificate) fails again; a connection cut
            // without close_notify after the request went out is a lost answer.
            if case .uncleanShutdown = error { return .noAnswer(detail) }
            return .unusable("TLS: \(detail)")
        }
        return .noAnswer(detail)
    }
}

/// ECONNREFUSED on Linux and Darwin differ (111, 61); both mean "nothing was sent".
#if canImport(Darwin)
private let ECONNREFUSED_CODE: Int32 = 61
#else
private let ECONNREFUSED_CODE: Int32 = 111
#endif
