/// Case-insensitive text comparison, the way SOQL compares strings. ASCII text (nearly every
/// Salesforce value) is folded byte by byte without allocating; anything else falls back to
/// Unicode lowercasing, which allocates but is rare.
enum SOQLText {
    @inline(__always)
    static func fold(_ byte: UInt8) -> UInt8 {
        byte &- 65 < 26 ? byte | 0x20 : byte
    }

    /// -1, 0 or 1 as `a` sorts before, equal to, or after `b`, ignoring case.
    static func compareIgnoringCase(_ a: String, _ b: String) -> Int {
        var a = a, b = b
        // Native Swift strings hand out contiguous UTF-8; bridged ones get made native once.
        let fast = a.withUTF8 { ua in
            b.withUTF8 { ub in compareASCII(ua, ub) }
        }
        if let fast { return fast }
        let la = a.lowercased(), lb = b.lowercased()
        return la < lb ? -1 : (la == lb ? 0 : 1)
    }

    static func equalsIgnoringCase(_ a: String, _ b: String) -> Bool {
        if a.utf8.count != b.utf8.count, isASCII(a), isASCII(b) { return false }
        return compareIgnoringCase(a, b) == 0
    }

    static func isASCII(_ s: String) -> Bool {
        s.utf8.allSatisfy { $0 < 0x80 }
    }

    /// nil when either side leaves ASCII before the comparison is decided.
    private static func compareASCII(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> Int? {
        let n = min(a.count, b.count)
        var i = 0
        while i < n {
            let x = a[i], y = b[i]
            if x | y >= 0x80 { return nil }
            if x != y {
                let fx = fold(x), fy = fold(y)
                if fx != fy { return fx < fy ? -1 : 1 }
            }
            i += 1
        }
        // A non-ASCII tail on the longer side still sorts after: shorter prefix first.
        return a.count == b.count ? 0 : (a.count < b.count ? -1 : 1)
    }
}
