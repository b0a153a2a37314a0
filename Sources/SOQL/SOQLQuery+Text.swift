/// SOQL text for a query, in a canonical spelling (upper-case keywords, `!=` for `<>`, explicit
/// NULLS only where it differs from the default). Parsing the text gives back an equal query.
extension SOQLQuery: CustomStringConvertible {
    public var description: String {
        var out = "SELECT " + items.map(Self.text(of:)).joined(separator: ", ") + " FROM " + object
        if let condition { out += " WHERE " + Self.text(of: condition, nested: false) }
        if !ordering.isEmpty {
            out += " ORDER BY " + ordering.map { o in
                var key = o.path.joined(separator: ".") + (o.ascending ? " ASC" : " DESC")
                if o.nullsFirst != o.ascending { key += o.nullsFirst ? " NULLS FIRST" : " NULLS LAST" }
                return key
            }.joined(separator: ", ")
        }
        if let limit { out += " LIMIT \(limit)" }
        if let offset { out += " OFFSET \(offset)" }
        return out
    }

    private static func text(of item: SOQLSelectItem) -> String {
        switch item {
        case .field(let path): return path.joined(separator: ".")
        case .count: return "COUNT()"
        case .typeOf(let relationship, let whens, let otherwise):
            var out = "TYPEOF " + relationship
            for when in whens {
                out += " WHEN \(when.type) THEN " + when.fields.map { $0.joined(separator: ".") }.joined(separator: ", ")
            }
            if !otherwise.isEmpty { out += " ELSE " + otherwise.map { $0.joined(separator: ".") }.joined(separator: ", ") }
            return out + " END"
        }
    }

    private static func text(of condition: SOQLCondition, nested: Bool) -> String {
        switch condition {
        case .and(let terms), .or(let terms):
            let keyword: String
            if case .and = condition { keyword = " AND " } else { keyword = " OR " }
            let inner = terms.map { text(of: $0, nested: true) }.joined(separator: keyword)
            return nested ? "(\(inner))" : inner
        case .not(let inner):
            return "NOT " + text(of: inner, nested: true)
        case .compare(let path, let op, let value):
            return path.joined(separator: ".") + " \(op.rawValue) " + text(of: value)
        case .inList(let path, let values, let negated):
            return path.joined(separator: ".") + (negated ? " NOT IN (" : " IN (")
                + values.map(text(of:)).joined(separator: ", ") + ")"
        }
    }

    static func text(of value: SOQLValue) -> String {
        switch value {
        case .string(let s):
            // quote() doubles a backslash, but `\%` and `\_` are already escapes: keep them as such.
            return SOQLLiteral.quote(s).replacingEscapedWildcards()
        case .number(let d): return plainDecimal(d)
        case .boolean(let b): return b ? "true" : "false"
        case .null: return "null"
        case .dateTime(let s): return s
        }
    }
}

/// `d` without an exponent, because SOQL number literals have none: `1e+20` → `100000000000000000000`.
private func plainDecimal(_ d: Double) -> String {
    if d == d.rounded(), abs(d) < 9e15 { return String(Int64(d)) }
    let text = String(d)
    guard let e = text.firstIndex(where: { $0 == "e" || $0 == "E" }), let exponent = Int(text[text.index(after: e)...])
    else { return text }
    var mantissa = String(text[..<e])
    let negative = mantissa.hasPrefix("-")
    if negative { mantissa.removeFirst() }
    let parts = mantissa.split(separator: ".", omittingEmptySubsequences: false)
    let whole = String(parts[0]), fraction = parts.count > 1 ? String(parts[1]) : ""
    var digits = whole + fraction
    var point = whole.count + exponent
    if point <= 0 {
        digits = String(repeating: "0", count: 1 - point) + digits
        point = 1
    }
    if point >= digits.count { digits += String(repeating: "0", count: point - digits.count) }
    var out = String(digits.prefix(point))
    let rest = digits.dropFirst(point).drop { _ in false }
    if !rest.allSatisfy({ $0 == "0" }) { out += "." + rest }
    return (negative ? "-" : "") + out
}

extension String {
    /// `\\%` back to `\%` and `\\_` back to `\_`, but only where the backslash before them is an
    /// escaped wildcard rather than an escaped backslash (`\\\\%` stays).
    fileprivate func replacingEscapedWildcards() -> String {
        var out = String.UnicodeScalarView()
        let s = Array(unicodeScalars)
        var i = 0
        while i < s.count {
            if s[i] == "\\", i + 2 < s.count, s[i + 1] == "\\", s[i + 2] == "%" || s[i + 2] == "_" {
                out.append("\\")
                out.append(s[i + 2])
                i += 3
            } else if s[i] == "\\", i + 1 < s.count {
                out.append(s[i])
                out.append(s[i + 1])
                i += 2
            } else {
                out.append(s[i])
                i += 1
            }
        }
        return String(out)
    }
}
