import Foundation

/// The JSON documents of the VCC admin contract (`schemas/vcc-admin.openapi.yaml`, v1), as
/// `VCCAdminClient` sends and reads them. Only the client knows these shapes.
enum VCCAdminWire {
    struct SecretList: Decodable {
        var orgId: String
        var secrets: [Secret]
        enum CodingKeys: String, CodingKey { case orgId = "org_id", secrets }
    }

    struct Secret: Decodable {
        var clientId: String
        var tokenSet: Bool
        var locations: [String]
        enum CodingKeys: String, CodingKey { case clientId = "client_id", tokenSet = "token_set", locations }
    }

    struct TokenBody: Encodable {
        var token: String
    }

    struct LookupBody: Encodable {
        var accountKeys: [String]
        enum CodingKeys: String, CodingKey { case accountKeys = "account_keys" }
    }

    struct LinkList: Decodable {
        var links: [Link]
    }

    struct Link: Decodable {
        var accountKey: String
        var status: String
        var linked: Linked?
        var pending: Pending?
        enum CodingKeys: String, CodingKey { case accountKey = "account_key", status, linked, pending }
    }

    struct Linked: Decodable {
        var orgId: String
        var environment: String
        var apiUser: String?
        var consentedAs: String?
        enum CodingKeys: String, CodingKey {
            case orgId = "org_id", environment, apiUser = "api_user", consentedAs = "consented_as"
        }
    }

    struct Pending: Decodable {
        var orgId: String
        var environment: String
        var apiUser: String
        var consentURL: String
        enum CodingKeys: String, CodingKey {
            case orgId = "org_id", environment, apiUser = "api_user", consentURL = "consent_url"
        }
    }

    struct StartLinkBody: Encodable {
        var orgId: String
        var environment: String
        var apiUser: String
        enum CodingKeys: String, CodingKey { case orgId = "org_id", environment, apiUser = "api_user" }
    }

    struct StartedLink: Decodable {
        var link: Link
        var consentURL: String
        var pollURL: String
        enum CodingKeys: String, CodingKey { case link, consentURL = "consent_url", pollURL = "poll_url" }
    }

    struct ErrorBody: Decodable {
        struct Detail: Decodable {
            var code: String
            var message: String
        }
        var error: Detail
    }
}
