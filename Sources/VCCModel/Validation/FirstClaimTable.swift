/// Finds, for each location claimed in one org, the first claim of it: an open-addressing hash
/// table of small integer references into the accounts' location lists.
///
/// A `Set<Location>` would copy every location (retaining its name) into the table and release it
/// again; at a million locations that bookkeeping cost more than the check itself.
struct FirstClaimTable {
    /// A claim: the `list`-th location list of the org and the `element`-th location in it.
    struct Reference: Equatable, Sendable {
        var list: Int32
        var element: Int32
    }

    private var slots: [Int64]
    private var hashes: [Int]
    private let mask: Int

    init(capacity: Int) {
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        slots = [Int64](repeating: 0, count: size)
        hashes = [Int](repeating: 0, count: size)
        mask = size - 1
    }

    /// Records `reference` unless an equal location was recorded before; then returns that one.
    mutating func insert(
        _ reference: Reference, hash: Int, sameLocation: (Reference) -> Bool
    ) -> Reference? {
        var slot = hash & mask
        while true {
            let stored = slots[slot]
            if stored == 0 {
                slots[slot] = ((Int64(reference.list) << 32) | Int64(reference.element)) + 1
                hashes[slot] = hash
                return nil
            }
            if hashes[slot] == hash {
                let earlier = Reference(list: Int32(truncatingIfNeeded: (stored - 1) >> 32),
                                        element: Int32(truncatingIfNeeded: stored - 1))
                if sameLocation(earlier) { return earlier }
            }
            slot = (slot + 1) & mask
        }
    }
}
