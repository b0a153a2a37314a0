/// An open session: the bearer token and the instance it is valid on. Never printed.
struct SalesforceSessionToken: Sendable, Equatable, CustomStringConvertible {
    var accessToken: String
    var instanceURL: String

    var description: String { "session on \(instanceURL)" }
}
