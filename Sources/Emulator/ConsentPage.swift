import HTTPTypes
import Hummingbird
import NIOCore
import OrgSimulator

/// The consent pages, as HTML a browser shows: a minimal Salesforce-style login for a pending
/// link, and the outcome of pressing Allow or Deny. Every value that comes from a request or
/// from the org (account keys, usernames, messages) is HTML-escaped where it is written.
///
/// `<main data-outcome="…">` names the outcome in a stable, machine-readable form, so tests and
/// scripts need not parse prose: `login`, `linked`, `denied`, and for errors `invalid_request`,
/// `consent_not_found`, `consent_closed`, `user_unknown`, `user_inactive`,
/// `environment_mismatch`, `link_limit_reached`, `method_not_allowed`, `internal_error`.
struct ConsentPage {
    var status: HTTPResponse.Status
    var outcome: String
    var title: String
    /// Already-escaped HTML of the page's body.
    var bodyHTML: String
    var allowed: [String] = []

    /// The login page of an open consent.
    static func login(consentId: String, link: VCCLink, orgEnvironment: SalesforceEnvironment?) -> ConsentPage {
        let environment = link.pendingEnvironment ?? orgEnvironment ?? .production
        let label = environment == .production ? "Production" : "Sandbox"
        let action = VCCAdminRoute.prefix + "consent/" + consentId
        let body = """
            <p class="host">\(label): <strong>\(escape(environment.loginHost))</strong></p>
            <p>The Vonage Contact Center account <strong class="account">\(escape(link.key))</strong> asks for \
            access to your Salesforce org. Log in <em>directly</em> as its API user (not through \
            &ldquo;Log in as&rdquo; from an admin session) and press Allow.</p>
            <form method="post" action="\(escape(action))">
            <label for="username">Username</label>
            <input id="username" name="username" type="text" autocomplete="username" \
            value="\(escape(link.pendingUsername ?? ""))">
            <p class="note">This is the vccctl emulator: it asks for no password.</p>
            <button type="submit" name="decision" value="allow">Allow</button>
            <button type="submit" name="decision" value="deny">Deny</button>
            </form>
            """
        return ConsentPage(status: .ok, outcome: "login", title: "Log in to Salesforce (\(label))", bodyHTML: body)
    }

    /// Allow was pressed and the link is in force.
    static func linked(_ link: VCCLink, orgId: String?) -> ConsentPage {
        let environment = link.linkedEnvironment?.rawValue ?? "?"
        let body = """
            <p>The Vonage Contact Center account <strong class="account">\(escape(link.key))</strong> is now \
            <strong>linked</strong> to Salesforce org <strong>\(escape(orgId ?? "?"))</strong> (\(escape(environment))) \
            as <strong class="user">\(escape(link.linkedAsUsername ?? ""))</strong>.</p>
            <p>You can close this page.</p>
            """
        return ConsentPage(status: .ok, outcome: "linked", title: "Linked", bodyHTML: body)
    }

    /// Deny was pressed: the pending link was dropped.
    static func denied(_ link: VCCLink) -> ConsentPage {
        let body = """
            <p>The Vonage Contact Center account <strong class="account">\(escape(link.key))</strong> was \
            <strong>not linked (denied)</strong>. A link already in force stays as it was.</p>
            """
        return ConsentPage(status: .ok, outcome: "denied", title: "Not linked (denied)", bodyHTML: body)
    }

    /// An error page: what went wrong, in words, with the status a browser (or test) sees.
    static func failure(_ status: HTTPResponse.Status, outcome: String, message: String, allowed: [String] = []) -> ConsentPage {
        ConsentPage(status: status, outcome: outcome, title: "Not linked", bodyHTML: "<p class=\"error\">\(escape(message))</p>",
                    allowed: allowed)
    }

    /// The page as an HTTP response. The URL of a consent page is a capability, so no referrer
    /// carries it elsewhere and no cache keeps it; no frame may embed the page (clickjacking of
    /// the Allow button), and it loads nothing and posts only to itself.
    var response: Response {
        let html = """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(Self.escape(title))</title>
            <style>body{font-family:sans-serif;background:#f3f3f3;margin:0}main{max-width:26rem;margin:3rem auto;\
            background:#fff;border:1px solid #ddd;border-radius:4px;padding:1.5rem}h1{color:#00a1e0;margin-top:0}\
            input{display:block;width:100%;box-sizing:border-box;margin:.3rem 0 1rem;padding:.5rem}\
            button{padding:.5rem 1.2rem;margin-right:.5rem}.error{color:#c23934}.note{color:#666;font-size:.9em}</style>
            </head>
            <body>
            <main data-outcome="\(Self.escape(outcome))">
            <h1>salesforce</h1>
            <h2>\(Self.escape(title))</h2>
            \(bodyHTML)
            </main>
            </body>
            </html>

            """
        var headers = HTTPFields()
        headers[.contentType] = "text/html; charset=utf-8"
        headers[.cacheControl] = "no-store"
        headers[HTTPField.Name("Referrer-Policy")!] = "no-referrer"
        headers[HTTPField.Name("X-Content-Type-Options")!] = "nosniff"
        headers[HTTPField.Name("X-Frame-Options")!] = "DENY"
        headers[HTTPField.Name("Content-Security-Policy")!] =
            "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
        if !allowed.isEmpty { headers[.allow] = allowed.joined(separator: ", ") }
        return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(string: html)))
    }

    /// Text made safe for HTML content and double- or single-quoted attribute values.
    static func escape(_ text: String) -> String {
        var out = ""
        out.unicodeScalars.reserveCapacity(text.unicodeScalars.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
