/// A row's place in the ordering by its leading ORDER BY key, packed into integers so that most
/// comparisons during the sort touch no strings and no reference counts.
///
/// `bucket` puts nulls first or last and separates value kinds; `high`/`low` order values within a
/// bucket: numbers and instants exactly, strings by their first 16 case-folded ASCII bytes. When
/// the packed keys tie and `exact` is false, the evaluator compares the full values.
struct SOQLSortEntry {
    var bucket: UInt8
    /// The packed key is the whole value, so a tie is a real tie on this key.
    var exact: Bool
    var index: Int32
    var high: UInt64
    var low: UInt64

    init(_ key: SOQLSortKey, index: Int, ascending: Bool, nullsFirst: Bool) {
        self.index = Int32(truncatingIfNeeded: index)
        var high: UInt64 = 0, low: UInt64 = 0
        var exact = true
        let kind: UInt8
        switch key {
        case .null:
            bucket = nullsFirst ? 0 : 6
            self.exact = true
            self.high = 0
            self.low = 0
            return
        case .bool(let b):
            kind = 0
            high = b ? 1 : 0
        case .number(let d):
            kind = 1
            let bits = (d == 0 ? 0 : d).bitPattern  // -0 sorts with 0
            high = bits & (1 << 63) != 0 ? ~bits : bits | (1 << 63)
        case .instant(let t):
            kind = 2
            high = UInt64(bitPattern: t) ^ (1 << 63)
        case .string(let s):
            kind = 3
            (high, low, exact) = Self.pack(s)
        }
        bucket = 1 + (ascending ? kind : 3 - kind)
        self.exact = exact
        self.high = ascending ? high : ~high
        self.low = ascending ? low : ~low
    }

    /// The first 16 bytes, ASCII folded to lower case, big-endian, zero-padded (a shorter string
    /// sorts first). From the first non-ASCII byte on, 0xFF: every non-ASCII character sorts after
    /// ASCII, as the full comparison has it.
    private static func pack(_ s: String) -> (UInt64, UInt64, Bool) {
        var high: UInt64 = 0, low: UInt64 = 0
        var exact = true
        var count = 0
        var nonASCII = false
        for byte in s.utf8 {
            if count == 16 {
                exact = false
                break
            }
            var b = SOQLText.fold(byte)
            if byte >= 0x80 || nonASCII {
                nonASCII = true
                b = 0xFF
            } else if byte == 0 {
                exact = false
            }
            if count < 8 { high |= UInt64(b) << (56 - 8 * count) } else { low |= UInt64(b) << (56 - 8 * (count - 8)) }
            count += 1
        }
        if nonASCII {
            exact = false
            while count < 16 {
                if count < 8 { high |= 0xFF << (56 - 8 * count) } else { low |= 0xFF << (56 - 8 * (count - 8)) }
                count += 1
            }
        }
        return (high, low, exact)
    }
}
