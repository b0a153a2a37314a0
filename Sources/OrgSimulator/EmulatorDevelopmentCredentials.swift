/// The client credentials that `vccctl emulator serve` accepts for any of its orgs, with the
/// org named in the token request. Nothing but the emulator accepts them: they let vccctl's
/// `target: emulator` log in without a connected app. They live here, not in the Emulator
/// module, so that the target can use them without importing the server.
public enum EmulatorDevelopmentCredentials {
    public static let clientId = "vccctl-emulator-development"
    public static let clientSecret = "vccctl-emulator-development"
    /// The bearer token the emulator's VCC admin endpoint accepts besides the random one of its
    /// ready file, so that `target: emulator` needs no `vcc` settings.
    public static let vccAdminToken = "vccctl-emulator-development-vcc-admin"
}
