import Dispatch
import Synchronization

/// A bounded queue of event batches from libyaml's thread to the composer's. Parsing and
/// composing then run on two cores: the composer's work hides behind libyaml's.
final class YAMLEventPipe: Sendable {
    private let batches = Mutex<[YAMLEventBatch]>([])
    private let filled = DispatchSemaphore(value: 0)
    private let free: DispatchSemaphore
    private let cancelled = Atomic<Bool>(false)

    init(capacity: Int = 8) {
        free = DispatchSemaphore(value: capacity)
    }

    /// Producer: waits while the queue is full.
    func put(_ batch: YAMLEventBatch) {
        free.wait()
        batches.withLock { $0.append(batch) }
        filled.signal()
    }

    /// Consumer: waits for the next batch.
    func take() -> YAMLEventBatch {
        filled.wait()
        let batch = batches.withLock { $0.removeFirst() }
        free.signal()
        return batch
    }

    /// Consumer: stop producing (the consumer keeps taking until the ending batch arrives).
    func cancel() { cancelled.store(true, ordering: .relaxed) }

    var isCancelled: Bool { cancelled.load(ordering: .relaxed) }
}
