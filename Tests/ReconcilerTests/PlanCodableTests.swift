import Foundation
import Testing
import VCCModel
@testable import Reconciler

@Suite struct PlanCodableTests {
    /// A plan with changes of every kind, drift, a saved salt and estimate.
    func richPlan() throws -> Plan {
        let sales = Location.profile("Sales \"EU\"")
        let gone = Location.profile("Gone")
        let desired = desiredState([
            account("A", prod: [.org(), sales], token: "TOKEN_A",
                    link: .linked(org: "prod", apiUser: "api@x.example", origin: .none)),
            account("B", link: .unlinked(origin: .none)),
        ])
        let applied = appliedState([
            settingAddress(gone): .setting(accountKey: "A", recordId: "r1", ownerId: "00e1"),
            settingAddress(sales): .setting(accountKey: "OLD", recordId: "r2", ownerId: "00e2"),
            .secret(org: "prod", accountKey: "A"): .secret(fingerprint: TokenFingerprint(token: "old", salt: testSalt)),
        ])
        let observed = observedProd(
            settings: [gone: ObservedSetting(recordId: "r1", ownerId: "00e1", accountKey: "A", hasRetiredToken: true),
                       sales: ObservedSetting(recordId: "r2", ownerId: "00e2", accountKey: "HAND")],
            tokenSet: ["A": true],
            links: ["A": .legacy(org: nil, orgId: nil),
                    "B": .pending(org: "prod", apiUser: "api@x.example")],
            apiUsers: goodAPIUsers)
        var plan = try requirePlan(desired, applied: applied, observed: observed, env: ["TOKEN_A": "new"])
        plan.newStateSalt = "0011"
        return plan
    }

    @Test func planRoundTripsThroughJSON() throws {
        let plan = try richPlan()
        #expect(Set(plan.changes.map(\.action)) == [.unlink, .delete, .create, .update, .rotateToken, .relink])
        #expect(Set(plan.drift.map(\.driftClass)) == [.plaintextToken, .changedOutside, .linkLegacy])

        let data = try JSONEncoder().encode(plan)
        let decoded = try JSONDecoder().decode(Plan.self, from: data)
        #expect(decoded == plan)
        #expect(decoded.changes.map(\.reasons) == plan.changes.map(\.reasons))
        // Encoding the decoded plan gives the same bytes (sorted keys): nothing lost or added.
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        #expect(try encoder.encode(decoded) == encoder.encode(plan))
    }

    @Test func emptyPlanRoundTrips() throws {
        let plan = Plan(lineage: nil, serial: nil, configDigest: "c", readDigest: "r", changes: [], drift: [],
                        apiCalls: APICallEstimate(refresh: 0, apply: 0))
        #expect(try JSONDecoder().decode(Plan.self, from: JSONEncoder().encode(plan)) == plan)
    }

    @Test func jsonNamesTheFieldsTheSchemaDocuments() throws {
        let plan = try richPlan()
        let object = try #require(try JSONSerialization.jsonObject(with: JSONEncoder().encode(plan)) as? [String: Any])
        #expect(object["formatVersion"] as? Int == Plan.formatVersion)
        #expect(object["lineage"] as? String == "L1")
        let drift = try #require(object["drift"] as? [[String: Any]])
        #expect(drift.allSatisfy { $0["class"] is String && $0["address"] is String })
        let changes = try #require(object["changes"] as? [[String: Any]])
        #expect(changes.first?["address"] as? String == #"link["B"]"#)
        #expect(changes.first?["action"] as? String == "unlink")
        // Fingerprints are plain hex strings.
        let rotate = try #require(plan.changes.first { $0.action == .rotateToken }?.secret)
        #expect(String(decoding: try JSONEncoder().encode(rotate.fingerprint), as: UTF8.self) == "\"\(rotate.fingerprint.hex)\"")
    }

    @Test func declarationOriginsSurviveOnlyAsPointers() throws {
        // Location origins are written as file:line:column and do not affect equality.
        let here = SourceOrigin(file: .init(path: "conf/a.yaml"), range: .init(at: .init(line: 4, column: 9)))
        let change = SettingChange(org: "prod", location: .profile("Sales", origin: here), ownerId: "o", recordId: nil,
                                   fromKey: nil, toKey: "K")
        let data = try JSONEncoder().encode(change)
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect((object["location"] as? [String: Any])?["origin"] as? String == "conf/a.yaml:4:9")
        let decoded = try JSONDecoder().decode(SettingChange.self, from: data)
        #expect(decoded == change)
        #expect(decoded.location.origin.location?.description == "conf/a.yaml:4:9")
    }
}
