import Testing
import TestSupport
import VCCModel
import YAMLSyntax
@testable import Reconciler

/// Every plan checks each declared API user in its org: missing, inactive and without the
/// ContactWorld API user permission set are errors; not API Only is a warning (one that names
/// the MFA rule when the user must pass MFA). Each finding is located at the link's apiUser.
@Suite struct APIUserChecksTests {
    static let user = "vcc-api@acme.example"
    let marked = MarkedText("""
        version: 1
        orgs:
          prod: {environment: production}
        accounts:
          ACME-EU-01:
            locations: {prod: [org]}
            link: {org: prod, apiUser: ‸vcc-api@acme.example}
          ACME-US-01:
            link: {org: prod, apiUser: ‸vcc-api@acme.example}

        """)

    /// Plans the marked configuration with `facts` for the API user (nil: the org has no such user).
    func check(_ facts: APIUserFacts?, similar: [String] = []) throws -> (Planner.Result, String) {
        let (desired, path) = try loadDesired(marked.text)
        var observed = observedProd(owners: [:], apiUsers: facts.map { [Self.user: $0] } ?? [:])
        observed.orgs["prod"]?.similarUsernames = similar
        return (plan(desired, observed: observed), path)
    }

    func expectLocated(_ diagnostic: Diagnostic, _ path: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        #expect(diagnostic.location?.file == path, sourceLocation: sourceLocation)
        #expect(diagnostic.location?.range.start == marked.positions[0], sourceLocation: sourceLocation)
        // The second account linked through the same user is a note, at its own link.
        let also = diagnostic.notes.last
        #expect(also?.message == "also the API user of account 'ACME-US-01'", sourceLocation: sourceLocation)
        #expect(also?.location?.range.start == marked.positions[1], sourceLocation: sourceLocation)
    }

    @Test func aGoodAPIUserHasNoFinding() throws {
        let (result, _) = try check(APIUserFacts(userId: "005A"))
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics.map(\.message))")
        #expect(result.plan != nil)
    }

    @Test func aMissingUserIsAnErrorThatSuggestsACloseUsername() throws {
        let (result, path) = try check(nil, similar: ["vcc-api@acme.example.uat", "vcc-api@other.example"])
        #expect(result.plan == nil)
        let diagnostic = try #require(result.diagnostics.first)
        #expect(result.diagnostics.count == 1)
        #expect(diagnostic.severity == .error && diagnostic.code == "plan.api-user-missing")
        #expect(diagnostic.message == "API user 'vcc-api@acme.example' does not exist in org 'prod'")
        #expect(diagnostic.notes.map(\.message).prefix(2) == [
            "did you mean 'vcc-api@acme.example.uat'? (sandbox usernames carry the sandbox suffix)",
            "create the user in Setup → Users (API Only, with the \"ContactWorld API user\" permission set), or correct apiUser",
        ])
        expectLocated(diagnostic, path)
    }

    @Test func aMissingUserWithNothingCloseSuggestsNothing() throws {
        let (result, _) = try check(nil, similar: ["someone@else.example"])
        #expect(result.diagnostics.first?.notes.contains { $0.message.hasPrefix("did you mean") } == false)
    }

    @Test func anInactiveUserIsAnError() throws {
        let (result, path) = try check(APIUserFacts(userId: "005A", isActive: false))
        #expect(result.plan == nil)
        #expect(result.diagnostics.map(\.code) == ["plan.api-user-inactive"])
        let diagnostic = try #require(result.diagnostics.first)
        #expect(diagnostic.severity == .error)
        #expect(diagnostic.message == "API user 'vcc-api@acme.example' is inactive in org 'prod': VCC cannot log in as it")
        #expect(diagnostic.notes.first?.message == "reactivate the user in Setup → Users, or link through another API user")
        expectLocated(diagnostic, path)
    }

    @Test func aUserWithoutThePermissionSetIsAnError() throws {
        let (result, path) = try check(APIUserFacts(userId: "005A", hasAPIUserPermissionSet: false))
        #expect(result.plan == nil)
        let diagnostic = try #require(result.diagnostics.first)
        #expect(result.diagnostics.map(\.code) == ["plan.api-user-permission-set"])
        #expect(diagnostic.message.contains("lacks the permission set NVMContactWorld__API_user (\"ContactWorld API user\")"))
        #expect(diagnostic.notes.first?.message == "assign it in Setup → Users → vcc-api@acme.example → Permission Set Assignments")
        expectLocated(diagnostic, path)
    }

    @Test func aUserThatIsNotAPIOnlyIsAWarningAndThePlanStands() throws {
        let (result, path) = try check(APIUserFacts(userId: "005A", isApiOnly: false))
        #expect(result.plan != nil)
        let diagnostic = try #require(result.diagnostics.first)
        #expect(result.diagnostics.map(\.code) == ["plan.api-user-not-api-only"])
        #expect(diagnostic.severity == .warning)
        #expect(diagnostic.notes.first?.message
                == "make it API Only: give it a profile or a permission set with \"API Only User\" (PermissionsApiUserOnly)")
        expectLocated(diagnostic, path)
    }

    @Test func aUserThatMustPassMFAIsAWarningThatNamesTheRule() throws {
        let (result, path) = try check(APIUserFacts(userId: "005A", isApiOnly: false, needsMFA: true))
        #expect(result.plan != nil)
        let diagnostic = try #require(result.diagnostics.first)
        #expect(result.diagnostics.map(\.code) == ["plan.api-user-mfa"])
        #expect(diagnostic.severity == .warning)
        #expect(diagnostic.message.contains("since 1 Feb 2022 Salesforce requires MFA for UI logins except for API-only users"))
        #expect(diagnostic.message.contains("VCC's automated logins as this user would break"))
        expectLocated(diagnostic, path)
    }

    @Test func anAPIOnlyUserNeedsNoMFAFinding() throws {
        // API-only users are exempt from the MFA rule.
        let (result, _) = try check(APIUserFacts(userId: "005A", needsMFA: true))
        #expect(result.diagnostics.isEmpty)
    }

    @Test func everyFindingOfOneUserIsReported() throws {
        let (result, _) = try check(APIUserFacts(userId: "005A", isActive: false, isApiOnly: false, hasAPIUserPermissionSet: false,
                                                 needsMFA: true))
        #expect(result.diagnostics.map(\.code) == ["plan.api-user-inactive", "plan.api-user-permission-set", "plan.api-user-mfa"])
    }

    @Test func anUnlinkedOrUndeclaredLinkIsNotChecked() throws {
        let desired = desiredState([account("A", link: .unlinked(origin: .none)), account("B")])
        #expect(plan(desired, observed: observedProd()).diagnostics.isEmpty)
    }

    @Test func theRefreshScopeAsksForEachDeclaredAPIUserOnceInItsOrg() {
        let desired = desiredState(orgs: ["prod": .production, "uat": .sandbox], [
            account("A", link: .linked(org: "prod", apiUser: "b@x", origin: .none)),
            account("B", link: .linked(org: "prod", apiUser: "a@x", origin: .none)),
            account("C", link: .linked(org: "prod", apiUser: "a@x", origin: .none)),
            account("D", link: .linked(org: "uat", apiUser: "a@x.uat", origin: .none)),
            account("E", link: .unlinked(origin: .none)),
        ])
        let scope = RefreshRequest.scope(desired: desired, settings: DesiredSettings(desired), applied: nil)
        #expect(scope.apiUsers == ["prod": ["a@x", "b@x"], "uat": ["a@x.uat"]])
        let none = desiredState([account("A", prod: [.org()])])
        #expect(RefreshRequest.scope(desired: none, settings: DesiredSettings(none), applied: nil).apiUsers.isEmpty)
    }
}
