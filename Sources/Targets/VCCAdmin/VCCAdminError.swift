/// Failures of the VCC admin endpoint as a whole (not of one change): a plan or apply cannot go
/// on without it. Messages never carry the bearer token or a secret token.
public enum VCCAdminError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The endpoint refused the bearer token (401).
    case unauthorized(url: String)
    /// No usable answer after retries.
    case unreachable(url: String, detail: String)
    /// An answer that breaks the contract (wrong status, a body that is not the documented JSON).
    case contract(url: String, detail: String)
    /// The connection settings cannot make a client (a bad URL, an unreadable CA file).
    case configuration(String)

    public var description: String {
        switch self {
        case .unauthorized(let url):
            "the VCC admin endpoint \(url) refused vccctl's bearer token (401): check the variable named by 'vcc: {token: {env: …}}'"
        case .unreachable(let url, let detail):
            "the VCC admin endpoint \(url) did not answer: \(detail)"
        case .contract(let url, let detail):
            "the VCC admin endpoint \(url) broke the contract (schemas/vcc-admin.openapi.yaml): \(detail)"
        case .configuration(let detail):
            detail
        }
    }
}
