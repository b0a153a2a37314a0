import Testing
import VCCModel
@testable import Reconciler

@Suite struct RefreshScopeTests {
    @Test func unresolvedAreTheRequestedLocationsWithoutARecordEachOnce() {
        let records: LocationTable<ObservedSetting> = [
            .user("b"): ObservedSetting(recordId: "a0X1", ownerId: "005B", accountKey: "K"),
            .profile("P"): ObservedSetting(recordId: "a0X2", ownerId: "00eP", accountKey: "K"),
        ]
        let request = RefreshRequest(
            orgs: [],
            declared: ["prod": [.org(): "K", .profile("P"): "K", .user("a"): "K", .user("b"): "K", .user("c"): "K"]],
            applied: ["prod": [.user("c"): AppliedSetting(accountKey: "K", recordId: "a0X3", ownerId: "005C"),
                               .user("d"): AppliedSetting(accountKey: "K", recordId: "a0X4", ownerId: "005D")]],
            extra: ["prod": [.user("e"), .user("b")]],
            accountKeys: [])
        #expect(request.unresolved(org: "prod", records: records) == [.user("a"), .user("c"), .user("d"), .user("e")])
        #expect(request.unresolved(org: "uat", records: records).isEmpty)
    }

    @Test func aPlanScopesOnlyDeclaredOrgs() {
        let desired = desiredState([account("A", prod: [.user("a")])])
        let applied = AppliedState(lineage: "L", serial: 1, fingerprintSalt: [], resources: [
            .setting(org: "gone", location: .user("x")): .setting(accountKey: "A", recordId: "r", ownerId: "o"),
            .link(accountKey: "B"): .link(org: "prod", apiUser: "api"),
        ])
        let scope = RefreshRequest.scope(desired: desired, settings: DesiredSettings(desired), applied: applied)
        #expect(Array(scope.declared.keys) == ["prod"])
        #expect(scope.applied.isEmpty)
        #expect(scope.accountKeys == ["A", "B"])
    }
}
