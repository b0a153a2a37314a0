import Synchronization

/// Values kept alive until the process exits. A plan's collections hold hundreds of thousands of
/// strings; releasing them one by one costs a fifth of a large plan's time, while the kernel takes
/// the whole heap back at exit at once. Only for one-shot commands: nothing here is ever freed.
enum ParkedUntilExit {
    private static let values = Mutex<[any Sendable]>([])

    static func park(_ value: any Sendable) {
        values.withLock { $0.append(value) }
    }
}
