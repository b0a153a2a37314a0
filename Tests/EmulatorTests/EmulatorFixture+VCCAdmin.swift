import Foundation

/// Calls of the VCC admin contract and of its consent page, for tests.
extension EmulatorFixture {
    /// A call under `/vcc-admin/v1/` with the admin bearer token (or `token`; `.some(nil)`: none).
    func admin(_ method: String, _ path: String, json: String? = nil, token: String?? = .none,
               headers: [(String, String)] = []) async throws -> Reply {
        try await request(method, "/vcc-admin/v1/" + path, body: json, token: .some(token ?? ready.vccAdminToken), headers: headers)
    }

    /// GET of a consent page by its absolute URL, as a browser opens it (no bearer token).
    func openConsent(_ consentURL: String) async throws -> Reply {
        try await request("GET", consentURL, token: .some(nil), base: "")
    }

    /// POST of the consent page's form: `username=…&decision=…` (a nil field is left out).
    func submitConsent(_ consentURL: String, username: String?, decision: String?) async throws -> Reply {
        var fields: [String] = []
        let allowed = CharacterSet.alphanumerics.subtracting(CharacterSet(charactersIn: "+&=")).union(CharacterSet(charactersIn: "-._~"))
        if let username { fields.append("username=" + (username.addingPercentEncoding(withAllowedCharacters: allowed) ?? username)) }
        if let decision { fields.append("decision=" + decision) }
        return try await request("POST", consentURL, body: fields.joined(separator: "&"), token: .some(nil),
                                 contentType: "application/x-www-form-urlencoded", base: "")
    }
}

extension EmulatorFixture.Reply {
    /// The `data-outcome` of a consent page (`login`, `linked`, `denied`, or an error's code).
    var outcome: String? {
        guard let start = body.range(of: "data-outcome=\"") else { return nil }
        return body[start.upperBound...].prefix { $0 != "\"" }.description
    }

    /// The `code` of a JSON error of the admin contract.
    var adminErrorCode: String? {
        (object["error"] as? [String: Any])?["code"] as? String
    }
}
