#if canImport(Glibc)
import Glibc
#endif
import Synchronization

/// Decides, request by request, which fault (if any) hits. One pseudo-random draw per matching
/// spec per request from a SplitMix64 stream seeded by `--seed`: the same seed and the same
/// order of requests give the same faults, run after run.
final class FaultInjector: Sendable {
    struct Decision: Sendable, Equatable {
        var latencyMilliseconds = 0
        var fault: FaultKind?
    }

    private let specs: [FaultSpec]
    private let state: Mutex<UInt64>

    init(specs: [FaultSpec], seed: UInt64) {
        self.specs = specs
        state = Mutex(seed)
    }

    var isEmpty: Bool { specs.isEmpty }

    /// The decision for one request to `path`. The first spec whose draw hits a fault wins;
    /// latencies of all matching specs add up.
    func decide(path: String) -> Decision {
        var decision = Decision()
        for spec in specs where spec.applies(to: path) {
            decision.latencyMilliseconds += spec.latencyMilliseconds
            let draw = nextUniform()
            guard decision.fault == nil else { continue }
            var threshold = 0.0
            for kind in FaultKind.allCases {
                threshold += spec.probabilities[kind] ?? 0
                if draw < threshold {
                    decision.fault = kind
                    break
                }
            }
        }
        // One line per fault on standard error: whoever reads the emulator's log (a person, a
        // test) sees what was injected where.
        if let fault = decision.fault {
            let line = Array("fault: \(fault.rawValue) on \(path)\n".utf8)
            _ = line.withUnsafeBytes { write(STDERR_FILENO, $0.baseAddress, $0.count) }
        }
        return decision
    }

    private func nextUniform() -> Double {
        let bits = state.withLock { value -> UInt64 in
            value &+= 0x9E37_79B9_7F4A_7C15
            var z = value
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        return Double(bits >> 11) / Double(1 << 53)
    }
}
