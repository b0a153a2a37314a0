import Foundation
import Testing
import TestSupport
import VCCModel
import YAMLSyntax
@testable import Reconciler

@Suite struct SecretsPlanTests {
    static let canary = "CANARY-tok3n-9f8e7d6c5b4a"
    let secretAddress = ResourceAddress.secret(org: "prod", accountKey: "ACME-EU-01")

    func desired() -> DesiredState {
        desiredState([account("ACME-EU-01", prod: [.org()], token: "VCC_TOKEN_EU")])
    }

    /// State and org where the org default already carries the key.
    func settled(secret: AppliedResource?, tokenSet: Bool?) -> (AppliedState, ObservedState) {
        var resources: [ResourceAddress: AppliedResource] = [
            settingAddress(.org()): .setting(accountKey: "ACME-EU-01", recordId: "a0X0", ownerId: prodOrgId),
        ]
        resources[secretAddress] = secret
        let observed = observedProd(settings: [.org(): ObservedSetting(recordId: "a0X0", ownerId: prodOrgId, accountKey: "ACME-EU-01")],
                                    tokenSet: tokenSet.map { ["ACME-EU-01": $0] } ?? [:])
        return (appliedState(resources), observed)
    }

    @Test func setsATokenWhenStateHasNone() throws {
        let plan = try requirePlan(desired(), observed: observedProd(), env: ["VCC_TOKEN_EU": Self.canary])
        #expect(plan.summary == ["create setting.prod.org", "set secret.prod[\"ACME-EU-01\"]"])
        let change = try plan.change(at: secretAddress)
        #expect(change.action == .setToken)
        let secret = try #require(change.secret)
        #expect(secret.variable == "VCC_TOKEN_EU")
        // No state yet: fingerprinted with the salt the new state will keep.
        #expect(secret.fingerprint == TokenFingerprint(token: Self.canary, salt: testSalt))
        #expect(!secret.wasSet)
        #expect(change.reasons == ["store the token of ACME-EU-01 in Secrets Management"])
    }

    @Test func setReplacesATokenSetByHand() throws {
        let (applied, observed) = settled(secret: nil, tokenSet: true)
        let plan = try requirePlan(desired(), applied: applied, observed: observed, env: ["VCC_TOKEN_EU": Self.canary])
        let change = try plan.change(at: secretAddress)
        #expect(change.action == .setToken)
        #expect(change.secret?.wasSet == true)
        #expect(change.secret?.fingerprint == TokenFingerprint(token: Self.canary, salt: testSalt))
    }

    @Test func rotatesWhenTheEnvironmentValueChanged() throws {
        let old = TokenFingerprint(token: "old-token", salt: testSalt)
        let (applied, observed) = settled(secret: .secret(fingerprint: old), tokenSet: true)
        let plan = try requirePlan(desired(), applied: applied, observed: observed, env: ["VCC_TOKEN_EU": Self.canary])
        #expect(plan.summary == ["rotate secret.prod[\"ACME-EU-01\"]"])
        let change = try plan.change(at: secretAddress)
        #expect(change.secret?.fingerprint == TokenFingerprint(token: Self.canary, salt: testSalt))
        #expect(change.secret?.fingerprint != old)
        #expect(change.reasons == ["the token in VCC_TOKEN_EU changed since the last apply (fingerprint differs)"])
        #expect(plan.drift.isEmpty)
    }

    @Test func fingerprintsUseTheStateSalt() throws {
        // The same token under another lineage's salt has another fingerprint: a rotation, not a no-op.
        let (applied, observed) = settled(secret: .secret(fingerprint: TokenFingerprint(token: Self.canary, salt: otherSalt)),
                                          tokenSet: true)
        let plan = try requirePlan(desired(), applied: applied, observed: observed, env: ["VCC_TOKEN_EU": Self.canary])
        #expect(try plan.change(at: secretAddress).action == .rotateToken)
    }

    @Test func resetsATokenClearedOutside() throws {
        let (applied, observed) = settled(secret: .secret(fingerprint: TokenFingerprint(token: Self.canary, salt: testSalt)),
                                          tokenSet: false)
        let plan = try requirePlan(desired(), applied: applied, observed: observed, env: ["VCC_TOKEN_EU": Self.canary])
        #expect(plan.summary == ["re-set secret.prod[\"ACME-EU-01\"]"])
        #expect(plan.driftClasses(at: secretAddress) == [.tokenCleared])
        #expect(try plan.change(at: secretAddress).secret?.wasSet == false)
    }

    @Test func noChangeWhenTheTokenIsSetAndUnchanged() throws {
        let (applied, observed) = settled(secret: .secret(fingerprint: TokenFingerprint(token: Self.canary, salt: testSalt)),
                                          tokenSet: true)
        let plan = try requirePlan(desired(), applied: applied, observed: observed, env: ["VCC_TOKEN_EU": Self.canary])
        #expect(!plan.hasChanges)
        #expect(plan.drift.isEmpty)
    }

    @Test(arguments: [nil, ""] as [String?])
    func missingVariableIsADiagnosticAtTheReference(value: String?) throws {
        let marked = MarkedText("""
            version: 1
            orgs:
              prod: {environment: production}
            accounts:
              ACME-EU-01:
                token: ‸{env: VCC_TOKEN_EU}
                locations:
                  prod: [org]

            """)
        let (desired, path) = try loadDesired(marked.text)
        let result = plan(desired, observed: observedProd(), env: value.map { ["VCC_TOKEN_EU": $0] } ?? [:])
        #expect(result.plan == nil)
        let diagnostic = try #require(result.diagnostics.only)
        #expect(diagnostic.code == "plan.missing-token")
        #expect(diagnostic.message.contains("VCC_TOKEN_EU") && diagnostic.message.contains("ACME-EU-01"))
        // An empty value is not an unset variable: the message tells which mistake it is.
        #expect(diagnostic.message.hasSuffix(value == nil ? "is not set" : "is set but empty"), "\(diagnostic.message)")
        #expect(diagnostic.location?.file == path)
        #expect(diagnostic.location?.range.start == marked.positions[0])
    }

    @Test func noSecretWithoutLocationsInTheOrg() throws {
        let desired = desiredState([account("ACME-EU-01", token: "VCC_TOKEN_EU")])
        // Not even read: a key no record carries cannot have a secret.
        let plan = try requirePlan(desired, observed: observedProd())
        #expect(!plan.hasChanges)
    }

    @Test func forgetsSecretsNoLongerDeclared() throws {
        let fingerprint = TokenFingerprint(token: "old", salt: testSalt)
        let desired = desiredState([account("ACME-EU-01", prod: [.org()])])  // the token reference was removed
        let (applied, observed) = settled(secret: .secret(fingerprint: fingerprint), tokenSet: true)
        let plan = try requirePlan(desired, applied: applied, observed: observed)
        #expect(plan.summary == ["forget secret.prod[\"ACME-EU-01\"]"])
        #expect(try plan.change(at: secretAddress).secret?.fingerprint == fingerprint)
        #expect(plan.apiCalls.apply == 0)
    }

    @Test func secretPerOrgOfTheKey() throws {
        var account = account("ACME-EU-01", prod: [.org()], token: "VCC_TOKEN_EU")
        account.locations["uat"] = [.profile("Sales")]
        let desired = desiredState(orgs: ["prod": .production, "uat": .sandbox], [account])
        var observed = observedProd()
        observed.orgs["uat"] = ObservedOrg(orgId: uatOrgId, owners: [.profile("Sales"): OwnerResolution(ownerId: "00e2")])
        let plan = try requirePlan(desired, observed: observed, env: ["VCC_TOKEN_EU": Self.canary])
        #expect(plan.summary == [
            "create setting.prod.org", "create setting.uat.profile[\"Sales\"]",
            "set secret.prod[\"ACME-EU-01\"]", "set secret.uat[\"ACME-EU-01\"]",
        ])
    }

    @Test func theTokenNeverAppearsInThePlan() throws {
        let old = TokenFingerprint(token: "old-token", salt: testSalt)
        let (applied, observed) = settled(secret: .secret(fingerprint: old), tokenSet: true)
        let result = plan(desired(), applied: applied, observed: observed, env: ["VCC_TOKEN_EU": Self.canary])
        let plan = try #require(result.plan)
        #expect(plan.hasChanges)

        #expect(!String(describing: plan).contains(Self.canary))
        #expect(!String(reflecting: plan).contains(Self.canary))
        #expect(!String(describing: result).contains(Self.canary))
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        let json = String(decoding: try encoder.encode(plan), as: UTF8.self)
        #expect(json.contains("VCC_TOKEN_EU"))
        #expect(!json.contains(Self.canary))
        // Nor any long run of it.
        #expect(!json.contains(String(Self.canary.prefix(12))))
    }
}

extension Array {
    /// The only element; nil when there are none or several.
    var only: Element? { count == 1 ? first : nil }
}
