/// One HTTP request as the Salesforce adapter sends it: an absolute URL, headers, a body.
struct HTTPExchange: Sendable, Equatable {
    enum Method: String, Sendable {
        case get = "GET", post = "POST", put = "PUT", patch = "PATCH", delete = "DELETE"
    }

    var method: Method
    var url: String
    var headers: [(String, String)]
    var body: [UInt8]?

    init(method: Method, url: String, headers: [(String, String)] = [], body: [UInt8]? = nil) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
    }

    static func == (lhs: HTTPExchange, rhs: HTTPExchange) -> Bool {
        lhs.method == rhs.method && lhs.url == rhs.url && lhs.body == rhs.body
            && lhs.headers.map { [$0.0, $0.1] } == rhs.headers.map { [$0.0, $0.1] }
    }
}
