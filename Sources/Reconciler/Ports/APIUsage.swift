/// An org's API usage, as Salesforce reports it on every response (`Sforce-Limit-Info:
/// api-usage=USED/MAX`, `per-app-api-usage=USED/MAX(appName=NAME)`) or in `/limits/`.
public struct APIUsage: Sendable, Hashable, Codable {
    /// Calls counted in the rolling 24 hours, and the allocation.
    public var used: Int
    public var max: Int
    /// The connected app's own usage and cap, when the org sets one.
    public var perApp: PerApp?

    public struct PerApp: Sendable, Hashable, Codable {
        public var name: String
        public var used: Int
        public var max: Int

        public init(name: String, used: Int, max: Int) {
            self.name = name
            self.used = used
            self.max = max
        }
    }

    public init(used: Int, max: Int, perApp: PerApp? = nil) {
        self.used = used
        self.max = max
        self.perApp = perApp
    }

    /// Calls left before the tighter of the two caps.
    public var remaining: Int {
        let org = Swift.max(0, max - used)
        guard let perApp else { return org }
        return Swift.min(org, Swift.max(0, perApp.max - perApp.used))
    }

    /// Parses a `Sforce-Limit-Info` header value; nil when it carries no `api-usage`.
    public static func parse(header: String) -> APIUsage? {
        var usage: APIUsage?
        var perApp: PerApp?
        for part in header.split(separator: ",") {
            let item = part.drop { $0 == " " }
            if item.hasPrefix("api-usage="), let (used, max) = fraction(item.dropFirst("api-usage=".count)) {
                usage = APIUsage(used: used, max: max)
            } else if item.hasPrefix("per-app-api-usage=") {
                let rest = item.dropFirst("per-app-api-usage=".count)
                guard let open = rest.firstIndex(of: "("), let (used, max) = fraction(rest[..<open]) else { continue }
                var name = String(rest[rest.index(after: open)...])
                if name.hasSuffix(")") { name.removeLast() }
                if name.hasPrefix("appName=") { name.removeFirst("appName=".count) }
                perApp = PerApp(name: name, used: used, max: max)
            }
        }
        usage?.perApp = perApp
        return usage
    }

    private static func fraction(_ text: Substring) -> (Int, Int)? {
        let parts = text.split(separator: "/")
        guard parts.count == 2, let used = Int(parts[0]), let max = Int(parts[1]), used >= 0, max >= 0 else { return nil }
        return (used, max)
    }
}
