/// One error as Salesforce reports it: `{message, errorCode, fields}` in a REST error array, or
/// `{statusCode, message, fields}` in a per-record result.
struct SalesforceAPIError: Sendable, Hashable {
    var code: String
    var message: String
    var fields: [String]

    init(code: String, message: String, fields: [String] = []) {
        self.code = code
        self.message = message
        self.fields = fields
    }

    init(_ json: SalesforceJSON) {
        code = json["errorCode"]?.string ?? json["statusCode"]?.string ?? json["error"]?.string ?? "UNKNOWN_ERROR"
        message = json["message"]?.string ?? json["error_description"]?.string ?? ""
        fields = json["fields"]?.array?.compactMap(\.string) ?? []
    }

    /// The errors of a REST error body (an array, or one object); empty when the body is not JSON.
    static func parse(_ body: [UInt8]) -> [SalesforceAPIError] {
        guard let json = try? SalesforceJSON.decode(body) else { return [] }
        if let array = json.array { return array.map(SalesforceAPIError.init) }
        if case .object = json { return [SalesforceAPIError(json)] }
        return []
    }
}
