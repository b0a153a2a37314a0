import Foundation

/// An `application/x-www-form-urlencoded` body (also a URL query string): the first value of
/// each name wins; names given more than once are remembered, for callers that refuse them.
struct FormBody {
    private(set) var values: [String: String] = [:]
    private(set) var repeatedNames: Set<String> = []

    init(_ text: Substring) {
        for pair in text.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = Self.decode(parts[0])
            let value = parts.count > 1 ? Self.decode(parts[1]) : ""
            if values[name] == nil { values[name] = value } else { repeatedNames.insert(name) }
        }
    }

    subscript(name: String) -> String? { values[name] }

    static func decode(_ text: Substring) -> String {
        let spaced = text.replacingOccurrences(of: "+", with: " ")
        return spaced.removingPercentEncoding ?? spaced
    }
}
