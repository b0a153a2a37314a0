public import Reconciler
public import VCCModel

/// The behaviour every VCC port that can read VCC must have (the embedded model, the admin
/// contract client, the fake): Secrets Management lists keys in use with "token set?", a token
/// needs its key in use, a link waits for a consent that the link read then shows (and shows who
/// consented), unlink is idempotent, and no token ever comes back in a step or an error.
public enum VCCPortContract {
    /// A fresh port over an org `org` of `environment` with the API user `apiUser` and a second
    /// active user `otherUser`, and the hands of the world around it.
    public struct Subject: Sendable {
        public var port: any VCCPort
        public var org: VCCOrg
        public var environment: OrgEnvironment
        public var apiUser: String
        public var otherUser: String
        /// Puts `key` in use in the org (a settings record carries it).
        public var useKey: @Sendable (String) async throws -> Void
        /// A person logs in as `user` and presses Allow for the pending link of `key`.
        public var consent: @Sendable (_ key: String, _ user: String) async throws -> Void

        public init(port: any VCCPort, org: VCCOrg, environment: OrgEnvironment, apiUser: String, otherUser: String,
                    useKey: @escaping @Sendable (String) async throws -> Void,
                    consent: @escaping @Sendable (String, String) async throws -> Void) {
            self.port = port
            self.org = org
            self.environment = environment
            self.apiUser = apiUser
            self.otherUser = otherUser
            self.useKey = useKey
            self.consent = consent
        }
    }

    public typealias Check = ContractCheck<Subject>

    public static let checks: [Check] = [
        Check(description: "Secrets Management lists keys in use, and a stored token shows as set", body: secrets),
        Check(description: "a token for a key no record carries is refused", body: keyNotInUse),
        Check(description: "an account never linked reads as unlinked", body: neverLinked),
        Check(description: "a link waits for the API user's consent, then reads as linked", body: linkAndConsent),
        Check(description: "a consent by another user is read as such", body: consentByAnotherUser),
        Check(description: "unlink stops the link and can be repeated", body: unlinkTwice),
    ]

    /// A token value no output may ever contain.
    public static let canary = "vcc-contract-canary-token-7d1f"

    static func secrets(_ subject: Subject) async throws {
        try await subject.useKey("CONTRACT-01")
        var list = try await subject.port.listSecrets(in: subject.org, locations: true)
        try ContractViolation.require(list.secrets.map(\.accountKey).contains("CONTRACT-01"), "the key in use is listed: \(list.secrets)")
        try ContractViolation.require(list.secrets.first { $0.accountKey == "CONTRACT-01" }?.tokenSet == false, "no token yet")
        let result = try await subject.port.setToken(TokenToStore(variable: "VCC_TOKEN_CONTRACT", value: canary),
                                                     accountKey: "CONTRACT-01", in: subject.org)
        try ContractViolation.require(result == .done, "an observable port stores the token itself: \(result)")
        list = try await subject.port.listSecrets(in: subject.org, locations: false)
        try ContractViolation.require(list.secrets.first { $0.accountKey == "CONTRACT-01" }?.tokenSet == true, "the token shows as set")
        try ContractViolation.require(!"\(list)".contains(canary), "the list never carries the token")
    }

    static func keyNotInUse(_ subject: Subject) async throws {
        do {
            _ = try await subject.port.setToken(TokenToStore(variable: "VCC_TOKEN_CONTRACT", value: canary),
                                                accountKey: "NOT-IN-USE-01", in: subject.org)
            throw ContractViolation("a token for a key not in use was accepted")
        } catch let rejection as VCCRejection {
            try ContractViolation.require(!rejection.message.contains(canary) && !rejection.code.isEmpty,
                                          "a coded refusal without the token: \(rejection)")
        }
        let list = try await subject.port.listSecrets(in: subject.org, locations: false)
        try ContractViolation.require(!list.secrets.contains { $0.accountKey == "NOT-IN-USE-01" }, "nothing was added")
    }

    static func neverLinked(_ subject: Subject) async throws {
        let links = try await subject.port.readLinks(["NEVER-LINKED-01"])
        try ContractViolation.require(links["NEVER-LINKED-01"] == .unlinked, "unlinked: \(links)")
    }

    static func linkAndConsent(_ subject: Subject) async throws {
        let result = try await subject.port.startLink(accountKey: "LINK-01", to: subject.org, environment: subject.environment,
                                                      apiUser: subject.apiUser)
        guard case .person(let step, let verifiable) = result else {
            throw ContractViolation("a link needs a person: \(result)")
        }
        try ContractViolation.require(verifiable, "the port can read the link afterwards")
        try ContractViolation.require(step.loginAs == subject.apiUser && step.environment == subject.environment,
                                      "the step names the user to log in as and the login: \(step)")
        var links = try await subject.port.readLinks(["LINK-01"])
        guard case .pending(_, let pendingUser)? = links["LINK-01"], pendingUser == subject.apiUser else {
            throw ContractViolation("the link waits for consent: \(links)")
        }
        try await subject.consent("LINK-01", subject.apiUser)
        links = try await subject.port.readLinks(["LINK-01"])
        guard case .linked(_, let orgId, let user, let consentedAs)? = links["LINK-01"] else {
            throw ContractViolation("linked after the consent: \(links)")
        }
        try ContractViolation.require(orgId == subject.org.orgId && user == subject.apiUser && consentedAs == subject.apiUser,
                                      "linked to the org as the API user: \(links)")
    }

    static func consentByAnotherUser(_ subject: Subject) async throws {
        _ = try await subject.port.startLink(accountKey: "LINK-02", to: subject.org, environment: subject.environment,
                                             apiUser: subject.apiUser)
        try await subject.consent("LINK-02", subject.otherUser)
        let links = try await subject.port.readLinks(["LINK-02"])
        guard case .linked(_, _, _, let consentedAs)? = links["LINK-02"] else { throw ContractViolation("linked: \(links)") }
        try ContractViolation.require(consentedAs == subject.otherUser, "who pressed Allow is read back: \(links)")
    }

    static func unlinkTwice(_ subject: Subject) async throws {
        _ = try await subject.port.startLink(accountKey: "LINK-03", to: subject.org, environment: subject.environment,
                                             apiUser: subject.apiUser)
        try await subject.consent("LINK-03", subject.apiUser)
        for _ in 0..<2 {
            let result = try await subject.port.unlink(accountKey: "LINK-03")
            try ContractViolation.require(result == .done, "unlink is done by the port: \(result)")
        }
        let links = try await subject.port.readLinks(["LINK-03"])
        try ContractViolation.require(links["LINK-03"] == .unlinked, "unlinked: \(links)")
    }
}
