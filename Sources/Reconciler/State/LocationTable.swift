public import VCCModel

/// Values keyed by location, kept sorted by location (kind, then name) with each location once.
///
/// The settings of an org are the big collections of a plan (one entry per profile or user, 100k
/// and more); a sorted array of entries costs a fraction of a dictionary's memory and hashing, is
/// joined with the other sides by one merging pass (`SettingsDiff`), and answers the few single
/// lookups by binary search.
@frozen
public struct LocationTable<Value: Sendable>: Sendable, RandomAccessCollection {
    @frozen
    public struct Entry: Sendable {
        public var location: Location
        public var value: Value

        @inlinable
        public init(_ location: Location, _ value: Value) {
            self.location = location
            self.value = value
        }
    }

    public private(set) var entries: [Entry]

    public init() {
        entries = []
    }

    /// Entries already sorted, each location once.
    @usableFromInline
    init(sorted: [Entry]) {
        entries = sorted
    }

    /// Sorts `entries` unless they already are sorted (a scan in key order is, so that costs one
    /// pass). Of entries sharing a location the first stays; the others are dropped and returned
    /// by `building`.
    @inlinable
    public init(_ entries: consuming [Entry]) {
        self = Self.building(entries).table
    }

    /// The table, and the entries that repeated a location already in it (in input order).
    /// Takes `entries` over: pass the last use of an array (`consume`) and it is sorted in place,
    /// never copied.
    @inlinable
    public static func building(_ entries: consuming [Entry]) -> (table: LocationTable, repeated: [Entry]) {
        var sorted = entries
        if !Self.isSorted(sorted) { LocationSort.sort(&sorted) }
        var repeated: [Entry] = []
        if let first = sorted.indices.dropFirst().first(where: { sorted[$0 - 1].location == sorted[$0].location }) {
            var unique = first
            for index in first..<sorted.count {
                if sorted[unique - 1].location == sorted[index].location {
                    repeated.append(sorted[index])
                    continue
                }
                if unique != index { sorted.swapAt(unique, index) }
                unique += 1
            }
            sorted.removeLast(sorted.count - unique)
        }
        return (LocationTable(sorted: sorted), repeated)
    }

    @inlinable
    static func isSorted(_ entries: [Entry]) -> Bool {
        entries.withUnsafeBufferPointer { entries in
            var index = 1
            while index < entries.count {
                if entries[index].location < entries[index - 1].location { return false }
                index += 1
            }
            return true
        }
    }

    /// Runs `body` over the entries in place. Merging passes read millions of locations; through
    /// an unsafe buffer they are borrowed where they lie, where an array's elements get copied
    /// (a reference count up and down per name) on their way into a comparison.
    @inlinable
    public func withUnsafeEntries<Result>(_ body: (UnsafeBufferPointer<Entry>) throws -> Result) rethrows -> Result {
        try entries.withUnsafeBufferPointer(body)
    }

    // MARK: Collection

    @inlinable public var startIndex: Int { entries.startIndex }
    @inlinable public var endIndex: Int { entries.endIndex }
    @inlinable public subscript(position: Int) -> Entry { entries[position] }

    // MARK: Lookup

    /// The value at `location`; setting nil removes it. Inserting keeps the order (linear: for
    /// tests and small edits, not for building a large table).
    public subscript(location: Location) -> Value? {
        @inlinable get {
            let index = insertionIndex(of: location)
            return index < entries.endIndex && entries[index].location == location ? entries[index].value : nil
        }
        set {
            let index = insertionIndex(of: location)
            let present = index < entries.endIndex && entries[index].location == location
            switch (newValue, present) {
            case let (value?, true): entries[index].value = value
            case let (value?, false): entries.insert(Entry(location, value), at: index)
            case (nil, true): entries.remove(at: index)
            case (nil, false): break
            }
        }
    }

    /// The first index whose location is not below `location`.
    @usableFromInline
    func insertionIndex(of location: Location) -> Int {
        var low = entries.startIndex
        var high = entries.endIndex
        while low < high {
            let middle = low + (high - low) / 2
            if entries[middle].location < location { low = middle + 1 } else { high = middle }
        }
        return low
    }
}

extension LocationTable.Entry: Equatable where Value: Equatable {}
extension LocationTable: Equatable where Value: Equatable {}

extension LocationTable: ExpressibleByDictionaryLiteral {
    public init(dictionaryLiteral elements: (Location, Value)...) {
        self.init(elements.map { Entry($0.0, $0.1) })
    }

    public init(_ dictionary: [Location: Value]) {
        self.init(dictionary.map { Entry($0.key, $0.value) })
    }
}
