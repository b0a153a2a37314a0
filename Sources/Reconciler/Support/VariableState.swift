/// How an environment variable without a usable value is described: a variable exported as an
/// empty string is a different mistake (a failed secret lookup in CI, say) from one never set.
public enum VariableState {
    /// "is not set" or "is set but empty", for `value` as the environment gave it.
    public static func unusable(_ value: String?) -> String {
        value == nil ? "is not set" : "is set but empty"
    }
}
