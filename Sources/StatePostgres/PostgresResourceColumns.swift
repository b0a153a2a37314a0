import Reconciler
import VCCModel

/// How addresses and resources map to the typed columns of `resource` and `apply_outcome`: the
/// same columns, with the same meaning, as the SQLite store's (StateSQLite/ResourceColumns.swift).
enum PostgresResourceColumns {
    /// The value columns of a resource: `resource_kind, account_key, record_id, owner_id,
    /// fingerprint, link_org, link_api_user`, as JSON keys (nil values are left out: NULL).
    struct Values: Encodable {
        var resource_kind: String?
        var account_key: String?
        var record_id: String?
        var owner_id: String?
        var fingerprint: String?
        var link_org: String?
        var link_api_user: String?

        init(_ resource: AppliedResource?) {
            switch resource {
            case nil:
                break
            case .setting(let accountKey, let recordId, let ownerId)?:
                resource_kind = ResourceAddress.Kind.setting.rawValue
                account_key = accountKey
                record_id = recordId
                owner_id = ownerId
            case .secret(let fingerprint)?:
                resource_kind = ResourceAddress.Kind.secret.rawValue
                self.fingerprint = fingerprint.hex
            case .link(let org, let apiUser)?:
                resource_kind = ResourceAddress.Kind.link.rawValue
                link_org = org
                link_api_user = apiUser
            }
        }
    }

    /// A row of `resource`: the address, its parts, and the resource's values.
    struct ResourceRow: Encodable {
        var address: String
        var kind: String
        var org: String?
        var location_kind: String?
        var name: String
        var values: Values

        init(_ address: ResourceAddress, _ resource: AppliedResource) {
            self.address = address.description
            kind = address.kind.rawValue
            switch address {
            case .setting(let org, let location):
                self.org = org
                location_kind = location.kind.rawValue
                name = location.name
            case .secret(let org, let accountKey):
                self.org = org
                name = accountKey
            case .link(let accountKey):
                name = accountKey
            }
            values = Values(resource)
        }

        enum CodingKeys: String, CodingKey { case address, kind, org, location_kind, name }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(address, forKey: .address)
            try container.encode(kind, forKey: .kind)
            try container.encodeIfPresent(org, forKey: .org)
            try container.encodeIfPresent(location_kind, forKey: .location_kind)
            try container.encode(name, forKey: .name)
            try values.encode(to: encoder)
        }
    }

    /// The resource from its value columns (kind first); nil when the kind is NULL.
    static func resource(kind: String?, accountKey: String?, recordId: String?, ownerId: String?, fingerprint: String?,
                         linkOrg: String?, linkAPIUser: String?) throws -> AppliedResource? {
        switch kind {
        case nil:
            return nil
        case "setting"?:
            guard let accountKey, let recordId, let ownerId else {
                throw PostgresRowError("missing account_key, record_id or owner_id of a setting")
            }
            return .setting(accountKey: accountKey, recordId: recordId, ownerId: ownerId)
        case "secret"?:
            guard let fingerprint else { throw PostgresRowError("missing fingerprint of a secret") }
            return .secret(fingerprint: TokenFingerprint(hex: fingerprint))
        case "link"?:
            return .link(org: linkOrg, apiUser: linkAPIUser)
        case let other?:
            throw PostgresRowError("unknown resource kind '\(other)'")
        }
    }
}

/// A row that breaks the schema's meaning: only a hand-edited table has one.
struct PostgresRowError: Error {
    let detail: String
    init(_ detail: String) { self.detail = detail }
}
