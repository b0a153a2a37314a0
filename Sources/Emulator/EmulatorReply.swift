import Hummingbird
import SOQL

/// What a route answers before it becomes an HTTP response: a status, a body (JSON, or text
/// already serialized, which pages of query results use to avoid building a tree), headers.
/// Composite subrequests use the JSON form as their `body`.
struct EmulatorReply {
    enum Body {
        case none
        case json(JSONValue)
        /// Serialized JSON text.
        case text(String)
        /// Serialized JSON text as UTF-8 bytes (query pages).
        case bytes([UInt8])
    }

    var status: HTTPResponse.Status
    var body: Body
    var headers: HTTPFields = [:]

    init(status: HTTPResponse.Status, json: JSONValue) {
        self.status = status
        body = .json(json)
    }

    init(status: HTTPResponse.Status, text: String) {
        self.status = status
        body = .text(text)
    }

    init(status: HTTPResponse.Status, bytes: [UInt8]) {
        self.status = status
        body = .bytes(bytes)
    }

    init(status: HTTPResponse.Status) {
        self.status = status
        body = .none
    }

    /// The body as a JSON value, for a Composite subrequest's `body` (text is parsed back: only
    /// a query page inside a Composite request takes that path).
    var jsonValue: JSONValue {
        switch body {
        case .none: return .null
        case .json(let value): return value
        case .text(let text): return (try? JSONReader.parse(Array(text.utf8))) ?? .null
        case .bytes(let bytes): return (try? JSONReader.parse(bytes)) ?? .null
        }
    }

    var serializedBody: String? {
        switch body {
        case .none: return nil
        case .json(let value): return value.serialized()
        case .text(let text): return text
        case .bytes(let bytes): return String(decoding: bytes, as: UTF8.self)
        }
    }
}
