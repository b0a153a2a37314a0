/// A REST request relative to the org's instance (`/services/data/...`), before a session is attached.
struct APIRequest: Sendable, Equatable {
    var method: HTTPExchange.Method
    /// A server-absolute path with its query string, already encoded.
    var path: String
    var headers: [(String, String)]
    var body: SalesforceJSON?

    init(method: HTTPExchange.Method, path: String, headers: [(String, String)] = [], body: SalesforceJSON? = nil) {
        self.method = method
        self.path = path
        self.headers = headers
        self.body = body
    }

    /// The exchange on `session`, with the headers every call carries.
    func exchange(_ session: SalesforceSessionToken, clientName: String) -> HTTPExchange {
        var all: [(String, String)] = [
            ("Authorization", "Bearer " + session.accessToken),
            ("Accept", "application/json"),
            ("Sforce-Call-Options", "client=" + clientName),
        ]
        if body != nil { all.append(("Content-Type", "application/json")) }
        all += headers
        return HTTPExchange(method: method, url: session.instanceURL + path, headers: all, body: body?.encoded())
    }

    static func == (lhs: APIRequest, rhs: APIRequest) -> Bool {
        lhs.method == rhs.method && lhs.path == rhs.path && lhs.body == rhs.body
            && lhs.headers.map { [$0.0, $0.1] } == rhs.headers.map { [$0.0, $0.1] }
    }
}
