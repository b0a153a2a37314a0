import Hummingbird
import SOQL

/// A request under `/services/data/vXX.X/`, from the wire or from a Composite subrequest.
struct RESTRequest {
    var method: HTTPRequest.Method
    /// "67.0".
    var version: String
    /// The path after the version, without leading or trailing slashes ("sobjects/Account/describe").
    var parts: [Substring]
    var query: FormBody
    var body: JSONValue?
    /// `Sforce-Query-Options: batchSize=N`.
    var batchSize: Int?

    /// Splits `/services/data/vXX.X/rest?query`; nil when the path is not a versioned data path
    /// or the version is not served.
    static func parse(method: HTTPRequest.Method, target: String, versions: ClosedRange<Int>) -> RESTRequest?? {
        let pathPart: Substring
        let queryPart: Substring
        if let mark = target.firstIndex(of: "?") {
            pathPart = target[..<mark]
            queryPart = target[target.index(after: mark)...]
        } else {
            pathPart = target[...]
            queryPart = ""
        }
        let prefix = "/services/data/v"
        guard pathPart.hasPrefix(prefix) else { return .none }
        let rest = pathPart.dropFirst(prefix.count)
        let versionText = rest.prefix { $0 != "/" }
        guard let version = Self.version(versionText), versions.contains(version) else { return .some(nil) }
        let parts = rest.dropFirst(versionText.count).split(separator: "/")
        return RESTRequest(method: method, version: EmulatorService.versionText(version), parts: parts,
                           query: FormBody(queryPart), body: nil)
    }

    /// 67 for "67.0"; nil for anything else.
    private static func version(_ text: Substring) -> Int? {
        guard text.hasSuffix(".0"), let major = Int(text.dropLast(2)), major > 0 else { return nil }
        return major
    }

    /// The path of a resource of this version, for URLs in responses.
    func path(_ rest: String) -> String { "/services/data/v\(version)/\(rest)" }
}
