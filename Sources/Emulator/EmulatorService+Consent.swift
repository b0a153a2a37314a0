import Hummingbird
import OrgSimulator

/// The consent page of a pending link (`/vcc-admin/v1/consent/{consent_id}`): what a person
/// opens from `consent_url` to log in as the API user and press Allow or Deny. It stands in for
/// Salesforce's OAuth login and consent screens, so it takes no bearer token: the unguessable
/// id in the URL is the capability. Every answer, errors included, is an HTML page.
extension EmulatorService {
    /// A login form is a few short fields; anything larger is not one.
    static let maximumConsentFormBytes = 16 * 1024

    func consentPage(_ request: Request, consentId: String) async -> Response {
        switch request.method {
        case .get:
            return showConsent(consentId: consentId).response
        case .post:
            guard let body = await Self.readBody(request, limit: Self.maximumConsentFormBytes) else {
                return ConsentPage.failure(.contentTooLarge, outcome: "invalid_request",
                                           message: "The form is larger than \(Self.maximumConsentFormBytes) bytes.").response
            }
            let form = FormBody(Substring(String(decoding: body, as: UTF8.self)))
            return decideConsent(consentId: consentId, form: form).response
        default:
            return ConsentPage.failure(.methodNotAllowed, outcome: "method_not_allowed",
                                       message: "\(request.method.rawValue) is not allowed here; allowed: GET, POST.",
                                       allowed: ["GET", "POST"]).response
        }
    }

    /// GET: the login form of an open consent; 404 for an id never issued, 410 for a page that
    /// was superseded or whose link finished.
    private func showConsent(consentId: String) -> ConsentPage {
        do {
            guard let request = try simulator.consentRequest(id: consentId) else { return Self.consentPage(.consentUnknown) }
            guard request.isOpen else { return Self.consentPage(.consentClosed(key: request.accountKey)) }
            let orgEnvironment = try request.link.pendingOrg.flatMap { try simulator.org(named: $0) }?.environment
            return ConsentPage.login(consentId: consentId, link: request.link, orgEnvironment: orgEnvironment)
        } catch let error as SimulatorError {
            return Self.consentPage(error)
        } catch {
            return ConsentPage.failure(.internalServerError, outcome: "internal_error", message: "The emulator failed: \(error)")
        }
    }

    /// POST `username=…&decision=allow|deny`. The form is checked first (400: it is the same
    /// whatever the page), then the consent id (404, 410), then the login itself (the
    /// simulator's rules: environment, user, five accounts per API user).
    private func decideConsent(consentId: String, form: FormBody) -> ConsentPage {
        let decision: String
        switch Self.consentFormProblem(form) {
        case .some(let problem):
            return ConsentPage.failure(.badRequest, outcome: "invalid_request", message: problem)
        case nil:
            decision = form["decision"] ?? ""
        }
        do {
            guard let request = try simulator.consentRequest(id: consentId) else { return Self.consentPage(.consentUnknown) }
            guard request.isOpen else { return Self.consentPage(.consentClosed(key: request.accountKey)) }
            if decision == "deny" {
                return ConsentPage.denied(try simulator.denyConsent(consentId: consentId))
            }
            let link = try simulator.giveConsent(consentId: consentId, as: form["username"] ?? "")
            let orgId = try link.linkedOrg.flatMap { try simulator.org(named: $0) }?.orgId
            return ConsentPage.linked(link, orgId: orgId)
        } catch let error as SimulatorError {
            return Self.consentPage(error)
        } catch {
            return ConsentPage.failure(.internalServerError, outcome: "internal_error", message: "The emulator failed: \(error)")
        }
    }

    /// What is wrong with the posted form, in words for the page, or nil. The form has exactly
    /// two fields, each at most once: a browser posting the page's form never trips this.
    static func consentFormProblem(_ form: FormBody) -> String? {
        let known: Set<String> = ["username", "decision"]
        if !form.values.keys.allSatisfy(known.contains) { return "The form has fields other than username and decision." }
        if !form.repeatedNames.isEmpty { return "Send each of username and decision once." }
        switch form["decision"] {
        case "deny":
            return nil
        case "allow":
            guard let username = form["username"], !username.isEmpty else { return "Enter the API user's username." }
            return nil
        default:
            return "Press Allow or Deny (decision=allow|deny)."
        }
    }

    /// The error page of a refused consent, with the status the contract gives it.
    static func consentPage(_ error: SimulatorError) -> ConsentPage {
        switch error {
        case .consentUnknown:
            ConsentPage.failure(.notFound, outcome: "consent_not_found", message: "This consent page does not exist.")
        case .consentClosed, .noPendingLink:
            ConsentPage.failure(.gone, outcome: "consent_closed", message: error.message)
        case .consentUserUnknown:
            ConsentPage.failure(.notFound, outcome: "user_unknown", message: error.message)
        case .consentUserInactive:
            ConsentPage.failure(.forbidden, outcome: "user_inactive", message: error.message)
        case .environmentMismatch:
            ConsentPage.failure(.forbidden, outcome: "environment_mismatch", message: error.message)
        case .linkLimitReached:
            ConsentPage.failure(.conflict, outcome: "link_limit_reached", message: error.message)
        default:
            ConsentPage.failure(.internalServerError, outcome: "internal_error", message: "The emulator failed: \(error.message)")
        }
    }
}
