import Foundation
import Testing
import VCCModel
@testable import Reconciler

@Suite struct StalenessTests {
    static let token = "token-value-1"
    let secretAddress = ResourceAddress.secret(org: "prod", accountKey: "A")

    func desired() -> DesiredState {
        desiredState([account("A", prod: [.org()], token: "TOKEN_A")])
    }

    /// A plan that sets A's token, made against `state`.
    func makePlan(state: AppliedState?) throws -> Plan {
        try requirePlan(desired(), applied: state, observed: observedProd(readDigest: "read-1"), env: ["TOKEN_A": Self.token])
    }

    func staleness(_ plan: Plan, state: AppliedState?, config: String? = nil, read: String = "read-1",
                   env: [String: String] = ["TOKEN_A": token]) -> [PlanStaleness] {
        plan.staleness(state: state, configDigest: config ?? plan.configDigest, readDigest: read,
                       environment: { env[$0] })
    }

    @Test func freshPlanIsNotStale() throws {
        let state = appliedState()
        let plan = try makePlan(state: state)
        #expect(plan.hasChanges)
        #expect(staleness(plan, state: state).isEmpty)
    }

    @Test func freshPlanWithoutStateIsNotStale() throws {
        // No state: the token was fingerprinted with the salt the new state will keep.
        let plan = try makePlan(state: nil)
        #expect(staleness(plan, state: nil).isEmpty)
    }

    @Test func stateCreatedSinceAPlanMadeWithoutState() throws {
        let plan = try makePlan(state: nil)
        // As after a first apply of this very plan: same salt, state exists now.
        #expect(staleness(plan, state: appliedState(serial: 1, salt: testSalt)) == [.stateCreatedSince])
        // Or after another plan's apply created the state with its own salt: the tokens did not change.
        #expect(staleness(plan, state: appliedState(serial: 1, salt: otherSalt)) == [.stateCreatedSince])
    }

    @Test func lineageChanged() throws {
        let plan = try makePlan(state: appliedState(lineage: "L1"))
        #expect(staleness(plan, state: appliedState(lineage: "L2")) == [.lineageChanged(planned: "L1", current: "L2")])
        // Another lineage has another salt: that alone must not make the token look changed.
        #expect(staleness(plan, state: appliedState(lineage: "L2", salt: otherSalt))
            == [.lineageChanged(planned: "L1", current: "L2")])
        #expect(staleness(plan, state: nil) == [.lineageChanged(planned: "L1", current: nil)])
    }

    @Test func serialMoved() throws {
        let plan = try makePlan(state: appliedState(serial: 7))
        #expect(staleness(plan, state: appliedState(serial: 8)) == [.serialMoved(planned: 7, current: 8)])
    }

    @Test func configChanged() throws {
        let state = appliedState()
        let plan = try makePlan(state: state)
        #expect(staleness(plan, state: state, config: "other") == [.configChanged])
    }

    @Test func remoteChanged() throws {
        let state = appliedState()
        let plan = try makePlan(state: state)
        #expect(staleness(plan, state: state, read: "read-2") == [.remoteChanged])
    }

    @Test func tokenChanged() throws {
        let state = appliedState()
        let plan = try makePlan(state: state)
        let reasons = staleness(plan, state: state, env: ["TOKEN_A": "another-token"])
        #expect(reasons == [.tokenChanged(variable: "TOKEN_A", address: "secret.prod[\"A\"]")])
        #expect(!reasons[0].description.contains("another-token"))
    }

    @Test(arguments: [[:], ["TOKEN_A": ""]] as [[String: String]])
    func tokenMissing(env: [String: String]) throws {
        let state = appliedState()
        let plan = try makePlan(state: state)
        #expect(staleness(plan, state: state, env: env) == [.tokenMissing(variable: "TOKEN_A")])
    }

    @Test func forgottenSecretsNeedNoToken() throws {
        let state = appliedState([secretAddress: .secret(fingerprint: TokenFingerprint(token: "x", salt: testSalt))])
        let plan = try requirePlan(desiredState([account("A", prod: [.org()])]), applied: state,
                                   observed: observedProd(readDigest: "read-1"))
        #expect(plan.summary.contains("forget secret.prod[\"A\"]"))
        #expect(staleness(plan, state: state, env: [:]).isEmpty)
    }

    @Test func newerFormatIsTheOnlyReason() throws {
        let state = appliedState()
        var plan = try makePlan(state: state)
        plan.formatVersion = Plan.formatVersion + 1
        #expect(staleness(plan, state: nil, config: "other", read: "other", env: [:]) == [.newerFormat(Plan.formatVersion + 1)])
    }

    @Test func reasonsAccumulate() throws {
        let plan = try makePlan(state: appliedState(serial: 7))
        let reasons = staleness(plan, state: appliedState(serial: 9), config: "c", read: "r", env: [:])
        #expect(reasons == [.serialMoved(planned: 7, current: 9), .configChanged, .remoteChanged, .tokenMissing(variable: "TOKEN_A")])
        #expect(reasons.allSatisfy { !$0.description.isEmpty })
    }

    static let config = """
        version: 1
        orgs:
          prod: {environment: production}
        accounts:
          A:
            token: {env: TOKEN_A}
            locations:
              prod: [org, {profile: Sales}]
            link: {org: prod, apiUser: api@acme.example}

        """

    @Test func configDigestIgnoresSourcePositions() throws {
        let (original, _) = try loadDesired(Self.config)
        let moved = Self.config
            .replacingOccurrences(of: "version: 1\n", with: "# a comment\n\nversion: 1\n\n")
            .replacingOccurrences(of: "[org, {profile: Sales}]", with: "\n        - org\n        - profile: Sales")
        let (relocated, _) = try loadDesired(moved, name: "elsewhere.yaml")
        let observed = observedProd(owners: [.profile("Sales"): OwnerResolution(ownerId: "00e1")], apiUsers: goodAPIUsers)
        let a = try requirePlan(original, observed: observed, env: ["TOKEN_A": "t"])
        let b = try requirePlan(relocated, observed: observed, env: ["TOKEN_A": "t"])
        #expect(a.configDigest == b.configDigest)
        #expect(a.configDigest.count == 64)
    }

    @Test(arguments: [
        ("{profile: Sales}", "{profile: Sales Agent}"),
        ("TOKEN_A", "TOKEN_B"),
        ("apiUser: api@acme.example", "apiUser: api2@acme.example"),
        ("link: {org: prod, apiUser: api@acme.example}", "link: unlinked"),
        ("environment: production", "environment: sandbox"),
        ("  A:\n", "  B:\n"),
    ])
    func configDigestChangesWithContent(from: String, to: String) throws {
        let (original, _) = try loadDesired(Self.config)
        let changed = Self.config.replacingOccurrences(of: from, with: to)
        #expect(changed != Self.config)
        let (edited, _) = try loadDesired(changed)
        #expect(DesiredStateDigest.digest(original) != DesiredStateDigest.digest(edited))
    }
}
