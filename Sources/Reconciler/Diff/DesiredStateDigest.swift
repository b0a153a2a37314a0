import Crypto
public import VCCModel

/// A digest of what the configuration means (not where it was written): a saved plan refuses to
/// apply when the configuration changed since.
public enum DesiredStateDigest {
    public static func digest(_ desired: DesiredState) -> String {
        var hasher = SHA256()
        func feed(_ parts: String...) {
            for part in parts {
                hasher.update(data: Array(part.utf8))
                hasher.update(data: [0])
            }
        }
        for name in desired.orgs.keys.sorted() {
            guard let org = desired.orgs[name] else { continue }
            feed("org", name, org.environment.rawValue, org.customSetting.object, org.customSetting.keyField,
                 org.customSetting.retiredTokenField)
        }
        for key in desired.accounts.keys.sorted() {
            guard let account = desired.accounts[key] else { continue }
            feed("account", key, account.token?.environmentVariable ?? "")
            for org in account.locations.keys.sorted() {
                for location in account.locations[org] ?? [] { feed("location", org, location.kind.rawValue, location.name) }
            }
            switch account.link {
            case .linked(let org, let user, _)?: feed("link", org, user)
            case .unlinked?: feed("unlinked")
            case nil: feed("unmanaged-link")
            }
        }
        return Hex.encode(hasher.finalize())
    }
}
