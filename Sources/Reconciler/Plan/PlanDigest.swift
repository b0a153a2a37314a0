extension Plan {
    /// A digest of what the plan does (its base, and each change with everything applying it
    /// uses), recorded with each apply in the history; a saved plan is applied only when the plan
    /// made again at apply time has the same digest. Fed field by field: encoding a plan of
    /// 100k changes as JSON only to hash it took a fifth of a large first apply.
    public var digest: String {
        var fields = DigestFields()
        fields.feed("plan", String(formatVersion), lineage ?? "", serial.map(String.init) ?? "", configDigest, readDigest,
                    newStateSalt ?? "")
        for change in changes {
            fields.feed("change", change.address.description, change.action.rawValue)
            switch change.detail {
            case .setting(let setting):
                fields.feed("setting", setting.ownerId, setting.recordId ?? "", setting.fromKey ?? "", setting.toKey ?? "")
            case .secret(let secret):
                fields.feed("secret", secret.variable, secret.fingerprint.hex, secret.wasSet ? "1" : "0", secret.orgId ?? "")
            case .link(let link):
                fields.feed("link", String(describing: link.from), link.toOrg ?? "", link.toEnvironment?.rawValue ?? "",
                            link.toAPIUser ?? "", link.toOrgId ?? "")
            }
        }
        for recovered in recovered {
            fields.feed("recovered", recovered.address.description, String(describing: recovered.resource), recovered.applyID)
        }
        for unrecorded in unrecorded {
            fields.feed("unrecorded", unrecorded.address.description, String(describing: unrecorded.resource))
        }
        return Hex.encode(fields.finalize())
    }
}
