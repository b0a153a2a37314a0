import VCCModel

/// The steps a person must take to finish a link: the consent is interactive by nature.
public enum ConsentInstructions {
    public static func text(account: String, environment: OrgEnvironment?, org: String, apiUser: String) -> String {
        let login = environment == .sandbox ? "Sandbox" : "Production"
        return """
            To finish linking VCC account \(account) to org '\(org)':
              1. In the VCC Admin Portal open Salesforce integration for account \(account) and choose \(login).
              2. In the Salesforce login that opens, log in directly as \(apiUser) (not through "log in as" from an admin session).
              3. Press Allow.
            Then run 'vccctl plan' to verify the link points at '\(org)' as \(apiUser).
            """
    }
}
