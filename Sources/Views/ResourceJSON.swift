public import Reconciler

/// A resource as state remembers it, in JSON: its type and the fields that type has. A secret
/// shows only its token's salted fingerprint.
struct ResourceJSON: Encodable {
    var type: String
    var account_key: String?
    var record_id: String?
    var owner_id: String?
    var token_fingerprint: String?
    var org: String?
    var api_user: String?

    init(_ resource: AppliedResource) {
        switch resource {
        case .setting(let accountKey, let recordId, let ownerId):
            type = "setting"
            account_key = accountKey
            record_id = recordId
            owner_id = ownerId
        case .secret(let fingerprint):
            type = "secret"
            token_fingerprint = fingerprint.hex
        case .link(let org, let apiUser):
            type = "link"
            self.org = org
            api_user = apiUser
        }
    }
}
