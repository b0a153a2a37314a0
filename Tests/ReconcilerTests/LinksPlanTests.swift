import Testing
import VCCModel
@testable import Reconciler

@Suite struct LinksPlanTests {
    let key = "ACME-EU-01"
    let address = ResourceAddress.link(accountKey: "ACME-EU-01")
    let apiUser = "vcc-api@acme.example"

    func desired(_ link: LinkDeclaration, orgs: [String: OrgEnvironment] = ["prod": .production, "uat": .sandbox]) -> DesiredState {
        desiredState(orgs: orgs, [account(key, link: link)])
    }

    func linked(_ org: String = "prod", as user: String = "vcc-api@acme.example") -> LinkDeclaration {
        .linked(org: org, apiUser: user, origin: .none)
    }

    func observed(_ link: ObservedLink?) -> ObservedState {
        var state = observedProd(links: link.map { [key: $0] } ?? [:], apiUsers: goodAPIUsers)
        state.orgs["uat"] = ObservedOrg(orgId: uatOrgId, apiUsers: goodAPIUsers)
        return state
    }

    func linkedObserved(_ org: String? = "prod", orgId: String = prodOrgId, user: String = "vcc-api@acme.example",
                        consentedAs: String? = nil) -> ObservedLink {
        .linked(org: org, orgId: orgId, apiUser: user, consentedAs: consentedAs ?? user)
    }

    @Test func linksAnUnlinkedAccount() throws {
        let plan = try requirePlan(desired(linked("uat")), observed: observed(nil))
        #expect(plan.summary == ["link link[\"ACME-EU-01\"]"])
        let change = try plan.change(at: address)
        #expect(change.link == LinkChange(accountKey: key, from: .unlinked, toOrg: "uat", toEnvironment: .sandbox, toAPIUser: apiUser,
                                          toOrgId: "00D000000000002AAA"))
        #expect(change.reasons == ["link to uat through \(apiUser)"])
        #expect(!change.isDestructive)
        #expect(plan.drift.isEmpty)
        #expect(plan.apiCalls.apply == 1)
    }

    @Test func noChangeWhenLinkedAsDeclared() throws {
        let applied = appliedState([address: .link(org: "prod", apiUser: apiUser)])
        let plan = try requirePlan(desired(linked()), applied: applied, observed: observed(linkedObserved()))
        #expect(!plan.hasChanges)
        #expect(plan.drift.isEmpty)
        #expect(plan.unrecorded.isEmpty)
    }

    @Test func aLinkAsDeclaredThatStateLacksIsConvergedAndRecordedByTheNextApply() throws {
        // Linked as declared (a consent given after the last apply, or before vccctl): no change,
        // no drift; the plan carries it for the next apply to record, free.
        let fresh = try requirePlan(desired(linked()), observed: observed(linkedObserved()))
        #expect(!fresh.hasChanges)
        #expect(fresh.drift.isEmpty)
        #expect(fresh.unrecorded == [UnrecordedResource(address: address, resource: .link(org: "prod", apiUser: apiUser))])
        #expect(fresh.apiCalls.apply == 0)
        // State recording another link than the one observed as declared: the same.
        let stale = appliedState([address: .link(org: "uat", apiUser: apiUser)])
        let moved = try requirePlan(desired(linked()), applied: stale, observed: observed(linkedObserved()))
        #expect(!moved.hasChanges)
        #expect(moved.unrecorded.map(\.address) == [address])
    }

    @Test func relinksToAnotherOrgWhenTheConfigurationChanged() throws {
        let applied = appliedState([address: .link(org: "prod", apiUser: apiUser)])
        let plan = try requirePlan(desired(linked("uat")), applied: applied, observed: observed(linkedObserved()))
        let change = try plan.change(at: address)
        #expect(change.action == .relink)
        #expect(change.link?.toOrg == "uat" && change.link?.toEnvironment == .sandbox)
        #expect(change.link?.from == linkedObserved())
        #expect(change.reasons == ["calls will use org uat through \(apiUser) instead of prod through \(apiUser)"])
        // State and target agree: the configuration moved, not the link.
        #expect(plan.drift.isEmpty)
    }

    @Test func relinksToAnotherUser() throws {
        let applied = appliedState([address: .link(org: "prod", apiUser: apiUser)])
        let plan = try requirePlan(desired(linked(as: "vcc-api2@acme.example")), applied: applied,
                                   observed: observed(linkedObserved()))
        let change = try plan.change(at: address)
        #expect(change.action == .relink)
        #expect(change.link?.toAPIUser == "vcc-api2@acme.example")
        #expect(plan.drift.isEmpty)
    }

    @Test func linkChangedOutsideIsDrift() throws {
        let applied = appliedState([address: .link(org: "prod", apiUser: apiUser)])
        let plan = try requirePlan(desired(linked()), applied: applied,
                                   observed: observed(linkedObserved(nil, orgId: "00D999", user: "someone@else.example")))
        #expect(plan.driftClasses(at: address) == [.linkChanged])
        #expect(plan.drift[0].message == "link changed outside vccctl: now an undeclared org as someone@else.example")
        #expect(try plan.change(at: address).action == .relink)
    }

    @Test func unlinkedOutsideIsDriftAndLinkedAgain() throws {
        let applied = appliedState([address: .link(org: "prod", apiUser: apiUser)])
        let plan = try requirePlan(desired(linked()), applied: applied, observed: observed(.unlinked))
        #expect(plan.driftClasses(at: address) == [.linkChanged])
        #expect(try plan.change(at: address).action == .link)
    }

    @Test func legacyIsDriftAndRelinked() throws {
        let plan = try requirePlan(desired(linked()), observed: observed(.legacy(org: "prod", orgId: prodOrgId)))
        #expect(plan.driftClasses(at: address) == [.linkLegacy])
        let change = try plan.change(at: address)
        #expect(change.action == .relink)
        #expect(change.link?.from == .legacy(org: "prod", orgId: prodOrgId))
        #expect(change.reasons == ["Legacy links should be relinked"])
    }

    @Test func consentByAnotherUserIsDriftAndRelinked() throws {
        let applied = appliedState([address: .link(org: "prod", apiUser: apiUser)])
        let plan = try requirePlan(desired(linked()), applied: applied,
                                   observed: observed(linkedObserved(consentedAs: "admin@acme.example")))
        #expect(plan.driftClasses(at: address) == [.linkedAsOtherUser])
        #expect(plan.drift[0].message.contains("admin@acme.example"))
        #expect(plan.drift[0].fix == "relink: log in directly as \(apiUser) and press Allow")
        let change = try plan.change(at: address)
        #expect(change.action == .relink)
        #expect(change.reasons == ["the consent must come from \(apiUser) itself"])
    }

    @Test func pendingLinkIsStartedAgain() throws {
        let plan = try requirePlan(desired(linked()), observed: observed(.pending(org: "prod", apiUser: apiUser)))
        let change = try plan.change(at: address)
        #expect(change.action == .link)
        #expect(change.reasons == ["a link was started and still waits for \(apiUser)'s consent"])
        #expect(plan.drift.isEmpty)

        let other = try requirePlan(desired(linked("uat")), observed: observed(.pending(org: "prod", apiUser: apiUser)))
        #expect(try other.change(at: address).reasons == ["link to uat as \(apiUser)"])
    }

    @Test func declaredUnlinkedUnlinksDestructively() throws {
        let applied = appliedState([address: .link(org: "prod", apiUser: apiUser)])
        let plan = try requirePlan(desired(.unlinked(origin: .none)), applied: applied, observed: observed(linkedObserved()))
        #expect(plan.summary == ["unlink link[\"ACME-EU-01\"]"])
        let change = try plan.change(at: address)
        #expect(change.isDestructive)
        #expect(change.link == LinkChange(accountKey: key, from: linkedObserved(), toOrg: nil, toEnvironment: nil, toAPIUser: nil))
        #expect(change.reasons == ["unlinking stops calls for this account at once"])
        #expect(plan.counts.destroy == 1)
    }

    @Test func declaredUnlinkedAndUnlinkedIsNoChange() throws {
        let plan = try requirePlan(desired(.unlinked(origin: .none)), observed: observed(.unlinked))
        #expect(!plan.hasChanges)
        // Observed nothing at all: unlinked too.
        let none = try requirePlan(desired(.unlinked(origin: .none)), observed: observed(nil))
        #expect(!none.hasChanges)
    }

    @Test func undeclaredLinkIsLeftAlone() throws {
        let desired = desiredState([account(key)])
        let plan = try requirePlan(desired, observed: observedProd(links: [key: .legacy(org: nil, orgId: nil)]))
        #expect(!plan.hasChanges)
        #expect(plan.drift.isEmpty)
    }
}
