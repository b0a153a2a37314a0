/// An HTTP response: status, headers (names compared case-insensitively), body bytes.
struct HTTPReply: Sendable {
    var status: Int
    var headers: [(String, String)]
    var body: [UInt8]

    init(status: Int, headers: [(String, String)] = [], body: [UInt8] = []) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    init(status: Int, headers: [(String, String)] = [], json: String) {
        self.init(status: status, headers: headers, body: Array(json.utf8))
    }

    func header(_ name: String) -> String? {
        let wanted = name.lowercased()
        return headers.first { $0.0.lowercased() == wanted }?.1
    }
}
