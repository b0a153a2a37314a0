import Testing
import TestSupport
import VCCModel
@testable import Reconciler

/// Apply clears a retired token field only once the token is stored as its key's secret in that
/// apply (or was stored before): a secret that ends pending (a person stores it by hand) or
/// failed holds the clear back, which the next plan plans again.
@Suite struct ApplyDependenciesTests {
    static let record = "a0X1"
    static let sales = Location.profile("Sales")
    static let salesId = "00e000000000001AAA"

    /// A VCC side whose secrets end with `status`: stored, left to a person, or refused.
    struct ScriptedVCC: VCCPort {
        let status: ChangeOutcome.Status
        let fake = FakeVCC()

        var canObserve: Bool { true }

        func listSecrets(in org: VCCOrg, locations: Bool) async throws -> VCCSecretList { VCCSecretList(secrets: []) }

        func setToken(_ token: TokenToStore, accountKey: String, in org: VCCOrg) async throws -> VCCStepResult {
            switch status {
            case .applied: return .done
            case .pending:
                return .person(ManualStep(kind: .storeToken, address: .secret(org: org.name, accountKey: accountKey),
                                          title: "store it", instructions: ["by hand"]), verifiable: false)
            case .failed: throw VCCRejection(code: "SCRIPTED", message: "refused")
            }
        }

        func readLinks(_ accountKeys: [String]) async throws -> [String: ObservedLink] { try await fake.readLinks(accountKeys) }

        func startLink(accountKey: String, to org: VCCOrg, environment: OrgEnvironment, apiUser: String) async throws
            -> VCCStepResult
        {
            try await fake.startLink(accountKey: accountKey, to: org, environment: environment, apiUser: apiUser)
        }

        func unlink(accountKey: String) async throws -> VCCStepResult { try await fake.unlink(accountKey: accountKey) }
    }

    static let secretChange = PlannedChange(
        address: .secret(org: "prod", accountKey: "A"), action: .setToken,
        detail: .secret(SecretChange(org: "prod", accountKey: "A", variable: "TOKEN_A",
                                     fingerprint: TokenFingerprint(token: "t", salt: testSalt), wasSet: false)),
        reasons: [])
    static let clearChange = PlannedChange(
        address: .setting(org: "prod", location: sales), action: .clearRetired,
        detail: .setting(SettingChange(org: "prod", location: sales, ownerId: salesId, recordId: record, fromKey: "A", toKey: "A")),
        reasons: [])

    /// Applies `changes` with secrets ending `status`; the summary, the target and the state after.
    func apply(_ changes: [PlannedChange], secretsEnd status: ChangeOutcome.Status) async throws
        -> (ApplyEngine.Summary, FakeTarget, AppliedState?)
    {
        let store = InMemoryStateStore()
        let target = FakeTarget(owners: [Self.sales: OwnerResolution(ownerId: Self.salesId)])
        let plan = Plan(lineage: nil, serial: nil, configDigest: "c", readDigest: "r", changes: changes, drift: [],
                        apiCalls: APICallEstimate(refresh: 0, apply: changes.count))
        let lock = LockHolder(id: "L1", who: "t", host: "h", pid: 1, command: "apply", since: 0)
        let summary = try await StateLock.withLock(store, holder: lock, timeout: 0) { held in
            try await ApplySession(remote: RemoteSystems(target: target, vcc: ScriptedVCC(status: status)), store: store,
                                   environment: environment(["TOKEN_A": "t"]), who: "t", host: "h", clock: { 0 })
                .apply(plan, lockID: held.id)
        }
        return (summary, target, try await store.load())
    }

    @Test func aSecretThatLandedLetsTheClearGo() async throws {
        let (summary, target, state) = try await apply([Self.secretChange, Self.clearChange], secretsEnd: .applied)
        #expect(summary.outcomes.map(\.status) == [.applied, .applied])
        #expect(target.clearedRetired == [Self.record])
        #expect(state?[Self.clearChange.address] == .setting(accountKey: "A", recordId: Self.record, ownerId: Self.salesId))
    }

    @Test func aPendingSecretLeavesTheClearPendingAndUnattempted() async throws {
        let (summary, target, state) = try await apply([Self.secretChange, Self.clearChange], secretsEnd: .pending)
        #expect(summary.outcomes.map(\.status) == [.pending, .pending])
        let clear = try #require(summary.outcomes.last)
        #expect(clear.code == ApplyDependencies.waitsForSecretCode)
        #expect(clear.message?.hasPrefix("waits for the token of A to be stored in Secrets Management of 'prod'") == true)
        #expect(target.clearedRetired.isEmpty && target.writes == 0)
        #expect(state?[Self.clearChange.address] == nil, "a pending clear records nothing")
        #expect(ApplySession.status(of: summary) == .pending)
    }

    @Test func aFailedSecretFailsTheClearUnattempted() async throws {
        let (summary, target, _) = try await apply([Self.secretChange, Self.clearChange], secretsEnd: .failed)
        #expect(summary.outcomes.map(\.status) == [.failed, .failed])
        #expect(summary.outcomes.last?.code == ApplyDependencies.failedCode)
        #expect(target.clearedRetired.isEmpty)
    }

    @Test func aSecretStoredBeforeThisApplyHoldsNothingBack() async throws {
        let (summary, target, _) = try await apply([Self.clearChange], secretsEnd: .failed)
        #expect(summary.outcomes.map(\.status) == [.applied])
        #expect(target.clearedRetired == [Self.record])
    }

    @Test func theDependencyRulesInOnePlace() {
        var dependencies = ApplyDependencies([Self.secretChange, Self.clearChange])
        #expect(dependencies.heldBack(Self.clearChange)?.status == .pending, "the secret has not run yet")
        dependencies.landed(Self.secretChange, ChangeOutcome(address: Self.secretChange.address, status: .applied, resource: nil))
        #expect(dependencies.heldBack(Self.clearChange) == nil)
        // A secret waits for the records carrying its key.
        var records = ApplyDependencies([Self.secretChange])
        let create = PlannedChange(address: .setting(org: "prod", location: .org()), action: .create,
                                   detail: .setting(SettingChange(org: "prod", location: .org(), ownerId: prodOrgId,
                                                                  recordId: nil, fromKey: nil, toKey: "A")), reasons: [])
        records.landed(create, ChangeOutcome(address: create.address, status: .failed, resource: nil))
        #expect(records.heldBack(Self.secretChange)?.code == ApplyDependencies.failedCode)
    }
}
