import SOQL

/// A query ending in `IN (...)` over many values, split into queries whose request URI stays
/// under Salesforce's recommended 2,000 characters. Sizes come from the percent-encoded length
/// of each literal (a name of non-ASCII letters encodes to many times its length), never from
/// a fixed count.
struct InListQuery: Sendable, Equatable {
    /// Everything up to and including `IN (`.
    let head: String
    static let tail = ")"
    static let separator = ", "
    /// Salesforce recommends URIs under 2,000 characters.
    static let maxURILength = 2000

    /// The queries for `values` (each literal quoted by `SOQLLiteral.quote`), in order, each
    /// value in exactly one. `prefixLength` is the length of what precedes the encoded query in the
    /// URI (origin, path and `?q=`). A value too long to fit even alone gets a query of its own.
    func queries(_ values: [String], prefixLength: Int) -> [String] {
        chunks(values, prefixLength: prefixLength).map { head + $0.joined(separator: Self.separator) + Self.tail }
    }

    /// The literal lists of `queries`, quoted.
    func chunks(_ values: [String], prefixLength: Int) -> [[String]] {
        let fixed = prefixLength + PercentEncoding.encodedLength(head) + PercentEncoding.encodedLength(Self.tail)
        let separatorLength = PercentEncoding.encodedLength(Self.separator)
        var chunks: [[String]] = []
        var current: [String] = []
        var length = fixed
        for value in values {
            let literal = SOQLLiteral.quote(value)
            let added = PercentEncoding.encodedLength(literal) + (current.isEmpty ? 0 : separatorLength)
            if !current.isEmpty, length + added >= Self.maxURILength {
                chunks.append(current)
                current = []
                length = fixed
                current.append(literal)
                length += PercentEncoding.encodedLength(literal)
            } else {
                current.append(literal)
                length += added
            }
        }
        if !current.isEmpty { chunks.append(current) }
        return chunks
    }
}
