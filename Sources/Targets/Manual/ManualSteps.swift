import Reconciler
import VCCModel

/// The words of the steps a person follows where vccctl cannot act on VCC itself: which app and
/// tab, which Client ID, which button, which variable holds the token (never its value), which
/// login to choose and which user to log in as. The UI names are the one thing here that may
/// need correcting as Vonage changes its screens, so they live in this file only.
public enum ManualSteps {
    /// Store a token with "Update Token". `confirm`: end with the `vccctl confirm` command.
    public static func storeToken(org: String, accountKey: String, variable: String, confirm: Bool) -> ManualStep {
        let address = ResourceAddress.secret(org: org, accountKey: accountKey)
        var steps = [
            "Log in to Salesforce org '\(org)' as an admin; in the App Launcher open the VCC app (Vonage Contact Center), tab \"Secrets Management\".",
            "Find the row whose Client ID is \(accountKey) and press \"Update Token\".",
            "Paste the API token that environment variable \(variable) holds (take it from where that variable is set, "
                + "such as your CI secrets; never paste it into a ticket or a log) and save. \"API token set?\" then shows yes.",
        ]
        if confirm {
            steps.append("Record it: \(confirmCommand(address)) (with \(variable) set to the same value: vccctl records its fingerprint).")
        }
        return ManualStep(kind: .storeToken, address: address,
                          title: "Store the token of \(accountKey) in Secrets Management of org '\(org)'",
                          instructions: steps, environmentVariable: variable, confirmCommand: confirm ? confirmCommand(address) : nil)
    }

    /// Link or relink through a Salesforce login as `apiUser` and an OAuth consent. With a
    /// `consentURL` (the admin contract made the link request) the person opens that page;
    /// without one they start in the VCC Admin Portal. `extra` ends the list (how to confirm).
    public static func link(accountKey: String, org: String, environment: OrgEnvironment, apiUser: String,
                            consentURL: String?, extra: [String], confirm: Bool) -> ManualStep {
        let address = ResourceAddress.link(accountKey: accountKey)
        let login = environment == .sandbox ? "Sandbox (test.salesforce.com)" : "Production (login.salesforce.com)"
        var steps: [String]
        if let consentURL {
            steps = ["Open \(consentURL): the Salesforce login for VCC account \(accountKey), going to \(login)."]
        } else {
            steps = ["In the VCC Admin Portal open the Salesforce integration of account \(accountKey) and press Link (Relink when it is linked already).",
                     "Choose \(login)."]
        }
        steps += [
            "In the Salesforce login, log in directly as \(apiUser) (never through \"log in as\" from an admin session: VCC would act as whoever pressed Allow).",
            "Press Allow.",
        ]
        steps += extra
        if confirm {
            steps.append("Record it: \(confirmCommand(address)).")
        } else {
            steps.append("vccctl checks the link itself: the apply waits with --wait-for-consent, or the next plan verifies it.")
        }
        return ManualStep(kind: .link, address: address,
                          title: "Link VCC account \(accountKey) to org '\(org)' through \(apiUser)",
                          instructions: steps, url: consentURL, environment: environment, loginAs: apiUser,
                          confirmCommand: confirm ? confirmCommand(address) : nil)
    }

    /// Unlink in the VCC Admin Portal.
    public static func unlink(accountKey: String) -> ManualStep {
        let address = ResourceAddress.link(accountKey: accountKey)
        return ManualStep(kind: .unlink, address: address, title: "Unlink VCC account \(accountKey) from Salesforce",
                          instructions: [
                            "In the VCC Admin Portal open the Salesforce integration of account \(accountKey) and press Unlink: calls for this account stop at once.",
                            "Record it: \(confirmCommand(address)).",
                          ],
                          confirmCommand: confirmCommand(address))
    }

    /// `vccctl confirm 'ADDRESS'`, quoted for a POSIX shell.
    public static func confirmCommand(_ address: ResourceAddress) -> String {
        let text = address.description.replacingOccurrences(of: "'", with: #"'\''"#)
        return "vccctl confirm '\(text)'"
    }
}
