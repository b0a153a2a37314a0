/// A compiled LIKE pattern: `%` matches any run of characters, `_` exactly one, `\%` and `\_`
/// (and `\` before any other character) the character itself. Matching ignores case.
struct SOQLLikePattern: Sendable {
    enum Element: Sendable, Equatable {
        case literal(UInt32)
        case one
        case any
    }

    let elements: [Element]

    init(_ pattern: String) {
        var elements: [Element] = []
        var escaped = false
        for c in pattern.lowercased().unicodeScalars {
            if escaped {
                elements.append(.literal(c.value))
                escaped = false
            } else if c == "\\" {
                escaped = true
            } else if c == "%" {
                // Consecutive %s are one %; keeps the backtracking below linear in them.
                if elements.last != .any { elements.append(.any) }
            } else if c == "_" {
                elements.append(.one)
            } else {
                elements.append(.literal(c.value))
            }
        }
        if escaped { elements.append(.literal(UInt32(UInt8(ascii: "\\")))) }
        self.elements = elements
    }

    func matches(_ text: String) -> Bool {
        var text = text
        // ASCII text (the usual case) is matched in place, folding case byte by byte.
        let fast: Bool? = text.withUTF8 { bytes in
            for b in bytes where b >= 0x80 { return nil }
            return match(count: bytes.count) { UInt32(SOQLText.fold(bytes[$0])) }
        }
        if let fast { return fast }
        let lowered = text.lowercased().unicodeScalars.map(\.value)
        return match(count: lowered.count) { lowered[$0] }
    }

    /// Iterative wildcard matching with one backtrack point: the last `%` seen absorbs one more
    /// character whenever the rest fails. No recursion, O(n·m) at worst.
    private func match(count n: Int, _ at: (Int) -> UInt32) -> Bool {
        let m = elements.count
        var p = 0, s = 0
        var star = -1, starText = 0
        while s < n {
            if p < m {
                switch elements[p] {
                case .literal(let c) where c == at(s):
                    p += 1
                    s += 1
                    continue
                case .one:
                    p += 1
                    s += 1
                    continue
                case .any:
                    star = p
                    starText = s
                    p += 1
                    continue
                default: break
                }
            }
            guard star >= 0 else { return false }
            p = star + 1
            starText += 1
            s = starText
        }
        while p < m, elements[p] == .any { p += 1 }
        return p == m
    }
}
