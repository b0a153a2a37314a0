public import VCCModel

/// A digest of what the configuration means (not where or in which order it was written): a saved
/// plan refuses to apply when the configuration changed since.
public enum DesiredStateDigest {
    public static func digest(_ desired: DesiredState, settings: DesiredSettings? = nil) -> String {
        var hasher = DigestFields()
        for name in desired.orgs.keys.sorted() {
            guard let org = desired.orgs[name] else { continue }
            hasher.feed("org", name, org.environment.rawValue, org.customSetting.object, org.customSetting.keyField,
                 org.customSetting.retiredTokenField)
        }
        for key in desired.accounts.keys.sorted() {
            guard let account = desired.accounts[key] else { continue }
            hasher.feed("account", key, account.token?.environmentVariable ?? "")
            switch account.link {
            case .linked(let org, let user, _)?: hasher.feed("link", org, user)
            case .unlinked?: hasher.feed("unlinked")
            case nil: hasher.feed("unmanaged-link")
            }
        }
        // Locations in location order, not in the order an account lists them.
        let settings = settings ?? DesiredSettings(desired)
        for org in settings.byOrg.keys.sorted() {
            for entry in settings[org] { hasher.feed("location", org, entry.location.kind.rawValue, entry.location.name, entry.value) }
        }
        return Hex.encode(hasher.finalize())
    }
}
