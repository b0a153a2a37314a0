/// `vccctl sim api-usage --format json` (schemas/sim-api-usage.schema.json): each org's API
/// calls used of its daily allowance, in a document with `format_version` like every other.
public enum APIUsageJSON {
    public struct Org: Encodable, Sendable {
        var org: String
        var used: Int
        var max: Int

        public init(org: String, used: Int, max: Int) {
            self.org = org
            self.used = used
            self.max = max
        }
    }

    struct Document: Encodable {
        var format_version: Int
        var orgs: [Org]
    }

    public static func render(_ orgs: [Org]) -> String {
        JSONText.encode(Document(format_version: 1, orgs: orgs))
    }
}
