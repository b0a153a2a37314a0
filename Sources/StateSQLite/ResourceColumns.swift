import GRDB
import Reconciler
import VCCModel

/// How addresses and applied resources map to the typed columns of `resource` and
/// `apply_outcome` (see StateSchema); ResourceScan reads `resource` back on its own fast path.
enum ResourceColumns {
    /// `kind, org, location_kind, name`: the parts of an address.
    static func addressParts(_ address: ResourceAddress) -> [(any DatabaseValueConvertible)?] {
        switch address {
        case .setting(let org, let location):
            return [ResourceAddress.Kind.setting.rawValue, org, location.kind.rawValue, location.name]
        case .secret(let org, let accountKey):
            return [ResourceAddress.Kind.secret.rawValue, org, nil, accountKey]
        case .link(let accountKey):
            return [ResourceAddress.Kind.link.rawValue, nil, nil, accountKey]
        }
    }

    /// `resource_kind, account_key, record_id, owner_id, fingerprint, link_org, link_api_user`.
    static func valueColumns(_ resource: AppliedResource?) -> [(any DatabaseValueConvertible)?] {
        switch resource {
        case nil:
            return [nil, nil, nil, nil, nil, nil, nil]
        case .setting(let accountKey, let recordId, let ownerId)?:
            return [ResourceAddress.Kind.setting.rawValue, accountKey, recordId, ownerId, nil, nil, nil]
        case .secret(let fingerprint)?:
            return [ResourceAddress.Kind.secret.rawValue, nil, nil, nil, fingerprint.hex, nil, nil]
        case .link(let org, let apiUser)?:
            return [ResourceAddress.Kind.link.rawValue, nil, nil, nil, nil, org, apiUser]
        }
    }

    /// The resource from the value columns at `index...index+6`, the first being its kind (NULL:
    /// none).
    @inline(__always)
    static func resource(_ row: Row, at index: Int) throws -> AppliedResource? {
        let kind: String? = try row.decode(atIndex: index)
        switch kind {
        case nil:
            return nil
        case "setting"?:
            let accountKey: String? = try row.decode(atIndex: index + 1)
            let recordId: String? = try row.decode(atIndex: index + 2)
            let ownerId: String? = try row.decode(atIndex: index + 3)
            guard let accountKey, let recordId, let ownerId else {
                throw ResourceColumnsError.missing("account_key, record_id or owner_id of a setting")
            }
            return .setting(accountKey: accountKey, recordId: recordId, ownerId: ownerId)
        case "secret"?:
            let hex: String? = try row.decode(atIndex: index + 4)
            guard let hex else { throw ResourceColumnsError.missing("fingerprint of a secret") }
            return .secret(fingerprint: TokenFingerprint(hex: hex))
        case "link"?:
            return .link(org: try row.decode(atIndex: index + 5), apiUser: try row.decode(atIndex: index + 6))
        case let other?:
            throw ResourceColumnsError.unknown("resource kind", other)
        }
    }
}

/// A row that breaks the schema's meaning: only a damaged or hand-edited file has one.
enum ResourceColumnsError: Error {
    case missing(String)
    case unknown(String, String)

    var detail: String {
        switch self {
        case .missing(let what): "missing \(what)"
        case .unknown(let what, let value): "unknown \(what) '\(value)'"
        }
    }
}
