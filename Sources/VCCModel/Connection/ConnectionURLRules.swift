/// The shape rules for the URLs of the connection settings, exactly the patterns of
/// connection.schema.json, and where a URL holds a password. Each rule returns what is wrong, or
/// nil. Messages never repeat the URL: it may hold a credential.
enum ConnectionURLRules {
    /// A URL taken apart as the schema's patterns see it: the scheme (before `://`), the
    /// authority (up to the first `/`, `?` or `#`) and the rest.
    struct Parts {
        var scheme: String
        var authority: Substring.UnicodeScalarView
        var rest: Substring.UnicodeScalarView
    }

    static func parts(_ url: String) -> Parts? {
        guard let separator = url.firstRange(of: "://") else { return nil }
        let scheme = String(url[..<separator.lowerBound])
        let afterScheme = url[separator.upperBound...].unicodeScalars
        let end = afterScheme.firstIndex { $0 == "/" || $0 == "?" || $0 == "#" } ?? afterScheme.endIndex
        return Parts(scheme: scheme, authority: afterScheme[..<end], rest: afterScheme[end...])
    }

    /// `^https?://[^\s/?#]+(/[^\s]*)?$`
    static func emulatorURLProblem(_ url: String, _ what: String) -> String? {
        guard let parts = parts(url), parts.scheme == "http" || parts.scheme == "https",
              hasHostAndPath(parts)
        else { return "\(what) must be an http:// or https:// URL with a host, such as http://127.0.0.1:8443" }
        return nil
    }

    /// `^https://[^\s/?#]+/?$`: an origin, optionally with a trailing slash.
    static func instanceURLProblem(_ url: String, _ what: String) -> String? {
        let parts = parts(url)
        if parts?.scheme == "http" {
            return "\(what) must use https, not plain http"
        }
        guard let parts, parts.scheme == "https", isHost(parts.authority),
              parts.rest.isEmpty || String(parts.rest) == "/"
        else {
            return "\(what) must be an https:// origin without a path, such as https://acme.my.salesforce.com"
        }
        return nil
    }

    /// `^(https://[^\s/?#]+|http://(127\.d{1,3}\.d{1,3}\.d{1,3}|localhost|\[::1\])(:d{1,5})?)(/[^\s]*)?$`
    static func adminURLProblem(_ url: String, _ what: String) -> String? {
        let parts = parts(url)
        if let parts, parts.scheme == "http", hasHostAndPath(parts), !isLoopback(parts.authority) {
            return "\(what) uses plain http to a host that is not a loopback address; use https (plain http only to 127.0.0.1, localhost or [::1])"
        }
        guard let parts, parts.scheme == "https" || parts.scheme == "http", hasHostAndPath(parts) else {
            return "\(what) must be an https:// URL with a host, such as https://vcc-admin.acme.example"
        }
        return nil
    }

    /// Where the URL holds a password, as offsets in Unicode scalars: the password of its user
    /// information (`scheme://user:PASSWORD@host`, which the schema forbids for PostgreSQL URLs,
    /// even empty) and, with `queryParameter`, the value of that query parameter (`?password=…`,
    /// as libpq reads it).
    /// The whole user information of `url` (`user:password` before the `@`), in unicode-scalar
    /// offsets: what a URL of an unknown scheme must not show at all.
    static func userInformationOffsets(in url: String) -> [Range<Int>] {
        let scalars = Array(url.unicodeScalars)
        guard let schemeEnd = url.firstRange(of: "://") else { return [] }
        let start = url.unicodeScalars.distance(from: url.unicodeScalars.startIndex, to: schemeEnd.upperBound)
        guard let end = scalars[start...].firstIndex(where: { $0 == "/" || $0 == "@" }), scalars[end] == "@", end > start else {
            return []
        }
        return [start..<end]
    }

    static func passwordOffsets(in url: String, queryParameter: String? = nil) -> [Range<Int>] {
        let scalars = Array(url.unicodeScalars)
        var found: [Range<Int>] = []
        guard let schemeEnd = url.firstRange(of: "://") else { return [] }
        let start = url.unicodeScalars.distance(from: url.unicodeScalars.startIndex, to: schemeEnd.upperBound)
        // `://[^/@]*:[^/@]*@`: the user information ends at the first '@' before any '/'.
        if let end = scalars[start...].firstIndex(where: { $0 == "/" || $0 == "@" }), scalars[end] == "@",
           let colon = scalars[start..<end].firstIndex(of: ":") {
            found.append((colon + 1)..<end)
        }
        if let queryParameter, let question = scalars[start...].firstIndex(of: "?") {
            let queryEnd = scalars[question...].firstIndex(of: "#") ?? scalars.count
            var parameterStart = question + 1
            while parameterStart <= queryEnd {
                let parameterEnd = scalars[parameterStart..<queryEnd].firstIndex(of: "&") ?? queryEnd
                let parameter = scalars[parameterStart..<parameterEnd]
                if let equals = parameter.firstIndex(of: "="),
                   String(String.UnicodeScalarView(parameter[parameterStart..<equals])) == queryParameter,
                   equals + 1 < parameterEnd {
                    found.append((equals + 1)..<parameterEnd)
                }
                parameterStart = parameterEnd + 1
            }
        }
        return found
    }

    /// `[^\s/?#]+(/[^\s]*)?$` after the scheme.
    private static func hasHostAndPath(_ parts: Parts) -> Bool {
        isHost(parts.authority) && (parts.rest.isEmpty || parts.rest.first == "/")
            && !parts.rest.contains(where: \.properties.isWhitespace)
    }

    /// `[^\s/?#]+` (the split already excludes `/`, `?` and `#`).
    private static func isHost(_ authority: Substring.UnicodeScalarView) -> Bool {
        !authority.isEmpty && !authority.contains(where: \.properties.isWhitespace)
    }

    /// `(127\.d{1,3}\.d{1,3}\.d{1,3}|localhost|\[::1\])(:d{1,5})?`
    private static func isLoopback(_ authority: Substring.UnicodeScalarView) -> Bool {
        let text = String(authority)
        let host: Substring
        let port: Substring
        if text.hasPrefix("[::1]") {
            host = text.prefix(5)
            port = text.dropFirst(5)
        } else if let colon = text.firstIndex(of: ":") {
            host = text[..<colon]
            port = text[colon...]
        } else {
            host = text[...]
            port = ""
        }
        if !port.isEmpty {
            let digits = port.dropFirst()
            guard port.first == ":", (1...5).contains(digits.count), digits.allSatisfy(isDigit) else { return false }
        }
        if host == "localhost" || host == "[::1]" { return true }
        let octets = host.split(separator: ".", omittingEmptySubsequences: false)
        return octets.count == 4 && octets[0] == "127"
            && octets.allSatisfy { (1...3).contains($0.count) && $0.allSatisfy(isDigit) }
    }

    private static func isDigit(_ character: Character) -> Bool {
        character >= "0" && character <= "9"
    }
}
