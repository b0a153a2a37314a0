import VCCModel
import YAMLSyntax

/// Checks each declared API user in its org, as VCC will need it when it logs in as that user
/// (DOMAIN: active, holding the ContactWorld API user permission set, API Only so that MFA does
/// not apply). Runs on every plan, whatever the link's state: a user deactivated or stripped of
/// its permission set since the link was made breaks calls just the same. Each finding is located
/// at the `apiUser` of the first account (by key) linked through that user; the other accounts
/// linked through it are notes.
struct APIUserChecks {
    let input: PlanInput

    /// The permission set VCC's API user needs, and its label in Setup.
    static let permissionSet = "NVMContactWorld__API_user"
    static let permissionSetLabel = "ContactWorld API user"

    private struct Declaration {
        var account: String
        var origin: SourceOrigin
    }

    func run(into plan: inout PlanBuilder) {
        var declared: [String: [String: [Declaration]]] = [:]
        for key in input.desired.accounts.keys.sorted() {
            guard case .linked(let org, let user, let origin)? = input.desired.accounts[key]?.link else { continue }
            declared[org, default: [:]][user, default: []].append(Declaration(account: key, origin: origin))
        }
        for org in declared.keys.sorted() {
            // An org that was not read is reported once, by the planner.
            guard let observed = input.observed.orgs[org], let users = declared[org] else { continue }
            for user in users.keys.sorted() {
                guard let declarations = users[user], let first = declarations.first else { continue }
                let others = declarations.dropFirst().map {
                    Diagnostic.Note("also the API user of account '\($0.account)'", at: $0.origin.location)
                }
                for finding in findings(user, org: org, in: observed) {
                    var diagnostic = finding
                    diagnostic.location = first.origin.location
                    diagnostic.notes += others
                    plan.diagnostics.append(diagnostic)
                }
            }
        }
    }

    /// What is wrong with `user` in `org` (unlocated), worst first; empty when nothing is.
    private func findings(_ user: String, org: String, in observed: ObservedOrg) -> [Diagnostic] {
        guard let facts = observed.apiUsers[user] else {
            var notes: [Diagnostic.Note] = []
            if let match = Suggestion.closest(to: user, in: observed.similarUsernames.filter { $0 != user }) {
                notes.append(.init("did you mean '\(match)'? (sandbox usernames carry the sandbox suffix)"))
            }
            notes.append(.init("create the user in Setup → Users (API Only, with the \"\(Self.permissionSetLabel)\" permission set), or correct apiUser"))
            return [.error("plan.api-user-missing", "API user '\(user)' does not exist in org '\(org)'", notes: notes)]
        }
        var found: [Diagnostic] = []
        if !facts.isActive {
            found.append(.error("plan.api-user-inactive", "API user '\(user)' is inactive in org '\(org)': VCC cannot log in as it",
                                notes: [.init("reactivate the user in Setup → Users, or link through another API user")]))
        }
        if !facts.hasAPIUserPermissionSet {
            found.append(.error(
                "plan.api-user-permission-set",
                "API user '\(user)' in org '\(org)' lacks the permission set \(Self.permissionSet) (\"\(Self.permissionSetLabel)\")",
                notes: [.init("assign it in Setup → Users → \(user) → Permission Set Assignments")]))
        }
        if !facts.isApiOnly {
            let fix = Diagnostic.Note("make it API Only: give it a profile or a permission set with \"API Only User\" (PermissionsApiUserOnly)")
            if facts.needsMFA {
                found.append(.warning(
                    "plan.api-user-mfa",
                    "API user '\(user)' in org '\(org)' must pass MFA and is not API Only: since 1 Feb 2022 Salesforce requires MFA "
                        + "for UI logins except for API-only users, so VCC's automated logins as this user would break",
                    notes: [fix]))
            } else {
                found.append(.warning(
                    "plan.api-user-not-api-only",
                    "API user '\(user)' in org '\(org)' is not API Only: Salesforce requires MFA for its UI logins, "
                        + "which VCC's automated logins cannot pass",
                    notes: [fix]))
            }
        }
        return found
    }
}
