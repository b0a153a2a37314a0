import Testing
import TestSupport
import VCCModel
import YAMLSyntax
@testable import Reconciler

/// A token left in a record's retired field is moved, not only reported: the secret of the
/// record's key is stored, then the field is cleared, in that order. Without a declared token
/// there is nothing to store: no change, and a warning says what to declare.
@Suite struct RetiredTokenMigrationTests {
    static let token = "CANARY-retired-0a1b2c"
    let sales = Location.profile("Sales")
    let salesId = "00e000000000001AAA"
    let secret = ResourceAddress.secret(org: "prod", accountKey: "A")

    /// The org default and Sales, both carrying A and managed; Sales's record holds a retired token.
    func world(secret: AppliedResource? = nil, tokenSet: Bool? = nil, salesKey: String = "A")
        -> (AppliedState, ObservedState)
    {
        var resources: [ResourceAddress: AppliedResource] = [
            settingAddress(.org()): .setting(accountKey: "A", recordId: "a0X0", ownerId: prodOrgId),
            settingAddress(sales): .setting(accountKey: salesKey, recordId: "a0X1", ownerId: salesId),
        ]
        resources[self.secret] = secret
        let observed = observedProd(settings: [
            .org(): ObservedSetting(recordId: "a0X0", ownerId: prodOrgId, accountKey: "A"),
            sales: ObservedSetting(recordId: "a0X1", ownerId: salesId, accountKey: salesKey, hasRetiredToken: true),
        ], tokenSet: tokenSet.map { ["A": $0] } ?? [:])
        return (appliedState(resources), observed)
    }

    @Test func aDeclaredTokenIsStoredThenTheFieldCleared() throws {
        let desired = desiredState([account("A", prod: [.org(), sales], token: "TOKEN_A")])
        let (applied, observed) = world(tokenSet: false)
        let plan = try requirePlan(desired, applied: applied, observed: observed, env: ["TOKEN_A": Self.token])
        #expect(plan.summary == ["set secret.prod[\"A\"]", "clear-retired setting.prod.profile[\"Sales\"]"])
        let clear = try plan.change(at: settingAddress(sales))
        #expect(clear.setting == SettingChange(org: "prod", location: sales, ownerId: salesId, recordId: "a0X1",
                                               fromKey: "A", toKey: "A"))
        #expect(clear.action.symbol == "~" && !clear.isDestructive)
        #expect(clear.reasons.first?.contains("retired field NVMContactWorld__clientSecret__c") == true)
        // The finding stays: until apply, the token is in plaintext in org data.
        #expect(plan.driftClasses(at: settingAddress(sales)) == [.plaintextToken])
        // One secret call and one settings write.
        #expect(plan.apiCalls.apply == 2)
    }

    @Test func aSecretStoredAlreadyNeedsOnlyTheClear() throws {
        let desired = desiredState([account("A", prod: [.org(), sales], token: "TOKEN_A")])
        let (applied, observed) = world(secret: .secret(fingerprint: TokenFingerprint(token: Self.token, salt: testSalt)),
                                        tokenSet: true)
        let plan = try requirePlan(desired, applied: applied, observed: observed, env: ["TOKEN_A": Self.token])
        #expect(plan.summary == ["clear-retired setting.prod.profile[\"Sales\"]"])
        #expect(plan.apiCalls.apply == 1)
    }

    @Test func theDeclaredKeyOfTheLocationIsTheOneStored() throws {
        // Sales holds OLD (with OLD's token in the retired field) but is declared under A: the
        // record switches to A, A's token is stored, then the field is cleared.
        let desired = desiredState([account("A", prod: [.org(), sales], token: "TOKEN_A")])
        let (applied, observed) = world(tokenSet: false, salesKey: "OLD")
        let plan = try requirePlan(desired, applied: applied, observed: observed, env: ["TOKEN_A": Self.token])
        #expect(plan.summary == ["update setting.prod.profile[\"Sales\"]", "set secret.prod[\"A\"]",
                                 "clear-retired setting.prod.profile[\"Sales\"]"])
        #expect(plan.changes.last?.setting?.toKey == "A")
    }

    @Test func withoutADeclaredTokenThePlanSaysWhatToDeclare() throws {
        let marked = MarkedText("""
            version: 1
            orgs:
              prod: {environment: production}
            accounts:
              ‸A:
                locations: {prod: [org, {profile: Sales}]}

            """)
        let (desired, path) = try loadDesired(marked.text)
        let (applied, observed) = world()
        let result = plan(desired, applied: applied, observed: observed)
        let plan = try #require(result.plan, "a warning does not stop the plan")
        #expect(!plan.hasChanges)
        #expect(plan.driftClasses(at: settingAddress(sales)) == [.plaintextToken])
        let warning = try #require(result.diagnostics.first)
        #expect(result.diagnostics.count == 1)
        #expect(warning.severity == .warning && warning.code == "plan.retired-token-undeclared")
        #expect(warning.message
                == "the record of profile 'Sales' in 'prod' holds the API token of A in the retired field NVMContactWorld__clientSecret__c")
        #expect(warning.notes.map(\.message) == [
            "declare `token: {env: VCC_TOKEN_A}` under account A so that vccctl can move the token into Secrets Management and clear the field",
        ])
        #expect(warning.location?.file == path)
        #expect(warning.location?.range.start == marked.positions[0])
    }

    @Test func aKeyTheConfigurationDoesNotDeclareGetsAnUnlocatedWarning() throws {
        let desired = desiredState([account("A", prod: [.org()], token: "TOKEN_A")])
        let observed = observedProd(settings: [
            .org(): ObservedSetting(recordId: "a0X0", ownerId: prodOrgId, accountKey: "A"),
            sales: ObservedSetting(recordId: "a0X1", ownerId: salesId, accountKey: "LEGACY-KEY", hasRetiredToken: true),
        ], tokenSet: ["A": true, "LEGACY-KEY": false])
        let applied = appliedState([
            settingAddress(.org()): .setting(accountKey: "A", recordId: "a0X0", ownerId: prodOrgId),
            secret: .secret(fingerprint: TokenFingerprint(token: Self.token, salt: testSalt)),
        ])
        let result = plan(desired, applied: applied, observed: observed, env: ["TOKEN_A": Self.token])
        let plan = try #require(result.plan)
        #expect(!plan.hasChanges)
        let warning = try #require(result.diagnostics.first)
        #expect(warning.code == "plan.retired-token-undeclared" && warning.location == nil)
        #expect(warning.notes.first?.message.hasPrefix("declare account LEGACY-KEY with `token: {env: VCC_TOKEN_LEGACY_KEY}`") == true)
    }

    @Test func anUndeclaredRecordOfADeclaredKeyIsMigratedAndItsSecretKept() throws {
        // Sales is not declared, but carries A, whose token is declared: A's secret is stored in
        // prod and the field cleared; once done, the next plan keeps managing that secret.
        let desired = desiredState([account("A", token: "TOKEN_A")])
        let record = ObservedSetting(recordId: "a0X1", ownerId: salesId, accountKey: "A", hasRetiredToken: true)
        let first = try requirePlan(desired, observed: observedProd(settings: [sales: record], tokenSet: ["A": false]),
                                    env: ["TOKEN_A": Self.token])
        #expect(first.summary == ["set secret.prod[\"A\"]", "clear-retired setting.prod.profile[\"Sales\"]"])
        #expect(try first.change(at: settingAddress(sales)).setting?.toKey == nil, "state does not take the record over")

        var cleared = record
        cleared.hasRetiredToken = false
        let applied = appliedState([secret: .secret(fingerprint: TokenFingerprint(token: Self.token, salt: testSalt))])
        let next = try requirePlan(desired, applied: applied, observed: observedProd(settings: [sales: cleared], tokenSet: ["A": true]),
                                   env: ["TOKEN_A": Self.token])
        #expect(!next.hasChanges, "\(next.summary)")
    }

    @Test func aRecordThePlanDeletesIsNotCleared() throws {
        // Sales is no longer declared: its record goes, and its retired token with it.
        let desired = desiredState([account("A", prod: [.org()], token: "TOKEN_A")])
        let (applied, observed) = world(secret: .secret(fingerprint: TokenFingerprint(token: Self.token, salt: testSalt)),
                                        tokenSet: true)
        let plan = try requirePlan(desired, applied: applied, observed: observed, env: ["TOKEN_A": Self.token])
        #expect(plan.summary == ["delete setting.prod.profile[\"Sales\"]"])
    }

    @Test func withoutVCCBothStepsWaitForIt() throws {
        let desired = desiredState([account("A", prod: [.org(), sales], token: "TOKEN_A")])
        var (applied, observed) = world()
        observed.vccObservable = false
        let plan = try requirePlan(desired, applied: applied, observed: observed, env: ["TOKEN_A": Self.token])
        #expect(plan.summary == ["set secret.prod[\"A\"]", "clear-retired setting.prod.profile[\"Sales\"]"])
        #expect(try plan.change(at: secret).reasons.contains(UnobservedVCC.reason))
    }
}
