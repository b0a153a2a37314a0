import Foundation
import Reconciler
import Testing
import VCCModel
@testable import Targets

@Suite struct SalesforceTargetTests {
    typealias R = FakeOrgReplies

    func target(_ transport: ScriptedTransport, sleeps: RecordedSleeps = RecordedSleeps()) -> SalesforceTarget {
        SalesforceTarget(endpoints: [SalesforceOrgEndpoint(orgName: "prod", auth: .clientCredentials(clientId: "c", clientSecret: "s"))],
                         options: SalesforceTargetOptions(maxAttempts: 3), transport: transport,
                         environment: sleeps.environment(unitRandom: 0.5))
    }

    /// Answers the refresh queries of a small org: the org default, a profile's and a user's
    /// record (over two pages), one record with a retired token, one of a deleted owner.
    /// `jane` and `bob`: the username and active flag of the user owning a record and of the
    /// user a declared location resolves to (renamed or deactivated in Setup between two reads).
    static func refreshOrg(isSandbox: Bool = false, reversed: Bool = false,
                           modstamp: String = "2026-05-01T10:00:00.000+0000",
                           jane: (username: String, active: Bool) = ("Jane@acme.example", false),
                           bob: (username: String, active: Bool) = ("BOB@acme.example", true)) -> ScriptedTransport.Handler {
        let first: [SalesforceJSON] = [
            R.setting("a01", owner: "00D000000000001AAA", key: "K1",
                      setupOwner: .object(["attributes": .object(["type": .string("Organization")]), "Name": .string("Acme")])),
            R.setting("a02", owner: "00eA", key: "K1",
                      setupOwner: .object(["attributes": .object(["type": .string("Profile")]), "Name": .string("Support Agent")])),
        ]
        let second: [SalesforceJSON] = [
            R.setting("a03", owner: "005U1", key: "K2", setupOwner: R.user("005U1", jane.username, active: jane.active),
                      modstamp: modstamp),
            R.setting("a04", owner: "005GONE", key: "K9", setupOwner: .null),
        ]
        let pages = reversed ? (second.reversed() as [SalesforceJSON], first.reversed() as [SalesforceJSON]) : (first, second)
        return { exchange, _ in
            if exchange.url.hasSuffix("/oauth2/token") { return .success(R.token) }
            if exchange.url.hasSuffix("/describe") { return .success(R.describe()) }
            if exchange.url.contains("/query/01gNEXT") {
                return .success(R.page(pages.1))
            }
            let soql = exchange.soql ?? ""
            if soql.hasPrefix("SELECT Id, IsSandbox FROM Organization") {
                return .success(R.page([.object(["Id": .string("00D000000000001AAA"), "IsSandbox": .bool(isSandbox)])]))
            }
            if soql.contains("TYPEOF SetupOwner") {
                #expect(exchange.header("Sforce-Query-Options") == "batchSize=2000")
                return .success(R.page(pages.0, done: false, next: "/services/data/v67.0/query/01gNEXT-2000", total: 4))
            }
            if soql.hasPrefix("SELECT Id FROM NVMContactWorld__Settings__c WHERE NVMContactWorld__clientSecret__c != null") {
                return .success(R.page([.object(["Id": .string("a02")])]))
            }
            if soql == "SELECT Id, Name FROM Profile" {
                return .success(R.page([.object(["Id": .string("00eA"), "Name": .string("Support Agent")]),
                                        .object(["Id": .string("00eB"), "Name": .string("Sales")])]))
            }
            // bob's location, and jane's once her record no longer carries her name.
            if soql.hasPrefix("SELECT Id, Username, IsActive, ProfileId FROM User WHERE Username IN ("),
               soql.lowercased().contains("'bob@acme.example'") {
                // Usernames match without regard to case, as in Salesforce; a renamed bob is not found.
                let found = bob.username.lowercased() == "bob@acme.example"
                return .success(R.page(found ? [R.user("005B", bob.username, active: bob.active, profileId: "00eB")] : []))
            }
            Issue.record("unexpected request \(exchange.method.rawValue) \(exchange.url)")
            return .success(HTTPReply(status: 400, json: "[]"))
        }
    }

    static func request(_ environment: OrgEnvironment = .production) -> RefreshRequest {
        RefreshRequest(orgs: [OrgDeclaration(name: "prod", environment: environment)],
                       declared: ["prod": LocationTable([.init(.org(), "K1"), .init(.profile("Sales"), "K1"),
                                                         .init(.user("bob@acme.example"), "K2"), .init(.user("Jane@acme.example"), "K2")])],
                       accountKeys: ["K1", "K2"])
    }

    @Test func refreshNamesEveryRecordsOwnerAndResolvesOnlyTheMissingOnes() async throws {
        let transport = ScriptedTransport(Self.refreshOrg())
        let observed = try await target(transport).refresh(Self.request())
        let org = try #require(observed.orgs["prod"])
        #expect(org.orgId == "00D000000000001AAA")
        #expect(org.settings[.org()]?.recordId == "a01")
        #expect(org.settings[.profile("Support Agent")] == ObservedSetting(recordId: "a02", ownerId: "00eA", accountKey: "K1", hasRetiredToken: true))
        #expect(org.settings[.user("Jane@acme.example")]?.owner == OwnerResolution(ownerId: "005U1", isActive: false, profileName: "Support Agent"))
        #expect(org.unnamedSettings.map(\.recordId) == ["a04"])
        #expect(org.owners == [.profile("Sales"): OwnerResolution(ownerId: "00eB"),
                               .user("bob@acme.example"): OwnerResolution(ownerId: "005B", isActive: true, profileName: "Sales")])
        // describe, Organization, two pages, retired, profiles, one user lookup.
        #expect(observed.apiCalls == 7)
        #expect(observed.apiUsage == APIUsage(used: 100, max: 15000))
        #expect(!observed.readDigest.isEmpty)
        // The retired token's value is never asked for.
        #expect(!transport.sent.contains { ($0.soql ?? "").contains("SELECT Id, NVMContactWorld__clientSecret__c") })
    }

    @Test func theDigestDoesNotDependOnTheServersOrderButOnTheRecords() async throws {
        let first = try await target(ScriptedTransport(Self.refreshOrg())).refresh(Self.request())
        let reordered = try await target(ScriptedTransport(Self.refreshOrg(reversed: true))).refresh(Self.request())
        #expect(first.readDigest == reordered.readDigest)
        #expect(first.orgs == reordered.orgs)
        // A record edited since (SystemModstamp moved) changes the digest: a saved plan is stale.
        let edited = try await target(ScriptedTransport(Self.refreshOrg(modstamp: "2026-05-02T08:00:00.000+0000"))).refresh(Self.request())
        #expect(edited.readDigest != first.readDigest)
    }

    /// A user renamed or deactivated in Setup changes no settings record (no SystemModstamp moves),
    /// yet it changes what a plan means: whose record a location is, whether it reaches anyone.
    /// A saved plan made before must be stale.
    @Test(arguments: [
        ("record owner renamed", refreshOrg(jane: ("Jane.old@acme.example", false))),
        ("record owner reactivated", refreshOrg(jane: ("Jane@acme.example", true))),
        ("resolved owner renamed", refreshOrg(bob: ("robert@acme.example", true))),
        ("resolved owner deactivated", refreshOrg(bob: ("BOB@acme.example", false))),
    ])
    func ownersRenamedOrDeactivatedChangeTheDigest(change: String, handler: @escaping ScriptedTransport.Handler) async throws {
        let first = try await target(ScriptedTransport(Self.refreshOrg())).refresh(Self.request())
        let moved = try await target(ScriptedTransport(handler)).refresh(Self.request())
        #expect(moved.readDigest != first.readDigest, "\(change)")
    }

    @Test func aDeclaredEnvironmentThatDiffersStops() async throws {
        let transport = ScriptedTransport(Self.refreshOrg(isSandbox: true))
        await #expect(throws: TargetError.self) { try await target(transport).refresh(Self.request(.production)) }
    }

    @Test func aPageThatPromisesMoreWithoutALinkIsAnError() async throws {
        let transport = ScriptedTransport { exchange, _ in
            if exchange.url.hasSuffix("/oauth2/token") { return .success(R.token) }
            if exchange.url.hasSuffix("/describe") { return .success(R.describe()) }
            if (exchange.soql ?? "").hasPrefix("SELECT Id, IsSandbox FROM Organization") {
                return .success(R.page([.object(["Id": .string("00D1"), "IsSandbox": .bool(false)])]))
            }
            return .success(R.page([], done: false))
        }
        do {
            _ = try await target(transport).refresh(Self.request())
            Issue.record("no error")
        } catch {
            #expect(String(describing: error).contains("nextRecordsUrl"))
        }
    }

    // MARK: writes

    static func change(_ action: ChangeAction, _ location: Location, owner: String, record: String? = nil, to key: String?) -> PlannedChange {
        PlannedChange(address: ResourceAddress.setting(org: "prod", location: location), action: action,
                      detail: .setting(SettingChange(org: "prod", location: location, ownerId: owner, recordId: record,
                                                     fromKey: nil, toKey: key)), reasons: [])
    }

    @Test func aDuplicateOwnerOnCreateIsReadAndUpdated() async throws {
        let transport = ScriptedTransport { exchange, _ in
            if exchange.url.hasSuffix("/oauth2/token") { return .success(R.token) }
            if exchange.url.hasSuffix("/describe") { return .success(R.describe()) }
            let subrequests = R.subrequests(exchange)
            if subrequests.first?["method"] == .string("POST") {
                return .success(R.composite([("write0", 200, .array([
                    .object(["id": .string("a10"), "success": .bool(true), "errors": .array([])]),
                    .object(["success": .bool(false), "errors": .array([.object(["statusCode": .string("DUPLICATE_VALUE"),
                        "message": .string("duplicate value found: SetupOwnerId"), "fields": .array([.string("SetupOwnerId")])])])]),
                ]))]))
            }
            if (exchange.soql ?? "").contains("WHERE SetupOwnerId IN ('00D1')") {
                return .success(R.page([R.found("a11", owner: "00D1", key: nil)]))
            }
            if subrequests.first?["method"] == .string("PATCH") {
                #expect(subrequests.first?["body"]?["records"]?.array?.first?["Id"] == .string("a11"))
                return .success(R.composite([("write0", 200, .array([.object(["id": .string("a11"), "success": .bool(true)])]))]))
            }
            Issue.record("unexpected \(exchange.url)")
            return .success(HTTPReply(status: 400, json: "[]"))
        }
        let batch = SettingsWriteBatch(org: "prod", action: .create, changes: [
            Self.change(.create, .user("jane@acme.example"), owner: "005J", to: "K1"),
            Self.change(.create, .org(), owner: "00D1", to: "K1"),
        ])
        let result = try await target(transport).write(batch)
        #expect(result.outcomes.map(\.status) == [.applied, .applied])
        #expect(result.outcomes.map(\.resource) == [.setting(accountKey: "K1", recordId: "a10", ownerId: "005J"),
                                                   .setting(accountKey: "K1", recordId: "a11", ownerId: "00D1")])
        // describe, create, re-read, update.
        #expect(result.apiCalls == 4)
    }

    @Test func aLostAnswerIsReadBeforeAnythingIsSentAgain() async throws {
        let transport = ScriptedTransport { exchange, _ in
            if exchange.url.hasSuffix("/oauth2/token") { return .success(R.token) }
            if exchange.url.hasSuffix("/describe") { return .success(R.describe()) }
            let subrequests = R.subrequests(exchange)
            if subrequests.first?["method"] == .string("POST") { return .failure(.noAnswer("connection reset by peer")) }
            if (exchange.soql ?? "").contains("WHERE SetupOwnerId IN ('005A')") {
                // The create did land.
                return .success(R.page([R.found("a20", owner: "005A", key: "K1")]))
            }
            Issue.record("unexpected \(exchange.url)")
            return .success(HTTPReply(status: 400, json: "[]"))
        }
        let batch = SettingsWriteBatch(org: "prod", action: .create, changes: [
            Self.change(.create, .user("a@acme.example"), owner: "005A", to: "K1"),
        ])
        let result = try await target(transport).write(batch)
        #expect(result.outcomes.map(\.resource) == [.setting(accountKey: "K1", recordId: "a20", ownerId: "005A")])
        let creates = transport.sent.filter { R.subrequests($0).first?["method"] == .string("POST") }
        #expect(creates.count == 1)
    }

    @Test func theDailyLimitInterruptsKeepingWhatLanded() async throws {
        let transport = ScriptedTransport { exchange, _ in
            if exchange.url.hasSuffix("/oauth2/token") { return .success(R.token) }
            if exchange.url.hasSuffix("/describe") { return .success(R.describe()) }
            let subrequests = R.subrequests(exchange)
            if subrequests.first?["method"] == .string("PATCH") {
                return .success(R.composite([("write0", 200, .array([
                    .object(["success": .bool(false), "errors": .array([.object(["statusCode": .string("ENTITY_IS_DELETED"), "message": .string("gone")])])]),
                    .object(["id": .string("a31"), "success": .bool(true)]),
                ]))]))
            }
            return .success(HTTPReply(status: 403, headers: [("Sforce-Limit-Info", "api-usage=15000/15000")],
                                      json: #"[{"message":"TotalRequests Limit exceeded.","errorCode":"REQUEST_LIMIT_EXCEEDED"}]"#))
        }
        let batch = SettingsWriteBatch(org: "prod", action: .update, changes: [
            Self.change(.update, .user("a@acme.example"), owner: "005A", record: "a30", to: "K2"),
            Self.change(.update, .user("b@acme.example"), owner: "005B", record: "a31", to: "K2"),
        ])
        do {
            _ = try await target(transport).write(batch)
            Issue.record("no interruption")
        } catch let interrupted as TargetInterrupted {
            #expect(interrupted.reason == .dailyLimitReached(usage: APIUsage(used: 15000, max: 15000)))
            #expect(interrupted.landed.map(\.address) == [batch.changes[1].address])
            #expect(interrupted.apiCalls == 3)
        }
    }

    @Test func aUserWhoCannotWriteFailsBeforeAnythingIsSent() async throws {
        let transport = ScriptedTransport { exchange, _ in
            if exchange.url.hasSuffix("/oauth2/token") { return .success(R.token) }
            return .success(R.describe(createable: false))
        }
        let batch = SettingsWriteBatch(org: "prod", action: .create, changes: [Self.change(.create, .org(), owner: "00D1", to: "K")])
        do {
            _ = try await target(transport).write(batch)
            Issue.record("no error")
        } catch {
            #expect(String(describing: error).contains("Customize Application"))
        }
        #expect(!transport.sent.contains { $0.url.hasSuffix("/composite") })
    }

    @Test func deletesOfGoneRecordsAreApplied() async throws {
        let transport = ScriptedTransport { exchange, _ in
            if exchange.url.hasSuffix("/oauth2/token") { return .success(R.token) }
            if exchange.url.hasSuffix("/describe") { return .success(R.describe()) }
            return .success(R.composite([("write0", 200, .array([
                .object(["success": .bool(false), "errors": .array([.object(["statusCode": .string("ENTITY_IS_DELETED"), "message": .string("gone")])])]),
                .object(["success": .bool(false), "errors": .array([.object(["statusCode": .string("INSUFFICIENT_ACCESS_OR_READONLY"), "message": .string("no")])])]),
            ]))]))
        }
        let batch = SettingsWriteBatch(org: "prod", action: .delete, changes: [
            Self.change(.delete, .user("a@acme.example"), owner: "005A", record: "a40", to: nil),
            Self.change(.delete, .user("b@acme.example"), owner: "005B", record: "a41", to: nil),
        ])
        let result = try await target(transport).write(batch)
        #expect(result.outcomes.map(\.status) == [.applied, .failed])
        #expect(result.outcomes[0].resource == nil)
        #expect(result.outcomes[1].code == "INSUFFICIENT_ACCESS_OR_READONLY")
        #expect(result.apiCalls == 2)
    }
}
