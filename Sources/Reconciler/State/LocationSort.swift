import VCCModel

/// Sorts table entries by location, stably (the first of equal locations stays first).
///
/// Comparing Strings 100k×17 times, copying entries that hold references as it goes, cost more
/// than all the rest of a plan. So this sorts small plain keys instead (the kind and the first 15
/// bytes of the name, then the input position), compares whole names only where two prefixes
/// tie, then moves the entries into place by swapping along the permutation's cycles: no entry is
/// copied, so no reference count is touched (at 1M entries, copying and releasing them took
/// seconds). Byte order is String order for ASCII names; a table with any other name sorts with
/// String comparison, which orders canonically equivalent names as equal.
@usableFromInline
enum LocationSort {
    @usableFromInline
    struct Key {
        /// The kind's rank in the top byte, then name bytes 0–6.
        @usableFromInline var high: UInt64
        /// Name bytes 7–14.
        @usableFromInline var low: UInt64
        @usableFromInline var index: Int

        @inlinable
        init(high: UInt64, low: UInt64, index: Int) {
            self.high = high
            self.low = low
            self.index = index
        }
    }

    @inlinable
    static func sort<Value>(_ entries: inout [LocationTable<Value>.Entry]) {
        var keys: [Key] = []
        keys.reserveCapacity(entries.count)
        for index in entries.indices {
            guard let key = key(entries[index].location, index: index) else {
                entries.sort { $0.location < $1.location }
                return
            }
            keys.append(key)
        }
        keys.sort { lhs, rhs in
            if lhs.high != rhs.high { return lhs.high < rhs.high }
            if lhs.low != rhs.low { return lhs.low < rhs.low }
            if entries[lhs.index].location.name != entries[rhs.index].location.name {
                return entries[lhs.index].location.name < entries[rhs.index].location.name
            }
            return lhs.index < rhs.index
        }
        // Position p takes the entry at keys[p].index: follow each cycle, swapping.
        var placed = [Bool](repeating: false, count: entries.count)
        for start in entries.indices where !placed[start] {
            var position = start
            while true {
                placed[position] = true
                let source = keys[position].index
                if source == start { break }
                entries.swapAt(position, source)
                position = source
            }
        }
    }

    /// nil when the name is not ASCII (or not stored contiguously).
    @inlinable
    static func key(_ location: Location, index: Int) -> Key? {
        let rank: UInt64 = switch location.kind {
        case .org: 0
        case .profile: 1
        case .user: 2
        }
        return location.name.utf8.withContiguousStorageIfAvailable { bytes -> Key? in
            var high = rank << 56
            var low: UInt64 = 0
            for (offset, byte) in bytes.enumerated() {
                if byte >= 0x80 { return nil }
                if offset < 7 {
                    high |= UInt64(byte) << (8 * (6 - offset))
                } else if offset < 15 {
                    low |= UInt64(byte) << (8 * (14 - offset))
                }
            }
            return Key(high: high, low: low, index: index)
        } ?? nil
    }
}
