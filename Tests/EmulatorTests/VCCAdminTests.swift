import Foundation
import OrgSimulator
import Testing
import TestSupport

/// The VCC admin contract (schemas/vcc-admin.openapi.yaml) served by the emulator, end to end
/// over loopback TLS: Secrets Management, links, the consent page, auth and hostile input.
@Suite struct VCCAdminTests {
    /// prod: the org default and the Support Agent profile carry ACME-EU-01, jane carries ACME-US-01.
    static func start() async throws -> EmulatorFixture {
        try await EmulatorFixture.start(tls: .selfSigned) { simulator in
            try simulator.setSetting(org: "prod", owner: .org, clientId: "ACME-EU-01")
            try simulator.setSetting(org: "prod", owner: .profile("Support Agent"), clientId: "ACME-EU-01")
            try simulator.setSetting(org: "prod", owner: .user("jane@acme.example"), clientId: "ACME-US-01")
            try simulator.addUser(org: "uat", UserSeed(username: "vcc-api@acme.example.uat", profile: "System Administrator",
                                                       isApiOnly: true, hasApiUserPermissionSet: true))
        }
    }

    static func orgId(_ fixture: EmulatorFixture, _ name: String) throws -> String {
        try #require(try fixture.simulator().org(named: name)).orgId
    }

    @Test func theReadyInformationNamesTheContractAndItsToken() async throws {
        let fixture = try await Self.start()
        defer { Task { await fixture.stop() } }
        #expect(fixture.ready.vccAdminURL == fixture.url)
        #expect(fixture.ready.vccAdminURL.hasPrefix("https://127.0.0.1:"))
        #expect(fixture.ready.vccAdminToken.count == 43)
        #expect(fixture.ready.vccAdminToken != fixture.token)
    }

    @Test func secretsManagementListsKeysInUseAndStoresTokensWriteOnly() async throws {
        let fixture = try await Self.start()
        defer { Task { await fixture.stop() } }
        let simulator = try fixture.simulator()
        let prod = try Self.orgId(fixture, "prod")
        let support = try simulator.resolveOwners(org: "prod", profileNames: ["Support Agent"], usernames: ["jane@acme.example"]).value
        let usageBefore = try simulator.apiUsage(org: "prod")

        let listed = try await fixture.admin("GET", "orgs/\(prod)/secrets")
        #expect(listed.status == 200, "\(listed.body)")
        #expect(listed.headers["content-type"]?.hasPrefix("application/json") == true)
        #expect(listed.object["org_id"] as? String == prod)
        let secrets = try #require(listed.object["secrets"] as? [[String: Any]])
        #expect(secrets.map { $0["client_id"] as? String } == ["ACME-EU-01", "ACME-US-01"])
        #expect(secrets.map { $0["token_set"] as? Bool } == [false, false])
        #expect(secrets[0]["locations"] as? [String] == [prod, try #require(support.profiles["Support Agent"])])
        #expect(secrets[1]["locations"] as? [String] == [try #require(support.users["jane@acme.example"]?.id)])

        // Without locations (and by the 15-character org Id): the same keys, empty locations.
        let short = try await fixture.admin("GET", "orgs/\(prod.prefix(15))/secrets?locations=false")
        #expect(short.status == 200, "\(short.body)")
        #expect(short.object["org_id"] as? String == prod, "answers carry the 18-character Id")
        #expect((short.object["secrets"] as? [[String: Any]])?.map { $0["locations"] as? [String] } == [[], []])

        let canary = "canary-token-\(UUID().uuidString)"
        let set = try await fixture.admin("PUT", "orgs/\(prod)/secrets/ACME-EU-01/token", json: #"{"token": "\#(canary)"}"#)
        #expect(set.status == 200, "\(set.body)")
        #expect(set.object["client_id"] as? String == "ACME-EU-01")
        #expect(set.object["token_set"] as? Bool == true)
        #expect(set.object["locations"] as? [String] == [prod, try #require(support.profiles["Support Agent"])])
        #expect(Set(set.object.keys) == ["client_id", "token_set", "locations"], "the token is never echoed")
        #expect(try simulator.tokenMatches(org: "prod", clientId: "ACME-EU-01", token: canary))
        // Idempotent: the same request again, the same answer and state.
        let again = try await fixture.admin("PUT", "orgs/\(prod)/secrets/ACME-EU-01/token", json: #"{"token": "\#(canary)"}"#)
        #expect(again.status == 200)
        #expect(again.body == set.body)
        #expect(try simulator.tokenMatches(org: "prod", clientId: "ACME-EU-01", token: canary))

        let afterSet = try await fixture.admin("GET", "orgs/\(prod)/secrets?locations=true")
        #expect((afterSet.object["secrets"] as? [[String: Any]])?.map { $0["token_set"] as? Bool } == [true, false])
        for reply in [listed, short, set, again, afterSet] { #expect(!reply.body.contains(canary)) }

        // Keys must be set in custom settings first.
        let notInUse = try await fixture.admin("PUT", "orgs/\(prod)/secrets/NOT-IN-USE/token", json: #"{"token": "\#(canary)"}"#)
        #expect(notInUse.status == 409)
        #expect(notInUse.adminErrorCode == "key_not_in_use")
        #expect(!notInUse.body.contains(canary))
        #expect(try !simulator.tokenMatches(org: "prod", clientId: "NOT-IN-USE", token: canary))
        // The key in another org does not count.
        let uat = try Self.orgId(fixture, "uat")
        #expect(try await fixture.admin("PUT", "orgs/\(uat)/secrets/ACME-EU-01/token", json: #"{"token": "x"}"#).status == 409)

        let unknownOrg = try await fixture.admin("GET", "orgs/00D000000000000AAA/secrets")
        #expect(unknownOrg.status == 404)
        #expect(unknownOrg.adminErrorCode == "org_not_found")
        let malformedOrg = try await fixture.admin("GET", "orgs/not-an-org/secrets")
        #expect(malformedOrg.status == 400)
        #expect(malformedOrg.adminErrorCode == "invalid_request")
        #expect(try await fixture.admin("PUT", "orgs/00D000000000000AAA/secrets/ACME-EU-01/token", json: #"{"token": "x"}"#)
            .adminErrorCode == "org_not_found")

        #expect(try simulator.apiUsage(org: "prod") == usageBefore, "VCC's calls are not the org's Salesforce API calls")
    }

    @Test func everyOperationButTheConsentPageNeedsTheAdminToken() async throws {
        let fixture = try await Self.start()
        defer { Task { await fixture.stop() } }
        let prod = try Self.orgId(fixture, "prod")
        let calls: [(String, String, String?)] = [
            ("GET", "orgs/\(prod)/secrets", nil),
            ("PUT", "orgs/\(prod)/secrets/ACME-EU-01/token", #"{"token": "t"}"#),
            ("POST", "links/lookup", #"{"account_keys": ["K"]}"#),
            ("GET", "accounts/K/link", nil),
            ("POST", "accounts/K/link", #"{"org_id": "\#(prod)", "environment": "production", "api_user": "vcc-api@acme.example"}"#),
            ("DELETE", "accounts/K/link", nil),
        ]
        let token = fixture.ready.vccAdminToken
        // A Salesforce session is not an admin token, nor is a near miss of the real one.
        let wrong: [String?] = [nil, "", fixture.token, String(token.dropLast()), token + "x", String(token.reversed())]
        for (method, path, body) in calls {
            for candidate in wrong {
                let reply = try await fixture.admin(method, path, json: body, token: .some(candidate))
                #expect(reply.status == 401, "\(method) \(path): \(reply.body)")
                #expect(reply.adminErrorCode == "unauthorized")
                #expect(reply.headers["www-authenticate"]?.hasPrefix("Bearer") == true)
                #expect(!reply.body.contains(token))
            }
            let basic = try await fixture.request(method, "/vcc-admin/v1/" + path, body: body, token: .some(nil),
                                                  headers: [("Authorization", "Basic \(token)")])
            #expect(basic.status == 401)
        }
        // The scheme is case-insensitive (RFC 9110).
        let lower = try await fixture.request("GET", "/vcc-admin/v1/accounts/K/link", token: .some(nil),
                                              headers: [("Authorization", "bearer \(token)")])
        #expect(lower.status == 200, "\(lower.body)")
        #expect(try fixture.simulator().apiUsage(org: "prod") == 0)
    }

    @Test func hostileInputIsAnsweredWithFourHundredsAndTheErrorBody() async throws {
        let fixture = try await Self.start()
        defer { Task { await fixture.stop() } }
        let prod = try Self.orgId(fixture, "prod")
        let tokenPath = "orgs/\(prod)/secrets/ACME-EU-01/token"
        let cases: [(String, String, String?, Int, String)] = [
            ("PUT", tokenPath, "{", 400, "invalid_request"),
            ("PUT", tokenPath, "", 400, "invalid_request"),
            ("PUT", tokenPath, "[]", 400, "invalid_request"),
            ("PUT", tokenPath, "null", 400, "invalid_request"),
            ("PUT", tokenPath, #"{"token": 42}"#, 400, "invalid_request"),
            ("PUT", tokenPath, #"{"token": null}"#, 400, "invalid_request"),
            ("PUT", tokenPath, #"{"token": ""}"#, 400, "invalid_request"),
            ("PUT", tokenPath, #"{"token": "\#(String(repeating: "t", count: 4097))"}"#, 400, "invalid_request"),
            ("PUT", tokenPath, #"{"token": "t", "extra": 1}"#, 400, "invalid_request"),
            ("PUT", tokenPath, #"{"token": "t", "token": "u"}"#, 400, "invalid_request"),
            ("PUT", tokenPath, #"{"token": "\ud800"}"#, 400, "invalid_request"),
            ("PUT", tokenPath, String(repeating: "[", count: 10_000), 400, "invalid_request"),
            ("PUT", "orgs/\(prod)/secrets/A%20B/token", #"{"token": "t"}"#, 400, "invalid_request"),
            ("PUT", "orgs/\(prod)/secrets/%E2%80%A8/token", #"{"token": "t"}"#, 400, "invalid_request"),
            ("GET", "orgs/\(prod)/secrets?locations=maybe", nil, 400, "invalid_request"),
            ("GET", "orgs/\(prod)/secrets?locations=true&locations=false", nil, 400, "invalid_request"),
            ("POST", "links/lookup", #"{"account_keys": []}"#, 400, "invalid_request"),
            ("POST", "links/lookup", #"{"account_keys": "K"}"#, 400, "invalid_request"),
            ("POST", "links/lookup", #"{"account_keys": ["K", 1]}"#, 400, "invalid_request"),
            ("POST", "links/lookup", #"{"account_keys": ["K", "K"]}"#, 400, "invalid_request"),
            ("POST", "links/lookup", #"{"account_keys": [""]}"#, 400, "invalid_request"),
            ("POST", "links/lookup", #"{"account_keys": ["A\tB"]}"#, 400, "invalid_request"),
            ("POST", "links/lookup", #"{"account_keys": ["\#(String(repeating: "K", count: 256))"]}"#, 400, "invalid_request"),
            ("POST", "links/lookup", #"{"account_keys": [\#((0...1000).map { "\"K\($0)\"" }.joined(separator: ","))]}"#, 400,
             "invalid_request"),
            ("POST", "links/lookup", #"{"keys": ["K"]}"#, 400, "invalid_request"),
            ("POST", "accounts/K/link", #"{"org_id": "\#(prod)", "environment": "staging", "api_user": "u@x.example"}"#, 400,
             "invalid_request"),
            ("POST", "accounts/K/link", #"{"org_id": "\#(prod)", "environment": "production"}"#, 400, "invalid_request"),
            ("POST", "accounts/K/link", #"{"org_id": "\#(prod)", "environment": "production", "api_user": " "}"#, 400,
             "invalid_request"),
            ("POST", "accounts/K/link", #"{"org_id": "005000000000000", "environment": "production", "api_user": "u@x.example"}"#,
             400, "invalid_request"),
            ("POST", "accounts/K/link", #"{"org_id": "00D000000000000AAA", "environment": "production", "api_user": "u@x.example"}"#,
             404, "org_not_found"),
            ("GET", "accounts//link", nil, 400, "invalid_request"),
            ("GET", "accounts/K/link/extra", nil, 404, "not_found"),
            ("GET", "nothing", nil, 404, "not_found"),
            ("GET", "orgs/\(prod)/secrets/", nil, 404, "not_found"),
            ("DELETE", "orgs/\(prod)/secrets", nil, 405, "method_not_allowed"),
            ("POST", tokenPath, #"{"token": "t"}"#, 405, "method_not_allowed"),
            ("PATCH", "accounts/K/link", "{}", 405, "method_not_allowed"),
            ("GET", "links/lookup", nil, 405, "method_not_allowed"),
        ]
        for (method, path, body, status, code) in cases {
            let reply = try await fixture.admin(method, path, json: body)
            #expect(reply.status == status, "\(method) \(path) \(body?.prefix(80) ?? ""): \(reply.status) \(reply.body.prefix(300))")
            #expect(reply.adminErrorCode == code, "\(method) \(path): \(reply.body.prefix(300))")
            #expect((reply.object["error"] as? [String: Any])?["message"] is String)
        }
        let notAllowed = try await fixture.admin("PATCH", "accounts/K/link", json: "{}")
        #expect(notAllowed.headers["allow"] == "GET, POST, DELETE")
        #expect(try await fixture.admin("OPTIONS", "links/lookup").headers["allow"] == "POST")

        // A path segment that is not UTF-8 once decoded. AsyncHTTPClient re-encodes such a path,
        // so curl sends it as is (the token in a header file, not on the command line).
        let headerFile = try fixture.directory.write("admin-header", "Authorization: Bearer \(fixture.ready.vccAdminToken)\n")
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: headerFile)
        let curl = try await CommandRunner(executable: "/usr/bin/env").runOffThePool(
            ["curl", "-sS", "--path-as-is", "--cacert", try #require(fixture.ready.caFile), "-H", "@" + headerFile,
             "-X", "PUT", "--data", #"{"token": "t"}"#, "-w", "\n%{http_code}", fixture.url + "/vcc-admin/v1/\(tokenPath.replacingOccurrences(of: "ACME-EU-01", with: "%FF"))"])
        #expect(curl.stdout.hasSuffix("\n400"), "\(curl.stdout) \(curl.stderr)")
        #expect(curl.stdout.contains(#""code":"invalid_request""#))

        // A body over 1 MiB is refused before it is parsed.
        let huge = #"{"token": "\#(String(repeating: "x", count: 1 << 20))"}"#
        let tooLarge = try await fixture.admin("PUT", tokenPath, json: huge)
        #expect(tooLarge.status == 413)
        #expect(tooLarge.adminErrorCode == "invalid_request")

        // 1000 keys of 255 characters fit.
        let many = (0..<1000).map { "\"\(String(repeating: "k", count: 251))\(String(format: "%04d", $0))\"" }
        let lookup = try await fixture.admin("POST", "links/lookup", json: #"{"account_keys": [\#(many.joined(separator: ","))]}"#)
        #expect(lookup.status == 200, "\(lookup.body.prefix(300))")
        #expect((lookup.object["links"] as? [[String: Any]])?.count == 1000)
    }

    @Test func oddUnicodeKeysRoundTripExactly() async throws {
        let fixture = try await Self.start()
        defer { Task { await fixture.stop() } }
        // Two canonically equivalent spellings of "é" are two keys; emoji, RTL text and a key
        // with `/` (percent-encoded in the path) are keys like any other.
        let keys = ["caf\u{E9}", "cafe\u{301}", "😀-ключ", "مفتاح", "a/b", "0123", "no", "\u{200B}zero-width"]
        let body = try JSONSerialization.data(withJSONObject: ["account_keys": keys])
        let lookup = try await fixture.admin("POST", "links/lookup", json: String(decoding: body, as: UTF8.self))
        #expect(lookup.status == 200, "\(lookup.body)")
        let links = try #require(lookup.object["links"] as? [[String: Any]])
        #expect(links.map { ($0["account_key"] as? String).map { Array($0.unicodeScalars) } } == keys.map { Optional(Array($0.unicodeScalars)) })
        #expect(links.allSatisfy { $0["status"] as? String == "unlinked" && $0["linked"] is NSNull && $0["pending"] is NSNull })

        let prod = try Self.orgId(fixture, "prod")
        let started = try await fixture.admin(
            "POST", "accounts/a%2Fb/link", json: #"{"org_id": "\#(prod)", "environment": "production", "api_user": "vcc-api@acme.example"}"#)
        #expect(started.status == 202, "\(started.body)")
        #expect(started.object["poll_url"] as? String == "/vcc-admin/v1/accounts/a%2Fb/link")
        #expect(try fixture.simulator().linkStatus(key: "a/b").status == .pending)
        #expect(try fixture.simulator().linkStatus(key: "cafe\u{301}").status == .unlinked)
        let polled = try await fixture.request("GET", try #require(started.object["poll_url"] as? String),
                                               token: .some(fixture.ready.vccAdminToken))
        #expect(polled.object["account_key"] as? String == "a/b")
    }

    @Test func linkThroughTheConsentPage() async throws {
        let fixture = try await Self.start()
        defer { Task { await fixture.stop() } }
        let prod = try Self.orgId(fixture, "prod")
        let unlinked = try await fixture.admin("POST", "links/lookup", json: #"{"account_keys": ["ACME-EU-01"]}"#)
        #expect(unlinked.status == 200)
        #expect((unlinked.object["links"] as? [[String: Any]])?.first?["status"] as? String == "unlinked")

        let started = try await fixture.admin(
            "POST", "accounts/ACME-EU-01/link",
            json: #"{"org_id": "\#(prod)", "environment": "production", "api_user": "vcc-api@acme.example"}"#)
        #expect(started.status == 202, "\(started.body)")
        let consentURL = try #require(started.object["consent_url"] as? String)
        #expect(consentURL.hasPrefix(fixture.url + "/vcc-admin/v1/consent/"))
        let consentId = String(consentURL.dropFirst((fixture.url + "/vcc-admin/v1/consent/").count))
        #expect(consentId.count >= 32)
        #expect(started.object["poll_url"] as? String == "/vcc-admin/v1/accounts/ACME-EU-01/link")
        let link = try #require(started.object["link"] as? [String: Any])
        #expect(link["status"] as? String == "pending")
        #expect(link["linked"] is NSNull)
        let pending = try #require(link["pending"] as? [String: Any])
        #expect(pending["org_id"] as? String == prod)
        #expect(pending["environment"] as? String == "production")
        #expect(pending["api_user"] as? String == "vcc-api@acme.example")
        #expect(pending["consent_url"] as? String == consentURL)
        #expect((pending["since"] as? String)?.hasSuffix("Z") == true)

        let polled = try await fixture.admin("GET", "accounts/ACME-EU-01/link")
        #expect(polled.status == 200)
        #expect((polled.object["pending"] as? [String: Any])?["consent_url"] as? String == consentURL)

        let page = try await fixture.openConsent(consentURL)
        #expect(page.status == 200, "\(page.body)")
        #expect(page.headers["content-type"]?.hasPrefix("text/html") == true)
        #expect(page.headers["referrer-policy"] == "no-referrer")
        #expect(page.headers["cache-control"] == "no-store")
        #expect(page.outcome == "login")
        #expect(page.body.contains("Production"))
        #expect(page.body.contains("login.salesforce.com"))
        #expect(page.body.contains("ACME-EU-01"))
        #expect(page.body.contains(#"name="username""#))
        #expect(page.body.contains(#"name="decision" value="allow""#))
        #expect(page.body.contains(#"name="decision" value="deny""#))

        let allowed = try await fixture.submitConsent(consentURL, username: "vcc-api@acme.example", decision: "allow")
        #expect(allowed.status == 200, "\(allowed.body)")
        #expect(allowed.outcome == "linked")
        let linked = try await fixture.admin("GET", "accounts/ACME-EU-01/link")
        #expect(linked.object["status"] as? String == "linked")
        #expect(linked.object["pending"] is NSNull)
        let inForce = try #require(linked.object["linked"] as? [String: Any])
        #expect(inForce["org_id"] as? String == prod)
        #expect(inForce["environment"] as? String == "production")
        #expect(inForce["api_user"] as? String == "vcc-api@acme.example")
        #expect(inForce["consented_as"] as? String == "vcc-api@acme.example")
        #expect((inForce["linked_at"] as? String).flatMap { ISO8601DateFormatter.withFractions.date(from: $0) } != nil)
        let lookedUp = try await fixture.admin("POST", "links/lookup", json: #"{"account_keys": ["NEVER", "ACME-EU-01"]}"#)
        #expect((lookedUp.object["links"] as? [[String: Any]])?.map { $0["status"] as? String } == ["unlinked", "linked"])

        // The page is finished: it answers 410 now.
        #expect(try await fixture.openConsent(consentURL).status == 410)
        #expect(try await fixture.submitConsent(consentURL, username: "vcc-api@acme.example", decision: "allow").status == 410)

        // A relink keeps the link in force until its consent; unlink ends both at once.
        let relink = try await fixture.admin(
            "POST", "accounts/ACME-EU-01/link",
            json: #"{"org_id": "\#(prod)", "environment": "production", "api_user": "admin@acme.example"}"#)
        #expect((relink.object["link"] as? [String: Any])?["linked"] is [String: Any])
        let relinkURL = try #require(relink.object["consent_url"] as? String)
        let unlinkedNow = try await fixture.admin("DELETE", "accounts/ACME-EU-01/link")
        #expect(unlinkedNow.status == 200)
        #expect(unlinkedNow.object["status"] as? String == "unlinked")
        #expect(unlinkedNow.object["linked"] is NSNull)
        #expect(unlinkedNow.object["pending"] is NSNull)
        #expect(try await fixture.admin("DELETE", "accounts/ACME-EU-01/link").body == unlinkedNow.body, "idempotent")
        #expect(try await fixture.openConsent(relinkURL).status == 410, "unlink drops the pending link and its page")
        #expect(try fixture.simulator().apiUsage(org: "prod") == 0)
    }

    @Test func consentAsAnotherUserIsRecordedAsConsentedAs() async throws {
        let fixture = try await Self.start()
        defer { Task { await fixture.stop() } }
        let prod = try Self.orgId(fixture, "prod")
        let started = try await fixture.admin(
            "POST", "accounts/K/link", json: #"{"org_id": "\#(prod)", "environment": "production", "api_user": "vcc-api@acme.example"}"#)
        let url = try #require(started.object["consent_url"] as? String)
        let allowed = try await fixture.submitConsent(url, username: "admin@acme.example", decision: "allow")
        #expect(allowed.status == 200, "\(allowed.body)")
        let inForce = try #require(try await fixture.admin("GET", "accounts/K/link").object["linked"] as? [String: Any])
        #expect(inForce["api_user"] as? String == "vcc-api@acme.example")
        #expect(inForce["consented_as"] as? String == "admin@acme.example")
    }

    @Test func theConsentRefusesWrongEnvironmentsUsersAndASixthAccount() async throws {
        let fixture = try await Self.start()
        defer { Task { await fixture.stop() } }
        let prod = try Self.orgId(fixture, "prod")
        let uat = try Self.orgId(fixture, "uat")
        func start(_ key: String, org: String, environment: String, user: String) async throws -> String {
            let reply = try await fixture.admin(
                "POST", "accounts/\(key)/link", json: #"{"org_id": "\#(org)", "environment": "\#(environment)", "api_user": "\#(user)"}"#)
            #expect(reply.status == 202, "\(reply.body)")
            return try #require(reply.object["consent_url"] as? String)
        }

        // A production login cannot reach a sandbox user.
        let wrongEnvironment = try await start("SB-1", org: uat, environment: "production", user: "vcc-api@acme.example.uat")
        #expect(try await fixture.openConsent(wrongEnvironment).body.contains("login.salesforce.com"))
        let mismatch = try await fixture.submitConsent(wrongEnvironment, username: "vcc-api@acme.example.uat", decision: "allow")
        #expect(mismatch.status == 403, "\(mismatch.body)")
        #expect(mismatch.outcome == "environment_mismatch")
        #expect(try await fixture.admin("GET", "accounts/SB-1/link").object["status"] as? String == "pending")
        let rightEnvironment = try await start("SB-1", org: uat, environment: "sandbox", user: "vcc-api@acme.example.uat")
        let sandboxPage = try await fixture.openConsent(rightEnvironment)
        #expect(sandboxPage.body.contains("Sandbox") && sandboxPage.body.contains("test.salesforce.com"))
        #expect(try await fixture.submitConsent(rightEnvironment, username: "vcc-api@acme.example.uat", decision: "allow").outcome == "linked")

        // Unknown and inactive users, a missing username or decision.
        let url = try await start("K", org: prod, environment: "production", user: "vcc-api@acme.example")
        let unknown = try await fixture.submitConsent(url, username: "nobody@acme.example", decision: "allow")
        #expect(unknown.status == 404)
        #expect(unknown.outcome == "user_unknown")
        let inactive = try await fixture.submitConsent(url, username: "former@acme.example", decision: "allow")
        #expect(inactive.status == 403)
        #expect(inactive.outcome == "user_inactive")
        #expect(try await fixture.submitConsent(url, username: nil, decision: "allow").status == 400)
        #expect(try await fixture.submitConsent(url, username: "", decision: "allow").status == 400)
        #expect(try await fixture.submitConsent(url, username: "vcc-api@acme.example", decision: nil).status == 400)
        #expect(try await fixture.submitConsent(url, username: "vcc-api@acme.example", decision: "maybe").outcome == "invalid_request")

        // Five accounts per API user: the sixth consent is refused with 409.
        for index in 1...5 {
            let page = try await start("FIVE-\(index)", org: prod, environment: "production", user: "vcc-api@acme.example")
            #expect(try await fixture.submitConsent(page, username: "vcc-api@acme.example", decision: "allow").status == 200)
        }
        let sixth = try await fixture.submitConsent(url, username: "vcc-api@acme.example", decision: "allow")
        #expect(sixth.status == 409, "\(sixth.body)")
        #expect(sixth.outcome == "link_limit_reached")
        #expect(sixth.body.contains("five"))
        #expect(try await fixture.admin("GET", "accounts/K/link").object["status"] as? String == "pending")
    }

    @Test func denySupersedeAndUnknownConsentPages() async throws {
        let fixture = try await Self.start()
        defer { Task { await fixture.stop() } }
        let prod = try Self.orgId(fixture, "prod")
        let body = #"{"org_id": "\#(prod)", "environment": "production", "api_user": "vcc-api@acme.example"}"#
        let first = try #require(try await fixture.admin("POST", "accounts/K/link", json: body).object["consent_url"] as? String)
        let second = try #require(try await fixture.admin("POST", "accounts/K/link", json: body).object["consent_url"] as? String)
        #expect(first != second)
        let superseded = try await fixture.openConsent(first)
        #expect(superseded.status == 410)
        #expect(superseded.outcome == "consent_closed")
        #expect(try await fixture.submitConsent(first, username: "vcc-api@acme.example", decision: "allow").status == 410)
        #expect(try await fixture.openConsent(second).status == 200)

        let denied = try await fixture.submitConsent(second, username: "vcc-api@acme.example", decision: "deny")
        #expect(denied.status == 200)
        #expect(denied.outcome == "denied")
        #expect(denied.body.contains("not linked (denied)"))
        #expect(try await fixture.admin("GET", "accounts/K/link").object["status"] as? String == "unlinked")
        #expect(try await fixture.openConsent(second).status == 410)

        let base = fixture.url + "/vcc-admin/v1/consent/"
        let unknown = try await fixture.openConsent(base + String(repeating: "A", count: 43))
        #expect(unknown.status == 404)
        #expect(unknown.outcome == "consent_not_found")
        #expect(try await fixture.submitConsent(base + "short", username: "u", decision: "allow").status == 404)
        let wrongMethod = try await fixture.request("DELETE", base + String(repeating: "A", count: 43), token: .some(nil), base: "")
        #expect(wrongMethod.status == 405)
        #expect(wrongMethod.headers["allow"] == "GET, POST")
    }

    @Test func theConsentPageEscapesEverythingItShows() async throws {
        let fixture = try await Self.start()
        defer { Task { await fixture.stop() } }
        let prod = try Self.orgId(fixture, "prod")
        let key = #"<script>alert("k")</script>&'"#
        let encoded = try #require(key.addingPercentEncoding(withAllowedCharacters: .alphanumerics))
        let user = #"<b>x</b>"@acme.example"#
        let started = try await fixture.admin(
            "POST", "accounts/\(encoded)/link",
            json: #"{"org_id": "\#(prod)", "environment": "production", "api_user": "<b>x</b>\"@acme.example"}"#)
        #expect(started.status == 202, "\(started.body)")
        let url = try #require(started.object["consent_url"] as? String)
        let page = try await fixture.openConsent(url)
        #expect(page.status == 200)
        #expect(!page.body.contains("<script>"))
        #expect(!page.body.contains("<b>x</b>"))
        #expect(page.body.contains("&lt;script&gt;alert(&quot;k&quot;)&lt;/script&gt;&amp;&#39;"))
        #expect(page.body.contains("&lt;b&gt;x&lt;/b&gt;&quot;@acme.example"))
        let unknownUser = try await fixture.submitConsent(url, username: user, decision: "allow")
        #expect(unknownUser.status == 404)
        #expect(!unknownUser.body.contains("<b>x</b>"))
    }

    @Test func aTokenNeverAppearsInAnswersOrInTheEmulatorsFiles() async throws {
        let fixture = try await Self.start()
        defer { Task { await fixture.stop() } }
        let prod = try Self.orgId(fixture, "prod")
        let canary = "CANARY-\(UUID().uuidString)-TOKEN"
        var replies: [EmulatorFixture.Reply] = []
        replies.append(try await fixture.admin("PUT", "orgs/\(prod)/secrets/ACME-US-01/token", json: #"{"token": "\#(canary)"}"#))
        replies.append(try await fixture.admin("PUT", "orgs/\(prod)/secrets/NOT-IN-USE/token", json: #"{"token": "\#(canary)"}"#))
        replies.append(try await fixture.admin("PUT", "orgs/\(prod)/secrets/ACME-US-01/token", json: #"{"token": "\#(canary)", "x": 1}"#))
        replies.append(try await fixture.admin("PUT", "orgs/\(prod)/secrets/ACME-US-01/token", json: #"{"token": "\#(canary)"#))
        replies.append(try await fixture.admin("PUT", "orgs/\(prod)/secrets/ACME-US-01/token", json: #"{"token": "\#(canary)"}"#,
                                               token: .some(canary)))
        replies.append(try await fixture.admin("GET", "orgs/\(prod)/secrets"))
        #expect(replies[0].status == 200)
        #expect(try fixture.simulator().tokenMatches(org: "prod", clientId: "ACME-US-01", token: canary))
        for reply in replies {
            #expect(!reply.body.contains(canary), "\(reply.body)")
            #expect(!reply.headers.values.contains { $0.contains(canary) })
            #expect(!reply.body.contains(fixture.ready.vccAdminToken))
        }
        // Every byte of every file under the data directory (database, WAL, keys, ...): the
        // token is there only as a salted hash, and the admin token not at all.
        let files = try #require(FileManager.default.enumerator(atPath: fixture.dataDirectory)).compactMap { $0 as? String }
        #expect(files.contains("org.sqlite"))
        for name in files {
            let path = fixture.dataDirectory + "/" + name
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue else { continue }
            let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
            #expect(bytes.range(of: Data(canary.utf8)) == nil, "\(name) holds the token")
            #expect(bytes.range(of: Data(fixture.ready.vccAdminToken.utf8)) == nil, "\(name) holds the admin token")
        }
    }
}

extension ISO8601DateFormatter {
    static var withFractions: ISO8601DateFormatter {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter
    }
}
