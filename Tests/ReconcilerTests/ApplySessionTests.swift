import Testing
import TestSupport
import VCCModel
@testable import Reconciler

/// The apply workflow of the library: budgets refused before anything is written, a stop
/// part-way that keeps what landed, a re-run that converges, and commits only from the serial the
/// plan was made at. In memory (InMemoryStateStore, FakeTarget): no process, no server.
@Suite struct ApplySessionTests {
    static let locations = (0..<2500).map { Location.profile("P\(String(100_000 + $0).dropFirst())") }
    static let owners = Dictionary(uniqueKeysWithValues: locations.enumerated().map {
        ($1, OwnerResolution(ownerId: "00e\(String(1_000_000_000_000_000 + $0).dropFirst(3))"))
    })

    struct World {
        let store = InMemoryStateStore()
        let target: FakeTarget
        let desired = desiredState([account("K", prod: ApplySessionTests.locations)])

        init(limitAfterWrites: Int? = nil, landOnStop: Int = 0) {
            target = FakeTarget(owners: ApplySessionTests.owners, limitAfterWrites: limitAfterWrites, landOnStop: landOnStop)
        }

        var remote: RemoteSystems { RemoteSystems(target: target, vcc: FakeVCC()) }

        func plan() async throws -> Plan {
            let outcome = try await PlanningSession(remote: remote, store: store, environment: environment())
                .plan(desired, newStateSalt: testSalt)
            return try #require(outcome.plan)
        }

        func apply(_ plan: Plan, budget: APIBudget = APIBudget(), stop: ApplyStop? = nil,
                   progress: (ChangeOutcome) -> Void = { _ in }) async throws -> ApplyEngine.Summary {
            let lock = LockHolder(id: "L-\(plan.digest.prefix(8))", who: "t", host: "h", pid: 1, command: "apply", since: 0)
            return try await StateLock.withLock(store, holder: lock, timeout: 0) { held in
                try await ApplySession(remote: remote, store: store, environment: environment(), budget: budget,
                                       who: "t", host: "h", clock: { 1_700_000_000 }, stop: stop)
                    .apply(plan, lockID: held.id, progress: progress)
            }
        }
    }

    @Test func theDailyLimitMidApplyKeepsWhatLandedAndARerunConverges() async throws {
        let world = World(limitAfterWrites: 1, landOnStop: 300)
        let plan = try await world.plan()
        #expect(plan.apiCalls.apply == 3)
        let stopped = try await world.apply(plan)
        #expect(stopped.stopped == .dailyLimitReached(usage: APIUsage(used: 100, max: 100)))
        #expect(stopped.applied == 1300)
        #expect(stopped.notAttempted == 1200)
        #expect(try await world.store.load()?.count == 1300)
        #expect(world.target.keys.count == 1300)
        #expect(try await world.store.history(limit: 1).first?.status == .failed)

        world.target.liftLimit()
        let rest = try await world.plan()
        #expect(rest.changes.count == 1200, "only what did not land is planned again")
        let finished = try await world.apply(rest)
        #expect(finished.stopped == nil && finished.applied == 1200)
        #expect(try await world.plan().changes.isEmpty)
        #expect(world.target.keys.count == 2500)
    }

    /// A stop asked while a batch is in flight (a signal): that batch lands and is committed, no
    /// further batch is sent, the entry reads interrupted, and a re-run does the rest.
    @Test func aRequestedStopEndsTheApplyAtTheNextBatchBoundary() async throws {
        let world = World()
        let plan = try await world.plan()
        let stop = ApplyStop()
        let stopped = try await world.apply(plan, stop: stop) { _ in stop.request("SIGTERM") }
        #expect(stopped.stopped == .stopRequested("SIGTERM"))
        #expect(world.target.writes == 1)
        #expect(stopped.applied == 1000 && stopped.notAttempted == 1500)
        #expect(try await world.store.load()?.count == 1000)
        #expect(try await world.store.history(limit: 1).first?.status == .interrupted)
        #expect(try await world.store.currentLock() == nil)

        let rest = try await world.plan()
        #expect(rest.changes.count == 1500)
        #expect(try await world.apply(rest).applied == 1500)
        #expect(try await world.plan().changes.isEmpty)
    }

    @Test func anApplyStopsAtItsCallCap() async throws {
        let world = World()
        let plan = try await world.plan()
        // The estimate (3) is over the cap: refused before anything is written.
        await #expect(throws: APIBudgetRefusal.overCap(estimate: 3, cap: 2)) {
            _ = try await world.apply(plan, budget: APIBudget(maxCalls: 2))
        }
        #expect(world.target.writes == 0)
        #expect(try await world.store.history(limit: 1).isEmpty, "a refused apply opens no history entry")
    }

    @Test func aReserveRefusesAPlanTheOrgCannotAfford() {
        var plan = Plan(lineage: nil, serial: nil, configDigest: "", readDigest: "", changes: [], drift: [],
                        apiCalls: APICallEstimate(refresh: 1, apply: 50, usage: APIUsage(used: 14_900, max: 15_000)))
        #expect(APIBudget(reserve: 60).refusal(for: plan, usage: plan.apiCalls.usage)
                == .overRemaining(estimate: 50, remaining: 100, reserve: 60))
        #expect(APIBudget(reserve: 50).refusal(for: plan, usage: plan.apiCalls.usage) == nil)
        plan.apiCalls.usage = APIUsage(used: 10, max: 15_000, perApp: .init(name: "vccctl", used: 990, max: 1000))
        #expect(APIBudget(reserve: 0).refusal(for: plan, usage: plan.apiCalls.usage)
                == .overRemaining(estimate: 50, remaining: 10, reserve: 0), "the connected app's cap counts too")
    }

    @Test func aPlanMadeAtAnotherSerialIsNeverCommitted() async throws {
        let world = World()
        let first = try await world.plan()
        _ = try await world.apply(first)
        var stale = first
        stale.lineage = try await world.store.load()?.lineage
        stale.serial = 0
        await #expect(throws: StateCommitRefused.self) { _ = try await world.apply(stale) }
    }

    @Test func limitInfoHeadersParse() {
        #expect(APIUsage.parse(header: "api-usage=18/15000") == APIUsage(used: 18, max: 15000))
        #expect(APIUsage.parse(header: "api-usage=25/5000, per-app-api-usage=17/250(appName=vccctl)")
                == APIUsage(used: 25, max: 5000, perApp: .init(name: "vccctl", used: 17, max: 250)))
        #expect(APIUsage.parse(header: "per-app-api-usage=1/2(appName=x)") == nil)
        #expect(APIUsage.parse(header: "api-usage=x/1") == nil)
        #expect(APIUsage(used: 25, max: 5000, perApp: .init(name: "a", used: 240, max: 250)).remaining == 10)
    }

    @Test func readDigestsDoNotDependOnOrder() {
        var forward = ReadDigest()
        var backward = ReadDigest()
        let objects = (0..<50).map { ["setting", "a0B\($0)", "00e\($0)", "K\($0 % 3)"] }
        for object in objects { forward.add(object) }
        for object in objects.reversed() { backward.add(object) }
        #expect(forward.hex == backward.hex)
        var changed = ReadDigest()
        for object in objects.dropLast() { changed.add(object) }
        changed.add(["setting", "a0B49", "00e49", "K2-changed"])
        #expect(changed.hex != forward.hex)
        var twice = forward
        twice.add(objects[0])
        #expect(twice.hex != forward.hex, "an object read twice is not the same read")
    }
}
