import AsyncHTTPClient
import Emulator
import Foundation
import JWTKit
import NIOCore
import NIOHTTP1
import NIOSSL
import OrgSimulator
import TestSupport

/// An emulator started in-process on a free loopback port with its own data directory, and an
/// HTTP client that trusts only what the emulator told it to (its `ca.pem` under TLS).
final class EmulatorFixture: @unchecked Sendable {
    let directory: TemporaryDirectory
    let ready: EmulatorReady
    let client: HTTPClient
    private let task: Task<Void, any Error>

    var dataDirectory: String { directory.path + "/data" }
    var url: String { ready.url }
    /// The session of the "prod" org.
    var token: String { ready.orgs["prod"] ?? "" }

    struct Reply {
        var status: Int
        var headers: [String: String]
        var body: String
        var json: Any? { try? JSONSerialization.jsonObject(with: Data(body.utf8), options: [.fragmentsAllowed]) }
        var object: [String: Any] { json as? [String: Any] ?? [:] }
        var array: [[String: Any]] { json as? [[String: Any]] ?? [] }
        var errorCode: String? { array.first?["errorCode"] as? String }
    }

    static let seed = DirectorySeed(orgs: [
        OrgSeed(name: "prod", environment: .production, profiles: ["System Administrator", "Support Agent", "VCC API", "Read Only"],
                users: [
                    UserSeed(username: "admin@acme.example", profile: "System Administrator"),
                    UserSeed(username: "jane@acme.example", profile: "Support Agent"),
                    UserSeed(username: "vcc-api@acme.example", profile: "VCC API", isApiOnly: true, hasApiUserPermissionSet: true),
                    UserSeed(username: "former@acme.example", profile: "Support Agent", isActive: false),
                    UserSeed(username: "viewer@acme.example", profile: "Read Only", customizeApplication: false,
                             viewAllCustomSettings: false),
                ]),
        OrgSeed(name: "uat", environment: .sandbox, profiles: ["System Administrator"],
                users: [UserSeed(username: "admin@acme.example.uat", profile: "System Administrator")]),
    ])

    /// Starts an emulator over a seeded org. `prepare` may add data before it starts.
    static func start(
        tls: TLSMode = .none, faults: [FaultSpec] = [], seed: UInt64 = 0, dailyAPILimit: Int? = nil,
        prepare: (OrgSimulator) throws -> Void = { _ in }
    ) async throws -> EmulatorFixture {
        let directory = try TemporaryDirectory("emulator")
        let data = directory.path + "/data"
        let simulator = try OrgSimulator(path: data + "/org.sqlite")
        try simulator.seed(Self.seed)
        try prepare(simulator)
        let configuration = EmulatorConfiguration(host: "127.0.0.1", port: 0, dataDirectory: data, tls: tls, faults: faults,
                                                  seed: seed, dailyAPILimit: dailyAPILimit)
        let (stream, continuation) = AsyncStream.makeStream(of: EmulatorReady.self)
        let task = Task {
            defer { continuation.finish() }
            try await EmulatorServer(configuration: configuration).run(handleSignals: false) { ready in
                continuation.yield(ready)
            }
        }
        var iterator = stream.makeAsyncIterator()
        guard let ready = await iterator.next() else {
            _ = try await task.value
            throw FixtureError(description: "the emulator stopped before it was ready")
        }
        var tlsConfiguration = TLSConfiguration.makeClientConfiguration()
        if let ca = ready.caFile { tlsConfiguration.trustRoots = .file(ca) }
        let client = HTTPClient(eventLoopGroupProvider: .singleton,
                                configuration: HTTPClient.Configuration(tlsConfiguration: tlsConfiguration))
        return EmulatorFixture(directory: directory, ready: ready, client: client, task: task)
    }

    private init(directory: TemporaryDirectory, ready: EmulatorReady, client: HTTPClient, task: Task<Void, any Error>) {
        self.directory = directory
        self.ready = ready
        self.client = client
        self.task = task
    }

    /// A second simulator on the emulator's database, as `vccctl sim --data` opens it.
    func simulator() throws -> OrgSimulator {
        try OrgSimulator(path: dataDirectory + "/org.sqlite")
    }

    func request(_ method: String, _ path: String, body: String? = nil, token: String?? = .none,
                 headers: [(String, String)] = [], contentType: String = "application/json", base: String? = nil) async throws -> Reply {
        var request = HTTPClientRequest(url: (base ?? url) + path)
        request.method = HTTPMethod(rawValue: method)
        let session: String? = token ?? self.token
        if let session { request.headers.add(name: "Authorization", value: "Bearer \(session)") }
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        if let body {
            request.headers.add(name: "Content-Type", value: contentType)
            request.body = .bytes(ByteBuffer(string: body))
        }
        let response = try await client.execute(request, timeout: .seconds(60))
        let bytes = try await response.body.collect(upTo: 64 * 1024 * 1024)
        var fields: [String: String] = [:]
        for header in response.headers { fields[header.name.lowercased()] = header.value }
        return Reply(status: Int(response.status.code), headers: fields, body: String(buffer: bytes))
    }

    func get(_ path: String, token: String?? = .none, headers: [(String, String)] = []) async throws -> Reply {
        try await request("GET", path, token: token, headers: headers)
    }

    /// POST a form to the token endpoint.
    func token(_ form: [String: String]) async throws -> Reply {
        let body = form.map { key, value in
            "\(key)=\(value.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? value)"
        }.joined(separator: "&")
        return try await request("POST", "/services/oauth2/token", body: body, token: .some(nil),
                                 contentType: "application/x-www-form-urlencoded")
    }

    /// A session of `username` through a JWT bearer login signed with the connected app's key.
    func jwtSession(username: String) async throws -> String {
        let keys = JWTKeyCollection()
        await keys.add(rsa: try Insecure.RSA.PrivateKey(pem: try String(contentsOfFile: ready.privateKeyFile, encoding: .utf8)),
                       digestAlgorithm: .sha256)
        let assertion = try await keys.sign(TestAssertion(
            iss: IssuerClaim(value: ready.consumerKey), sub: SubjectClaim(value: username),
            aud: AudienceClaim(value: ["https://login.salesforce.com"]), exp: ExpirationClaim(value: Date().addingTimeInterval(120))))
        let reply = try await token(["grant_type": "urn:ietf:params:oauth:grant-type:jwt-bearer", "assertion": assertion])
        guard let token = reply.object["access_token"] as? String else { throw FixtureError(description: "login failed: \(reply.body)") }
        return token
    }

    func stop() async {
        try? await client.shutdown()
        task.cancel()
        _ = try? await task.value
        directory.remove()
    }
}

struct FixtureError: Error, CustomStringConvertible {
    var description: String
}
