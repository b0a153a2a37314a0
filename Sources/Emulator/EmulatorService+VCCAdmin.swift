import Foundation
import Hummingbird
import NIOCore
import OrgSimulator
import SOQL

/// vccctl's VCC admin contract (schemas/vcc-admin.openapi.yaml, docs/vcc-admin-contract.md):
/// Secrets Management and the Salesforce link of VCC accounts, under `/vcc-admin/v1/`.
///
/// These are VCC's own calls, not Salesforce API calls of an org: nothing here is metered, no
/// Salesforce session is involved, and the fault injector (which imitates Salesforce's
/// failures) leaves them alone. Every operation but the consent page needs the admin bearer
/// token of this run. Tokens (the admin token and the API tokens sent to `setToken`) are never
/// echoed, logged or stored in clear: the simulator keeps a salted hash of an API token.
extension EmulatorService {
    /// Bodies of this contract are small (1000 keys of 255 characters take about a quarter of it).
    static let maximumAdminBodyBytes = 1 << 20

    /// Every request whose path starts with `/vcc-admin/`.
    func vccAdmin(_ request: Request, target: String) async -> Response {
        let pathEnd = target.firstIndex(of: "?") ?? target.endIndex
        let path = target[..<pathEnd]
        let query = pathEnd < target.endIndex ? target[target.index(after: pathEnd)...] : ""
        let route: VCCAdminRoute
        do {
            guard let matched = try VCCAdminRoute.match(path: path) else { return Self.adminResponse(VCCAdminFailure.notFound.reply) }
            route = matched
        } catch {
            return Self.adminResponse(error.reply)
        }
        if case .consent(let id) = route {
            // The consent page is a browser's: its answers (errors included) are HTML.
            return await consentPage(request, consentId: id)
        }
        guard route.allowedMethods.contains(request.method) else {
            return Self.adminResponse(VCCAdminFailure.methodNotAllowed(request.method, allowed: route.allowedMethods.map(\.rawValue)).reply)
        }
        guard adminToken.accepts(authorization: request.headers[.authorization]) else {
            return Self.adminResponse(VCCAdminFailure.unauthorized.reply)
        }
        do {
            var body: [UInt8] = []
            if request.method == .post || request.method == .put {
                guard let read = await Self.readBody(request, limit: Self.maximumAdminBodyBytes) else {
                    throw VCCAdminFailure.tooLarge
                }
                body = read
            }
            return Self.adminResponse(try adminOperation(route, method: request.method, query: FormBody(query), body: body))
        } catch let failure as VCCAdminFailure {
            return Self.adminResponse(failure.reply)
        } catch let error as SimulatorError {
            return Self.adminResponse(Self.adminFailure(error).reply)
        } catch {
            return Self.adminResponse(VCCAdminFailure.internalError(error).reply)
        }
    }

    private func adminOperation(_ route: VCCAdminRoute, method: HTTPRequest.Method, query: FormBody, body: [UInt8]) throws -> EmulatorReply {
        switch (route, method) {
        case (.secrets(let orgId), .get):
            return try listSecrets(orgId: orgId, query: query)
        case (.token(let orgId, let clientId), .put):
            return try setToken(orgId: orgId, clientId: clientId, body: body)
        case (.lookup, .post):
            return try lookupLinks(body: body)
        case (.link(let key), .get):
            try Self.requireAccountKey(key, field: "account_key")
            return EmulatorReply(status: .ok, json: try linkJSON(keys: [key])[0])
        case (.link(let key), .post):
            return try startLink(key: key, body: body)
        case (.link(let key), .delete):
            try Self.requireAccountKey(key, field: "account_key")
            _ = try simulator.unlink(key: key)
            return EmulatorReply(status: .ok, json: try linkJSON(keys: [key])[0])
        default:
            throw VCCAdminFailure.methodNotAllowed(method, allowed: route.allowedMethods.map(\.rawValue))
        }
    }

    // MARK: Secrets Management

    /// `GET orgs/{org_id}/secrets?locations=true|false`.
    private func listSecrets(orgId: String, query: FormBody) throws -> EmulatorReply {
        let withLocations: Bool
        guard !query.repeatedNames.contains("locations") else {
            throw VCCAdminFailure.invalidRequest("locations is given more than once")
        }
        switch query["locations"] {
        case nil, "true": withLocations = true
        case "false": withLocations = false
        default: throw VCCAdminFailure.invalidRequest("locations must be true or false")
        }
        try Self.requireOrgIdShape(orgId)
        return try simulator.reading { access in
            guard let org = try access.org(id: orgId) else { throw VCCAdminFailure.orgNotFound(orgId) }
            let entries = try access.secrets(org: org.name, locations: withLocations)
            return EmulatorReply(status: .ok, json: .object([
                ("org_id", .string(org.orgId)),
                ("secrets", .array(entries.map(Self.secretJSON))),
            ]))
        }
    }

    /// `PUT orgs/{org_id}/secrets/{client_id}/token` with `{"token": "…"}`. Idempotent: the
    /// same token again stores it again (under a new salt) and answers the same.
    private func setToken(orgId: String, clientId: String, body: [UInt8]) throws -> EmulatorReply {
        try Self.requireOrgIdShape(orgId)
        try Self.requireAccountKey(clientId, field: "client_id")
        let token = try VCCAdminBody.parse(body, allowed: ["token"]).string("token")
        if let problem = VCCAdminRules.tokenProblem(token) { throw VCCAdminFailure.invalidRequest(problem) }
        return try simulator.writing { access in
            guard let org = try access.org(id: orgId) else { throw VCCAdminFailure.orgNotFound(orgId) }
            let entry = try access.setToken(org: org.name, clientId: clientId, token: token)
            return EmulatorReply(status: .ok, json: Self.secretJSON(entry))
        }
    }

    private static func secretJSON(_ entry: SecretEntry) -> JSONValue {
        .object([
            ("client_id", .string(entry.clientId)),
            ("token_set", .bool(entry.tokenSet)),
            ("locations", .array(entry.locations.map { .string($0) })),
        ])
    }

    // MARK: Links

    /// `POST links/lookup` with `{"account_keys": [...]}`: 1 to 1000 distinct keys, answered in
    /// request order.
    private func lookupLinks(body: [UInt8]) throws -> EmulatorReply {
        let keys = try VCCAdminBody.parse(body, allowed: ["account_keys"]).strings("account_keys")
        guard !keys.isEmpty else { throw VCCAdminFailure.invalidRequest("account_keys must name at least one key") }
        guard keys.count <= VCCAdminRules.maximumLookupKeys else {
            throw VCCAdminFailure.invalidRequest("account_keys names \(keys.count) keys; at most \(VCCAdminRules.maximumLookupKeys) per request")
        }
        // Distinct as code points, as the schema's uniqueItems compares them.
        var seen = Set<[UInt8]>()
        for (index, key) in keys.enumerated() {
            try Self.requireAccountKey(key, field: "account_keys[\(index)]")
            guard seen.insert(Array(key.utf8)).inserted else {
                throw VCCAdminFailure.invalidRequest("account_keys[\(index)] repeats an earlier key")
            }
        }
        return EmulatorReply(status: .ok, json: .object([("links", .array(try linkJSON(keys: keys)))]))
    }

    /// `POST accounts/{account_key}/link` with `{"org_id", "environment", "api_user"}`: 202 and
    /// the consent page a person must open. A link in force stays until the consent replaces
    /// it; a pending link is replaced and its consent page closes (410).
    private func startLink(key: String, body: [UInt8]) throws -> EmulatorReply {
        try Self.requireAccountKey(key, field: "account_key")
        let fields = try VCCAdminBody.parse(body, allowed: ["org_id", "environment", "api_user"])
        let orgId = try fields.string("org_id")
        let environmentText = try fields.string("environment")
        let apiUser = try fields.string("api_user")
        guard VCCAdminRules.isOrgIdShaped(orgId) else {
            throw VCCAdminFailure.invalidRequest("org_id must be a Salesforce org Id (00D…, 15 or 18 characters)")
        }
        guard let environment = SalesforceEnvironment(rawValue: environmentText) else {
            throw VCCAdminFailure.invalidRequest("environment must be production or sandbox")
        }
        if let problem = VCCAdminRules.apiUserProblem(apiUser) { throw VCCAdminFailure.invalidRequest(problem) }
        guard let org = try simulator.org(id: orgId) else { throw VCCAdminFailure.orgNotFound(orgId) }
        let started = try simulator.startLinkWithConsent(key: key, org: org.name, username: apiUser, environment: environment)
        return EmulatorReply(status: .accepted, json: .object([
            ("link", try linkJSON(keys: [key])[0]),
            ("consent_url", .string(consentURL(started.consentId))),
            ("poll_url", .string(Self.pollPath(key))),
        ]))
    }

    /// The Link objects of `keys`, in order, from one read.
    private func linkJSON(keys: [String]) throws -> [JSONValue] {
        try simulator.reading { access in
            var orgs: [String: SimulatedOrg] = [:]
            for org in try access.orgs() { orgs[org.name] = org }
            return try access.links(keys: keys).map { link, consentId in
                Self.linkJSON(link, consentURL: consentId.map(consentURL), orgs: orgs)
            }
        }
    }

    /// One Link object. `linked` is the link in force (also while a relink is pending, and for
    /// Legacy); `pending` the link waiting for consent.
    static func linkJSON(_ link: VCCLink, consentURL: String?, orgs: [String: SimulatedOrg]) -> JSONValue {
        var linked = JSONValue.null
        if let name = link.linkedOrg, let org = orgs[name] {
            linked = .object([
                ("org_id", .string(org.orgId)),
                ("environment", .string((link.linkedEnvironment ?? org.environment).rawValue)),
                ("api_user", link.linkedUsername.map(JSONValue.string) ?? .null),
                ("consented_as", link.linkedAsUsername.map(JSONValue.string) ?? .null),
                ("linked_at", link.linkedAt.map { .string(rfc3339($0)) } ?? .null),
            ])
        }
        var pending = JSONValue.null
        if link.status == .pending, let name = link.pendingOrg, let org = orgs[name], let consentURL {
            pending = .object([
                ("org_id", .string(org.orgId)),
                ("environment", .string((link.pendingEnvironment ?? org.environment).rawValue)),
                ("api_user", .string(link.pendingUsername ?? "")),
                ("since", .string(rfc3339(link.pendingSince ?? Date()))),
                ("consent_url", .string(consentURL)),
            ])
        }
        return .object([
            ("account_key", .string(link.key)),
            ("status", .string(link.status.rawValue)),
            ("linked", linked),
            ("pending", pending),
        ])
    }

    /// The absolute URL of a consent page on this server.
    func consentURL(_ id: String) -> String {
        baseURL + VCCAdminRoute.prefix + "consent/" + id
    }

    /// `/vcc-admin/v1/accounts/{key}/link`, the key percent-encoded as one path segment.
    static func pollPath(_ key: String) -> String {
        VCCAdminRoute.prefix + "accounts/" + (key.addingPercentEncoding(withAllowedCharacters: pathSegmentCharacters) ?? key) + "/link"
    }

    /// RFC 3986's unreserved characters: everything else in a key is percent-encoded.
    private static let pathSegmentCharacters = CharacterSet(
        charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")

    /// RFC 3339 in UTC with milliseconds (`2026-05-01T12:00:00.000Z`).
    static func rfc3339(_ date: Date) -> String {
        let milliseconds = Int64((date.timeIntervalSince1970 * 1000).rounded())
        return String(SalesforceDateTime.format(milliseconds: milliseconds).dropLast(5)) + "Z"
    }

    // MARK: Validation and answers

    private static func requireAccountKey(_ key: String, field: String) throws(VCCAdminFailure) {
        if let problem = VCCAdminRules.accountKeyProblem(key, field: field) { throw .invalidRequest(problem) }
    }

    private static func requireOrgIdShape(_ orgId: String) throws(VCCAdminFailure) {
        guard VCCAdminRules.isOrgIdShaped(orgId) else {
            throw .invalidRequest("org_id must be a Salesforce org Id (00D…, 15 or 18 characters)")
        }
    }

    /// The contract's answer to a rule the simulator enforces.
    static func adminFailure(_ error: SimulatorError) -> VCCAdminFailure {
        switch error {
        case .unknownOrg(let name): VCCAdminFailure(status: .notFound, code: "org_not_found", message: "no org named \(name)")
        case .keyNotInUse(_, let clientId): .keyNotInUse(clientId)
        case .emptyToken: .invalidRequest("token must not be empty")
        case .invalidAccountKey, .invalidName: .invalidRequest(error.message)
        default: .internalError(error)
        }
    }

    /// The request body, or nil when it is larger than `limit` bytes.
    static func readBody(_ request: Request, limit: Int) async -> [UInt8]? {
        if let length = request.headers[.contentLength].flatMap({ Int($0) }), length > limit { return nil }
        var copy = request
        do {
            let buffer = try await copy.collectBody(upTo: limit)
            return Array(buffer.readableBytesView)
        } catch {
            return nil
        }
    }

    static func adminResponse(_ reply: EmulatorReply) -> Response {
        var response = EmulatorResponder.response(reply)
        // Answers may describe secrets' state: no cache keeps them.
        response.headers[.cacheControl] = "no-store"
        return response
    }
}
