import Foundation

/// One `--faults` value: `KIND=PROBABILITY` pairs, an optional `latency=DURATION` and an optional
/// `route=GLOB` that narrows the whole spec to matching paths, comma-separated:
/// `error=0.1,throttle=0.05,latency=20ms,route=/services/data/*/composite*`.
public struct FaultSpec: Sendable, Hashable {
    public var probabilities: [FaultKind: Double]
    /// Added to every matching request.
    public var latencyMilliseconds: Int
    /// A glob (`*` any run of characters, `?` one); nil: every data route.
    public var route: String?

    public init(probabilities: [FaultKind: Double] = [:], latencyMilliseconds: Int = 0, route: String? = nil) {
        self.probabilities = probabilities
        self.latencyMilliseconds = latencyMilliseconds
        self.route = route
    }

    public struct ParseError: Error, Sendable, CustomStringConvertible {
        public var description: String
    }

    /// Parses one spec. - Throws: `ParseError` naming the bad part and what is allowed.
    public static func parse(_ text: String) throws(ParseError) -> FaultSpec {
        var spec = FaultSpec()
        let kinds = FaultKind.allCases.map(\.rawValue).joined(separator: ", ")
        for part in text.split(separator: ",", omittingEmptySubsequences: false) {
            let trimmed = part.trimmingCharacters(in: .whitespaces)
            guard let equals = trimmed.firstIndex(of: "=") else {
                throw ParseError(description: "fault spec \"\(text)\": \"\(trimmed)\" is not KIND=VALUE (kinds: \(kinds), latency, route)")
            }
            let key = trimmed[..<equals].lowercased()
            let value = String(trimmed[trimmed.index(after: equals)...])
            switch key {
            case "latency":
                guard let milliseconds = Self.milliseconds(value) else {
                    throw ParseError(description: "fault spec \"\(text)\": latency \"\(value)\" is not a duration such as 20ms or 1s")
                }
                spec.latencyMilliseconds = milliseconds
            case "route":
                guard value.hasPrefix("/") else {
                    throw ParseError(description: "fault spec \"\(text)\": route \"\(value)\" must be a path glob starting with /")
                }
                spec.route = value
            default:
                guard let kind = FaultKind(rawValue: key) else {
                    throw ParseError(description: "fault spec \"\(text)\": unknown kind \"\(key)\" (kinds: \(kinds), latency, route)")
                }
                guard let probability = Double(value), probability >= 0, probability <= 1 else {
                    throw ParseError(description: "fault spec \"\(text)\": \(key) needs a probability from 0 to 1, not \"\(value)\"")
                }
                spec.probabilities[kind] = probability
            }
        }
        return spec
    }

    /// Whether the spec applies to `path`. Without a route, every data route but not the token
    /// endpoint (a fault there would hide the faults a test means to study behind a failed login).
    func applies(to path: String) -> Bool {
        guard let route else { return !path.hasPrefix("/services/oauth2/") }
        return Glob.matches(pattern: Array(route.utf8), text: Array(path.utf8))
    }

    private static func milliseconds(_ text: String) -> Int? {
        let units: [(String, Double)] = [("ms", 1), ("s", 1000)]
        for (suffix, factor) in units where text.hasSuffix(suffix) {
            guard let number = Double(text.dropLast(suffix.count)), number >= 0, number <= 60_000 / factor else { return nil }
            return Int(number * factor)
        }
        return nil
    }
}
