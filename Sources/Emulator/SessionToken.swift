import Crypto
import Foundation

/// Access tokens: `<18-character org Id>!<random>`, as Salesforce's look. Only their SHA-256 is
/// stored, so the database never holds a usable token.
enum SessionToken {
    static func make(orgId: String) -> String {
        orgId + "!" + RandomText.base64URL(96).replacingOccurrences(of: "-", with: ".")
    }

    static func hash(_ token: String) -> Data {
        Data(SHA256.hash(data: Data(token.utf8)))
    }
}
