import Foundation

/// One org's session: logs in (and again, once, when the org answers 401), sends requests with
/// the headers every call carries, retries what may be retried, and counts every call. An
/// actor: the token and the describe result are shared by concurrent reads and writes.
actor SalesforceSession {
    let endpoint: SalesforceOrgEndpoint
    private let transport: any SalesforceTransport
    private let policy: RetryPolicy
    private let clientName: String
    private let timeout: Double
    private let environment: RetryEnvironment
    private var token: SalesforceSessionToken?
    private var login: Task<SalesforceSessionToken, any Error>?
    /// The custom setting's describe, read once per process.
    private(set) var describedObject: SObjectDescription?

    init(endpoint: SalesforceOrgEndpoint, transport: any SalesforceTransport, options: SalesforceTargetOptions,
         environment: RetryEnvironment = .system) {
        self.endpoint = endpoint
        self.transport = transport
        policy = RetryPolicy(options)
        clientName = options.clientName
        timeout = options.requestTimeout
        self.environment = environment
        if case .accessToken(let value, let instance) = endpoint.auth {
            token = SalesforceSessionToken(accessToken: value, instanceURL: TokenExchange.trimmingSlash(instance))
        }
    }

    var org: String { endpoint.orgName }

    func remember(_ description: SObjectDescription) {
        describedObject = description
    }

    /// Sends `request` and returns a 2xx answer. Retries throttling, server errors and lost
    /// answers with backoff when the request is `idempotent`; a write that may have landed
    /// throws `RequestFateUnknown` instead. Throws `SalesforceError` for everything else.
    func send(_ request: APIRequest, tally: CallTally, idempotent: Bool) async throws -> HTTPReply {
        var failures = 0
        var renewed = false
        while true {
            let session = try await currentSession()
            let reply: HTTPReply
            do {
                reply = try await transport.send(request.exchange(session, clientName: clientName), timeout: timeout)
            } catch {
                switch error {
                case .unusable(let detail):
                    throw SalesforceError.unreachable(org: org, detail: detail)
                case .notSent:
                    failures += 1
                    try await pause(failures: failures, retryAfter: nil, detail: error.detail)
                case .noAnswer(let detail):
                    // It may have reached the org and been counted there.
                    tally.record(nil)
                    guard idempotent else { throw RequestFateUnknown(detail: detail) }
                    failures += 1
                    try await pause(failures: failures, retryAfter: nil, detail: error.detail)
                }
                continue
            }
            tally.record(reply)
            switch ReplyVerdict.classify(reply) {
            case .success:
                return reply
            case .sessionExpired:
                guard endpoint.auth.canRenew else { throw SalesforceError.accessTokenExpired(org: org) }
                guard !renewed else { throw SalesforceError.sessionRejected(org: org) }
                renewed = true
                expire(session)
            case .dailyLimit:
                throw SalesforceError.dailyLimitReached(org: org, usage: tally.usage)
            case .throttled(let retryAfter):
                failures += 1
                try await pause(failures: failures, retryAfter: retryAfter, detail: "HTTP \(reply.status)")
            case .serverError:
                guard idempotent else { throw RequestFateUnknown(detail: "HTTP \(reply.status)") }
                failures += 1
                try await pause(failures: failures, retryAfter: nil, detail: "HTTP \(reply.status)")
            case .failed(let error):
                throw SalesforceError.requestFailed(org: org, status: reply.status, code: error.code, message: error.message)
            }
        }
    }

    /// Waits before the next attempt, or throws `unreachable` when the attempts are spent.
    private func pause(failures: Int, retryAfter: Double?, detail: String) async throws {
        guard policy.mayRetry(after: failures) else {
            throw SalesforceError.unreachable(org: org, detail: "\(detail) (\(failures) attempts)")
        }
        guard let delay = policy.delay(afterFailures: failures, retryAfter: retryAfter, unitRandom: environment.unitRandom()) else {
            throw SalesforceError.unreachable(
                org: org, detail: "\(detail); asked to wait \(Int(retryAfter ?? 0)) s, longer than \(Int(RetryPolicy.longestRetryAfter)) s")
        }
        try await environment.sleep(delay)
    }

    /// The open session, logging in first when there is none (one login for concurrent callers).
    private func currentSession() async throws -> SalesforceSessionToken {
        if let token { return token }
        if let login { return try await login.value }
        let task = Task { try await self.logIn() }
        login = task
        defer { login = nil }
        let opened = try await task.value
        token = opened
        return opened
    }

    /// Forgets `session` unless another caller already replaced it.
    private func expire(_ session: SalesforceSessionToken) {
        if token == session { token = nil }
    }

    /// One login at the token endpoint, retried like a read (the token endpoint is not metered).
    private func logIn() async throws -> SalesforceSessionToken {
        var assertion: String?
        if case .jwt(let consumerKey, let username, let pem) = endpoint.auth {
            assertion = try await JWTAssertion.sign(org: org, consumerKey: consumerKey, username: username,
                                                    audience: endpoint.audience, privateKeyPEM: pem, now: environment.now())
        }
        guard let exchange = try TokenExchange.request(endpoint, assertion: assertion) else {
            throw SalesforceError.accessTokenExpired(org: org)
        }
        var failures = 0
        while true {
            let reply: HTTPReply
            do {
                reply = try await transport.send(exchange, timeout: timeout)
            } catch {
                if case .unusable(let detail) = error { throw SalesforceError.unreachable(org: org, detail: "login: \(detail)") }
                failures += 1
                try await pause(failures: failures, retryAfter: nil, detail: "login: \(error.detail)")
                continue
            }
            if reply.status >= 500 || reply.status == 429 {
                failures += 1
                try await pause(failures: failures, retryAfter: RetryPolicy.retryAfter(reply.header("Retry-After")),
                                detail: "login: HTTP \(reply.status)")
                continue
            }
            return try TokenExchange.session(from: reply, endpoint: endpoint)
        }
    }
}

extension SalesforceSession {
    /// The length of the instance origin for sizing URIs: the real one once known, and never
    /// less than a generous My Domain's.
    var originLength: Int {
        Swift.max(120, token?.instanceURL.utf8.count ?? endpoint.instanceURL?.utf8.count ?? 0)
    }
}
