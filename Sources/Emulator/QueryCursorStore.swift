import OrgSimulator
import Synchronization

/// Open query cursors by locator Id (`01g…`). Bounded: the oldest are dropped past a limit, and
/// a dropped or finished locator answers `INVALID_QUERY_LOCATOR`, as an expired one does.
final class QueryCursorStore: Sendable {
    static let maximumOpen = 256

    private struct State {
        var cursors: [String: QueryCursor] = [:]
        var order: [String] = []
        var counter: Int64 = 0
    }

    private let state = Mutex(State())

    /// Keeps `cursor` and returns its locator Id.
    func open(_ cursor: QueryCursor) -> String {
        state.withLock { state in
            state.counter += 1
            // The counter starts high so locators look like real ones, not 01g000000000001.
            let id = SalesforceIdentifiers.make(keyPrefix: "01g", counter: 9_000_000_000 + state.counter)
            state.cursors[id] = cursor
            state.order.append(id)
            if state.order.count > Self.maximumOpen {
                state.cursors[state.order.removeFirst()] = nil
            }
            return id
        }
    }

    func cursor(_ id: String) -> QueryCursor? {
        state.withLock { $0.cursors[id] }
    }

    /// Forgets a cursor whose last page went out.
    func close(_ id: String) {
        state.withLock { state in
            state.cursors[id] = nil
            state.order.removeAll { $0 == id }
        }
    }
}
