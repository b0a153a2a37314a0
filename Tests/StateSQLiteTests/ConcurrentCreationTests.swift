import Foundation
import Reconciler
import StateSQLite
import Testing
import TestSupport

/// Eight runs starting on a path where no state exists, at once, each with its own connection (as
/// eight processes would): each waits for the lock as long as its timeout says, whoever gets it
/// first creates and initializes the state, and none fails on the file being busy while another
/// creates it. Repeated on fresh paths, since a race shows only sometimes.
@Suite struct ConcurrentCreationTests {
    static let runs = 8
    static let rounds = 25

    @Test func eightFirstRunsAtOnceAllGetTheLockInTurn() async throws {
        for round in 0..<Self.rounds {
            let fixture = try StoreFixture("concurrent")
            defer { fixture.remove() }
            let results = await withTaskGroup(of: Result<String, any Error>.self) { group in
                for run in 0..<Self.runs {
                    group.addTask {
                        let store = fixture.secondStore()
                        do {
                            let holder = StateFixtures.holder("run-\(run)")
                            return .success(try await StateLock.withLock(store, holder: holder, timeout: 60, pollInterval: 0.02) { _ in
                                try await store.initialize(lineage: "lineage-of-\(run)", fingerprintSalt: [UInt8(run)]).lineage
                            })
                        } catch {
                            return .failure(error)
                        }
                    }
                }
                var results: [Result<String, any Error>] = []
                for await result in group { results.append(result) }
                return results
            }
            let failures = results.compactMap { result -> String? in
                if case .failure(let error) = result { return "\(error)" }
                return nil
            }
            #expect(failures.isEmpty, "round \(round): \(failures)")
            // One lineage: the first run's; every later one found it.
            let lineages = Set(results.compactMap { try? $0.get() })
            #expect(lineages.count == 1, "round \(round): \(lineages)")
            #expect(try await fixture.secondStore().load()?.lineage == lineages.first)
            if !failures.isEmpty { return }
        }
    }
}
