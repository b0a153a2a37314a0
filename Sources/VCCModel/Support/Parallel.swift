import Dispatch
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// Data parallelism for the few places where a large configuration is worth splitting across
/// cores (decoding accounts, hashing locations). Results come back in index order.
enum Parallel {
    /// Processors available to this process.
    static let width: Int = {
        #if canImport(Glibc)
        let online = Int(sysconf(Int32(_SC_NPROCESSORS_ONLN)))
        return max(1, online)
        #else
        return 1
        #endif
    }()

    static func map<T: Sendable>(_ count: Int, _ body: @Sendable (Int) -> T) -> [T] {
        guard count > 1 else { return (0..<count).map(body) }
        let results = Mutex<[Int: T]>([:])
        DispatchQueue.concurrentPerform(iterations: count) { index in
            let value = body(index)
            results.withLock { $0[index] = value }
        }
        return results.withLock { table in (0..<count).map { table[$0]! } }
    }

    /// Splits `weights.count` items into at most `width` contiguous ranges of similar total weight.
    static func chunks(weights: [Int], width: Int = Parallel.width) -> [Range<Int>] {
        let total = weights.reduce(0, +)
        guard width > 1, weights.count > 1, total > 0 else { return [0..<weights.count] }
        var ranges: [Range<Int>] = []
        var start = 0
        var sum = 0
        for (index, weight) in weights.enumerated() {
            sum += weight
            if sum * width >= total * (ranges.count + 1), ranges.count < width - 1 {
                ranges.append(start..<(index + 1))
                start = index + 1
            }
        }
        if start < weights.count { ranges.append(start..<weights.count) }
        return ranges
    }
}
