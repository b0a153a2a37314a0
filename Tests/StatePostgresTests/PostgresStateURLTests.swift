import StatePostgres
import Testing

/// Reading a state URL: the schema in either of libpq's spellings, the TLS modes, and the
/// password kept apart, never shown.
@Suite struct PostgresStateURLTests {
    @Test func theSchemaComesFromSearchPathOrOptions() throws {
        let plain = try PostgresStateURL.parse("postgres://ci@db.example/vcc")
        #expect(plain == PostgresStateURL(host: "db.example", user: "ci", database: "vcc"))
        #expect(try PostgresStateURL.parse("postgresql://ci@db.example:6543/vcc?search_path=team_a").schema == "team_a")
        #expect(try PostgresStateURL.parse("postgres://ci@db.example/vcc?options=-csearch_path%3Dteam_b").schema == "team_b")
        #expect(try PostgresStateURL.parse("postgres://ci@db.example/vcc?options=-c%20search_path%3Dteam_c").schema == "team_c")
        let ipv6 = try PostgresStateURL.parse("postgres://ci@[::1]:6543/vcc")
        #expect(ipv6.host == "::1" && ipv6.port == 6543 && ipv6.description.hasPrefix("postgres://ci@[::1]:6543/vcc?"))
        // Percent-encoded user and password, as a URL needs for '@' or ':' in them.
        let encoded = try PostgresStateURL.parse("postgres://ci%40team:p%40ss%3Aword@h/vcc")
        #expect(encoded.user == "ci@team" && encoded.password == "p@ss:word")
        #expect(throws: PostgresStateURLError.badSchema) { try PostgresStateURL.parse("postgres://ci@h/vcc?search_path=pg_catalog") }
        #expect(throws: PostgresStateURLError.badSchema) { try PostgresStateURL.parse("postgres://ci@h/vcc?search_path=a%22b") }
        #expect(throws: PostgresStateURLError.unknownParameter("sslkey")) { try PostgresStateURL.parse("postgres://ci@h/vcc?sslkey=x") }
    }

    @Test func theTLSModesAreLibpqs() throws {
        #expect(try PostgresStateURL.parse("postgres://ci@h/d").tls == .prefer)
        for mode in PostgresStateURL.TLSMode.allCases where mode != .verifyFull {
            #expect(try PostgresStateURL.parse("postgres://ci@h/d?sslmode=\(mode.rawValue)").tls == mode)
        }
        #expect(throws: PostgresStateURLError.missingCAFile) { try PostgresStateURL.parse("postgres://ci@h/d?sslmode=verify-full") }
        let verified = try PostgresStateURL.parse("postgres://ci@h/d?sslmode=verify-full&sslrootcert=/etc/ca.pem")
        #expect(verified.tls == .verifyFull && verified.caFile == "/etc/ca.pem")
        #expect(try PostgresStateURL.parse("postgres://ci@h/d", environment: ["PGSSLMODE": "require"]).tls == .require)
        #expect(throws: PostgresStateURLError.unknownTLSMode("verify-ca")) { try PostgresStateURL.parse("postgres://ci@h/d?sslmode=verify-ca") }
    }

    @Test func thePasswordIsKeptApartAndNeverShown() throws {
        let canary = "s3cr3t-CANARY"
        let fromURL = try PostgresStateURL.parse("postgres://ci:\(canary)@db.example/vcc?search_path=s")
        let fromEnvironment = try PostgresStateURL.parse("postgres://ci@db.example/vcc?search_path=s", environment: ["PGPASSWORD": canary])
        #expect(fromURL.password == canary && fromEnvironment.password == canary)
        #expect(fromURL.description == "postgres://ci@db.example:5432/vcc?search_path=s&sslmode=prefer")
        #expect(!"\(fromURL)".contains(canary) && !String(reflecting: fromURL.description).contains(canary))
        #expect(PostgresStateURL.hasPassword("postgres://ci:\(canary)@h/d") && PostgresStateURL.hasPassword("postgres://ci@h/d?password=x"))
        #expect(!PostgresStateURL.hasPassword("postgres://ci@h/d"))
        // Errors about a URL with a password never quote it.
        for text in ["postgres://ci:\(canary)@/vcc", "postgres://ci:\(canary)@h/", "postgres://ci:\(canary)@h/d?sslmode=bogus",
                     "postgres://ci:\(canary)@h:99999/d"] {
            do {
                _ = try PostgresStateURL.parse(text)
                Issue.record("accepted a URL of \(text.count) characters")
            } catch {
                #expect(!"\(error)".contains(canary) && !"\(error)".contains("ci:"), "\(error)")
            }
        }
    }
}
