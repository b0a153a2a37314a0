import Foundation

/// The clock and the dice of retries, injected so that tests can check the schedule.
struct RetryEnvironment: Sendable {
    /// Waits this many seconds.
    var sleep: @Sendable (Double) async throws -> Void
    /// A uniform draw in [0, 1).
    var unitRandom: @Sendable () -> Double
    var now: @Sendable () -> Date

    static let system = RetryEnvironment(
        sleep: { seconds in try await Task.sleep(for: .milliseconds(Int64(seconds * 1000))) },
        unitRandom: { Double.random(in: 0..<1) },
        now: { Date() })
}
