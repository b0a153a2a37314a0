import Foundation
public import Reconciler
public import VCCModel

/// The VCC port over vccctl's admin contract (`schemas/vcc-admin.openapi.yaml`, v1): the only
/// code that knows its paths and documents. Secrets and links are read and written over HTTPS
/// with a bearer token; a link still needs a person's consent, and the contract hands back the
/// page to open and the link to poll.
///
/// It owns an HTTP client: call `shutdown()` once done.
public final class VCCAdminClient: VCCPort {
    /// `{url}/vcc-admin/v1`, without a trailing slash.
    let base: String
    private let bearer: String
    private let transport: any SalesforceTransport
    private let owned: SalesforceHTTP?
    private let timeout: Double
    /// Keys per lookup request: the contract accepts up to 1000.
    static let lookupChunk = 1000
    /// Attempts of one request when no answer came or the server was busy (every operation of the
    /// contract is idempotent or harmless to repeat: a repeated link start only renews its page).
    static let attempts = 3

    /// A client for the endpoint at `url` (`https://`, or `http://` on loopback: the connection
    /// settings check that), authenticating with `bearerToken`, trusting only `caFile`'s roots
    /// when given.
    public convenience init(url: String, bearerToken: String, caFile: String?) throws {
        let http: SalesforceHTTP
        do {
            http = try SalesforceHTTP(caFile: caFile)
        } catch {
            throw VCCAdminError.configuration(error.description)
        }
        self.init(url: url, bearerToken: bearerToken, transport: http, owned: http)
    }

    init(url: String, bearerToken: String, transport: any SalesforceTransport, owned: SalesforceHTTP? = nil,
         timeout: Double = 30) {
        let trimmed = url.hasSuffix("/") ? String(url.dropLast()) : url
        base = trimmed + "/vcc-admin/v1"
        bearer = bearerToken
        self.transport = transport
        self.owned = owned
        self.timeout = timeout
    }

    public func shutdown() async throws {
        try await owned?.shutdown()
    }

    public var canObserve: Bool { true }

    public func listSecrets(in org: VCCOrg, locations: Bool) async throws -> VCCSecretList {
        let orgId = try Self.require(org)
        let list: VCCAdminWire.SecretList = try await call(
            .get, "/orgs/\(Self.segment(orgId))/secrets?locations=\(locations)", expecting: [200])
        return VCCSecretList(secrets: list.secrets.map {
            VCCSecret(accountKey: $0.clientId, locations: $0.locations, tokenSet: $0.tokenSet)
        })
    }

    public func setToken(_ token: TokenToStore, accountKey: String, in org: VCCOrg) async throws -> VCCStepResult {
        let orgId = try Self.require(org)
        let body = try JSONEncoder().encode(VCCAdminWire.TokenBody(token: token.value))
        let _: VCCAdminWire.Secret = try await call(
            .put, "/orgs/\(Self.segment(orgId))/secrets/\(Self.segment(accountKey))/token", body: Array(body), expecting: [200])
        return .done
    }

    public func readLinks(_ accountKeys: [String]) async throws -> [String: ObservedLink] {
        var links: [String: ObservedLink] = [:]
        var start = 0
        while start < accountKeys.count {
            let chunk = Array(accountKeys[start..<min(start + Self.lookupChunk, accountKeys.count)])
            start += chunk.count
            let body = try JSONEncoder().encode(VCCAdminWire.LookupBody(accountKeys: chunk))
            let list: VCCAdminWire.LinkList = try await call(.post, "/links/lookup", body: Array(body), expecting: [200])
            for link in list.links { links[link.accountKey] = try observed(link) }
        }
        return links
    }

    public func startLink(accountKey: String, to org: VCCOrg, environment: OrgEnvironment, apiUser: String) async throws
        -> VCCStepResult
    {
        let orgId = try Self.require(org)
        let body = try JSONEncoder().encode(VCCAdminWire.StartLinkBody(orgId: orgId, environment: environment.rawValue,
                                                                       apiUser: apiUser))
        let started: VCCAdminWire.StartedLink = try await call(
            .post, "/accounts/\(Self.segment(accountKey))/link", body: Array(body), expecting: [202])
        guard Self.isWebURL(started.consentURL) else {
            throw VCCAdminError.contract(url: base, detail: "the consent_url of a started link is not an http(s) URL")
        }
        return .person(ManualSteps.link(accountKey: accountKey, org: org.name, environment: environment, apiUser: apiUser,
                                        consentURL: started.consentURL, extra: [], confirm: false),
                       verifiable: true)
    }

    public func unlink(accountKey: String) async throws -> VCCStepResult {
        let _: VCCAdminWire.Link = try await call(.delete, "/accounts/\(Self.segment(accountKey))/link", expecting: [200])
        return .done
    }

    // MARK: - Requests

    /// Sends one request, retrying when no answer came or the server was busy; decodes the
    /// expected answer, turns a documented refusal into `VCCRejection`.
    private func call<Answer: Decodable>(_ method: HTTPExchange.Method, _ path: String, body: [UInt8]? = nil,
                                         expecting statuses: Set<Int>) async throws -> Answer {
        var headers = [("Authorization", "Bearer \(bearer)"), ("Accept", "application/json")]
        if body != nil { headers.append(("Content-Type", "application/json")) }
        let exchange = HTTPExchange(method: method, url: base + path, headers: headers, body: body)
        var attempt = 0
        while true {
            attempt += 1
            let reply: HTTPReply
            do {
                reply = try await transport.send(exchange, timeout: timeout)
            } catch {
                if case .unusable(let detail) = error { throw VCCAdminError.unreachable(url: base, detail: detail) }
                guard attempt < Self.attempts else { throw VCCAdminError.unreachable(url: base, detail: error.detail) }
                try await Task.sleep(nanoseconds: UInt64(attempt) * 200_000_000)
                continue
            }
            if [502, 503, 504].contains(reply.status), attempt < Self.attempts {
                try await Task.sleep(nanoseconds: UInt64(attempt) * 200_000_000)
                continue
            }
            if statuses.contains(reply.status) {
                do {
                    return try JSONDecoder().decode(Answer.self, from: Data(reply.body))
                } catch {
                    throw VCCAdminError.contract(url: base, detail: "the \(reply.status) answer to \(method.rawValue) \(Self.route(path)) is not the documented JSON")
                }
            }
            throw refusal(reply, method: method, path: path)
        }
    }

    private func refusal(_ reply: HTTPReply, method: HTTPExchange.Method, path: String) -> any Error {
        if reply.status == 401 { return VCCAdminError.unauthorized(url: base) }
        guard let body = try? JSONDecoder().decode(VCCAdminWire.ErrorBody.self, from: Data(reply.body)) else {
            return VCCAdminError.contract(url: base, detail: "\(method.rawValue) \(Self.route(path)) answered \(reply.status) without an error document")
        }
        if reply.status >= 500 {
            return VCCAdminError.unreachable(url: base, detail: "\(reply.status) \(Self.clip(body.error.message))")
        }
        return VCCRejection(code: body.error.code.uppercased(), message: Self.clip(body.error.message))
    }

    private func observed(_ link: VCCAdminWire.Link) throws -> ObservedLink {
        switch link.status {
        case "unlinked":
            return .unlinked
        case "linked":
            guard let linked = link.linked, let user = linked.apiUser else {
                throw VCCAdminError.contract(url: base, detail: "the linked account \(link.accountKey) has no org or API user")
            }
            return .linked(org: nil, orgId: linked.orgId, apiUser: user, consentedAs: linked.consentedAs ?? user)
        case "legacy":
            return .legacy(org: nil, orgId: link.linked?.orgId)
        case "pending":
            guard let pending = link.pending else {
                throw VCCAdminError.contract(url: base, detail: "the pending link of \(link.accountKey) has no 'pending' object")
            }
            return .pending(org: nil, apiUser: pending.apiUser)
        default:
            throw VCCAdminError.contract(url: base, detail: "unknown link status '\(Self.clip(link.status))'")
        }
    }

    // MARK: - Helpers

    private static func require(_ org: VCCOrg) throws -> String {
        guard !org.orgId.isEmpty else {
            throw VCCRejection(code: "ORG_NOT_READ", message: "the Id of org '\(org.name)' is not known: it was not read from Salesforce")
        }
        return org.orgId
    }

    /// One path segment, percent-encoded (keys are opaque: a `/` or `?` in one stays inside it).
    static func segment(_ text: String) -> String { PercentEncoding.encode(text) }

    /// The path without its query, for messages.
    private static func route(_ path: String) -> String { String(path.prefix { $0 != "?" }) }

    private static func isWebURL(_ text: String) -> Bool {
        guard let url = URL(string: text), let scheme = url.scheme?.lowercased() else { return false }
        return (scheme == "https" || scheme == "http") && url.host != nil
    }

    /// A server's message, cut to a readable length with control characters removed: it is
    /// someone else's text on its way to a terminal.
    static func clip(_ text: String) -> String {
        let cleaned = String(String.UnicodeScalarView(text.unicodeScalars.map { $0.properties.generalCategory == .control ? " " : $0 }))
        return cleaned.count > 300 ? String(cleaned.prefix(300)) + "…" : cleaned
    }
}
