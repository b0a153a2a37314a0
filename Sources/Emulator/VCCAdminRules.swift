/// The value rules of the VCC admin contract, the same the OpenAPI document states as patterns
/// and lengths (schemas/vcc-admin.openapi.yaml), so that what a schema-driven client or fuzzer
/// considers valid is exactly what the emulator accepts. Lengths count Unicode code points, as
/// JSON Schema does, and characters are compared as code points, never as Swift's canonically
/// equivalent Characters: "é" and "e" + U+0301 are two different keys, as they are to VCC.
enum VCCAdminRules {
    static let maximumAccountKeyLength = 255
    static let maximumAPIUserLength = 80
    static let maximumTokenLength = 4096
    static let maximumLookupKeys = 1000

    /// Why `key` is not an account key (non-empty, no whitespace, at most 255 code points), or nil.
    static func accountKeyProblem(_ key: String, field: String) -> String? {
        if key.isEmpty { return "\(field) must not be empty" }
        if key.unicodeScalars.contains(where: \.properties.isWhitespace) { return "\(field) must not contain whitespace" }
        if key.unicodeScalars.count > maximumAccountKeyLength {
            return "\(field) is longer than \(maximumAccountKeyLength) characters"
        }
        return nil
    }

    /// Whether `id` has the shape of an Organization Id: `00D` and 12 or 15 more ASCII letters
    /// and digits. Whether an org has it (and its checksum) is for the lookup to say.
    static func isOrgIdShaped(_ id: String) -> Bool {
        let bytes = Array(id.utf8)
        guard bytes.count == 15 || bytes.count == 18, bytes.starts(with: Array("00D".utf8)) else { return false }
        return bytes.allSatisfy { (0x30...0x39).contains($0) || (0x41...0x5A).contains($0) || (0x61...0x7A).contains($0) }
    }

    /// Why `username` is not an API user's username (non-empty, at most 80 code points, no
    /// whitespace or control characters), or nil.
    static func apiUserProblem(_ username: String) -> String? {
        if username.isEmpty { return "api_user must not be empty" }
        if username.unicodeScalars.contains(where: { $0.properties.isWhitespace || $0.value < 0x20 || $0.value == 0x7F }) {
            return "api_user must not contain whitespace or control characters"
        }
        if username.unicodeScalars.count > maximumAPIUserLength {
            return "api_user is longer than \(maximumAPIUserLength) characters"
        }
        return nil
    }

    /// Why `token` is not an API token (1 to 4096 code points), or nil. Never quotes it.
    static func tokenProblem(_ token: String) -> String? {
        if token.isEmpty { return "token must not be empty" }
        if token.unicodeScalars.count > maximumTokenLength { return "token is longer than \(maximumTokenLength) characters" }
        return nil
    }
}
