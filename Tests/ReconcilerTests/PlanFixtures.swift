import Foundation
import Testing
import TestSupport
import VCCModel
import YAMLSyntax
@testable import Reconciler

/// Shared building blocks of the planner tests: desired, applied and observed states as plain
/// values, and a planner call with an injected environment.

let prodOrgId = "00D000000000001AAA"
let uatOrgId = "00D000000000002AAA"
let testSalt: [UInt8] = Array(0..<32)
let otherSalt: [UInt8] = Array(repeating: 7, count: 32)

/// An org declaration of the given name (production unless told).
func orgDeclaration(_ name: String, _ environment: OrgEnvironment = .production) -> OrgDeclaration {
    OrgDeclaration(name: name, environment: environment)
}

/// A desired state with `orgs` (name → environment) and `accounts`.
func desiredState(orgs: [String: OrgEnvironment] = ["prod": .production], _ accounts: [AccountDeclaration]) -> DesiredState {
    var state = DesiredState()
    for (name, environment) in orgs { state.orgs[name] = orgDeclaration(name, environment) }
    for account in accounts { state.accounts[account.key] = account }
    return state
}

/// An account declared with locations in `prod` (and optionally a token and link).
func account(_ key: String, prod locations: [Location] = [], token: String? = nil,
             link: LinkDeclaration? = nil) -> AccountDeclaration {
    AccountDeclaration(key: key, token: token.map { TokenReference(environmentVariable: $0) },
                       locations: locations.isEmpty ? [:] : ["prod": locations], link: link)
}

/// State at serial 7 of lineage L1 holding `resources`.
func appliedState(_ resources: [ResourceAddress: AppliedResource] = [:], serial: Int64 = 7,
                  lineage: String = "L1", salt: [UInt8] = testSalt) -> AppliedState {
    AppliedState(lineage: lineage, serial: serial, fingerprintSalt: salt, resources: resources)
}

/// What `prod` holds.
func observedProd(settings: [Location: ObservedSetting] = [:], owners: [Location: OwnerResolution] = [:],
                  tokenSet: [String: Bool] = [:], links: [String: ObservedLink] = [:],
                  apiUsers: [String: APIUserFacts] = [:], readDigest: String = "read-1") -> ObservedState {
    ObservedState(orgs: ["prod": ObservedOrg(orgId: prodOrgId, settings: LocationTable(settings), owners: owners, tokenSet: tokenSet,
                                             apiUsers: apiUsers)],
                  links: links, readDigest: readDigest)
}

/// The API users the tests link through, each as VCC needs it (active, API Only, with the
/// ContactWorld API user permission set, no MFA): plans that are not about API users find them so.
let goodAPIUsers: [String: APIUserFacts] = Dictionary(uniqueKeysWithValues: [
    "api@x.example", "api@acme.example", "api2@acme.example", "vcc-api@acme.example", "vcc-api2@acme.example",
].enumerated().map { index, name in (name, APIUserFacts(userId: "005API00000000\(index)AAA")) })

/// An environment holding exactly `variables`.
func environment(_ variables: [String: String] = [:]) -> @Sendable (String) -> String? {
    { variables[$0] }
}

/// Plans; `salt` is the new-state salt.
func plan(_ desired: DesiredState, applied: AppliedState? = nil, observed: ObservedState,
          env: [String: String] = [:]) -> Planner.Result {
    Planner.plan(PlanInput(desired: desired, applied: applied, observed: observed,
                           environment: environment(env), newStateSalt: testSalt))
}

/// Plans and requires a plan (no diagnostics).
func requirePlan(_ desired: DesiredState, applied: AppliedState? = nil, observed: ObservedState,
                 env: [String: String] = [:], sourceLocation: Testing.SourceLocation = #_sourceLocation) throws -> Plan {
    let result = plan(desired, applied: applied, observed: observed, env: env)
    #expect(result.diagnostics.isEmpty, "\(result.diagnostics.map(\.message))", sourceLocation: sourceLocation)
    return try #require(result.plan, sourceLocation: sourceLocation)
}

/// Loads YAML written to a fresh temporary directory; returns the desired state and the file path.
func loadDesired(_ text: String, name: String = "vccctl.yaml",
                 sourceLocation: Testing.SourceLocation = #_sourceLocation) throws -> (DesiredState, String) {
    let directory = try TemporaryDirectory("reconciler")
    defer { directory.remove() }
    let path = try directory.write(name, text)
    let loaded = ConfigurationLoader.load(paths: [path])
    let state = try #require(loaded.desiredState,
                             "\(loaded.diagnostics.map { "\($0.location?.description ?? "-"): \($0.message)" })",
                             sourceLocation: sourceLocation)
    return (state, path)
}

/// Address shorthands.
func settingAddress(_ location: Location, org: String = "prod") -> ResourceAddress {
    .setting(org: org, location: location)
}

extension Plan {
    /// The one change at `address`; fails the test when there is none or more than one.
    func change(at address: ResourceAddress, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws -> PlannedChange {
        let found = changes.filter { $0.address == address }
        try #require(found.count == 1, "expected one change at \(address), got \(changes.map { "\($0.action) \($0.address)" })",
                     sourceLocation: sourceLocation)
        return found[0]
    }

    /// Drift classes found at `address`.
    func driftClasses(at address: ResourceAddress) -> [DriftClass] {
        drift.filter { $0.address == address }.map(\.driftClass)
    }

    /// `action address` lines, in plan order.
    var summary: [String] { changes.map { "\($0.action.rawValue) \($0.address)" } }
}

extension PlannedChange {
    var setting: SettingChange? {
        if case .setting(let setting) = detail { return setting }
        return nil
    }
    var secret: SecretChange? {
        if case .secret(let secret) = detail { return secret }
        return nil
    }
    var link: LinkChange? {
        if case .link(let link) = detail { return link }
        return nil
    }
}
