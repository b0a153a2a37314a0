import Synchronization

/// The projection of the query last projected. The emulator calls `project` once per returned
/// row with the same query; resolving the SELECT list against the schema each time cost more
/// than rendering the row. One entry is enough for that pattern, and a miss only recomputes.
final class SOQLProjectionCache: Sendable {
    private let last = Mutex<(query: SOQLQuery, nodes: [SOQLProjectionNode])?>(nil)

    func nodes(for query: SOQLQuery, compute: (SOQLQuery) -> [SOQLProjectionNode]) -> [SOQLProjectionNode] {
        if let hit = last.withLock({ entry in entry.flatMap { $0.query == query ? $0.nodes : nil } }) {
            return hit
        }
        let nodes = compute(query)
        last.withLock { $0 = (query, nodes) }
        return nodes
    }
}
