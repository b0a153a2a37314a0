import Foundation
import Reconciler
import StateSQLite
import Testing
import TestSupport

/// Measures `load()` of large states (figures for the issue note). Not a test of behaviour and
/// never run by default: benchmarks measure, tests assert. Run it in a release build:
///
///     VCCCTL_BENCH_STATE=1 swift test -c release -Xswiftc -enable-testing \
///         --filter StateSQLiteTests.StateLoadBenchmark
///
/// `VCCCTL_BENCH_STATE_SIZES=10000,100000` chooses the sizes (default 100k and 1M locations).
/// Compare with the libyaml floor of the same machine and moment (Benchmarks/README.md): on a
/// shared machine, wall times swing with the load of others; the least CPU time swings less.
@Suite(.enabled(if: ProcessInfo.processInfo.environment["VCCCTL_BENCH_STATE"] != nil))
struct StateLoadBenchmark {
    static var sizes: [Int] {
        let text = ProcessInfo.processInfo.environment["VCCCTL_BENCH_STATE_SIZES"] ?? "100000,1000000"
        return text.split(separator: ",").compactMap { Int($0) }
    }

    @Test func loadLargeStates() async throws {
        for size in Self.sizes {
            try await measure(size)
        }
    }

    func measure(_ size: Int) async throws {
        let fixture = try StoreFixture("bench")
        defer { fixture.remove() }
        try await fixture.ready()

        // What a first apply of `size` locations leaves: the settings plus 50 secrets and links.
        var resources = StateFixtures.manySettings(size)
        for index in 0..<50 {
            resources[.secret(org: "prod", accountKey: "ACME-\(index)")] =
                .secret(fingerprint: TokenFingerprint(token: "token-\(index)", salt: StateFixtures.salt))
            resources[.link(accountKey: "ACME-\(index)")] = .link(org: "prod", apiUser: "vcc-api-\(index / 5)@acme.example")
        }
        let outcomes = StateFixtures.applied(resources)
        let clock = ContinuousClock()

        // Commits of 200 outcomes, as the apply engine lands settings (one commit per API call).
        let commitBatches = min(outcomes.count, 20_000) / 200
        let commitStart = clock.now
        for batch in 0..<commitBatches {
            try await fixture.commit(Array(outcomes[batch * 200..<(batch + 1) * 200]), applyID: "apply-1")
        }
        let commitTime = clock.now - commitStart
        // The rest in large commits, to build the state quickly.
        for start in stride(from: commitBatches * 200, to: outcomes.count, by: 50_000) {
            try await fixture.commit(Array(outcomes[start..<min(start + 50_000, outcomes.count)]), applyID: "apply-1")
        }
        let fileBytes = (try FileManager.default.attributesOfItem(atPath: fixture.path)[.size] as? NSNumber)?.intValue ?? 0
        let walBytes = (try? FileManager.default.attributesOfItem(atPath: fixture.path + "-wal")[.size] as? NSNumber)?.intValue ?? 0

        // A fresh store, as a new `vccctl plan` process has: opening (with the schema checks) included.
        var times: [Duration] = []
        var cpuTimes: [Double] = []
        var rssDelta = 0
        for run in 0..<5 {
            let store = fixture.secondStore()
            let rssBefore = Self.residentBytes()
            let start = clock.now
            let cpuStart = Self.cpuSeconds()
            let state = try #require(try await store.load())
            times.append(clock.now - start)
            cpuTimes.append(Self.cpuSeconds() - cpuStart)
            if run == 0 { rssDelta = Self.residentBytes() - rssBefore }
            #expect(state.resources.count == resources.count)
        }

        // For comparison: parsing the addresses' text form instead of reading their parts.
        let texts = resources.keys.map(\.description)
        let parseStart = clock.now
        var parsed = 0
        for text in texts where ResourceAddress(text) != nil { parsed += 1 }
        let parseTime = clock.now - parseStart
        #expect(parsed == texts.count)

        let sorted = times.sorted()
        let cpuMin = cpuTimes.min() ?? 0
        print("""
            state load, \(resources.count) resources (\(size) settings + 100): \
            median \(Self.ms(sorted[sorted.count / 2])), min \(Self.ms(sorted[0])), max \(Self.ms(sorted.last!)), \
            least CPU \(String(format: "%.1f ms", cpuMin * 1000)); \
            RSS +\(rssDelta >> 20) MiB on first load; file \(fileBytes >> 20) MiB (+ WAL \(walBytes >> 20) MiB); \
            \(commitBatches) commits of 200: \(Self.ms(commitTime)) (\(Self.ms(commitTime / max(commitBatches, 1))) each); \
            parsing the address texts instead would add \(Self.ms(parseTime))
            """)
    }

    static func ms(_ duration: Duration) -> String {
        let (seconds, attoseconds) = duration.components
        return String(format: "%.1f ms", Double(seconds) * 1000 + Double(attoseconds) / 1e15)
    }

    /// CPU time of the whole process (all threads: GRDB reads on its own queue).
    static func cpuSeconds() -> Double {
        var usage = rusage()
        #if canImport(Glibc)
        getrusage(Int32(RUSAGE_SELF.rawValue), &usage)
        #else
        getrusage(RUSAGE_SELF, &usage)
        #endif
        return Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec)
            + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6
    }

    /// VmRSS from /proc (Linux); 0 elsewhere.
    static func residentBytes() -> Int {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
              let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmRSS:") }) else { return 0 }
        return (Int(line.split(separator: " ").dropFirst().first ?? "") ?? 0) * 1024
    }
}
