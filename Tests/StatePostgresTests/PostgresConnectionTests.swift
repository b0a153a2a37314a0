import Foundation
import Reconciler
import StatePostgres
import Testing
import TestSupport

/// Connecting as the URL says: TLS modes against the test server (which speaks TLS with a
/// certificate for localhost), a wrong password, a CA that did not sign the server's certificate.
/// Every error names the state without its password.
@Suite struct PostgresConnectionTests {
    static func url(_ cluster: PostgresCluster, _ parameters: String, host: String = "127.0.0.1", password: String?) throws -> PostgresStateURL {
        var text = cluster.url(schema: PostgresCluster.uniqueSchema("tls")).replacingOccurrences(of: "&sslmode=disable", with: "")
        text = text.replacingOccurrences(of: "@127.0.0.1:", with: "@\(host):") + "&" + parameters
        return try PostgresStateURL.parse(text, environment: ["PGPASSWORD": password ?? ""])
    }

    @Test(.enabled(if: !PostgresCluster.usesExternalServer, "needs a cluster of its own (its CA, superuser, restarts)"))
    func everyTLSModeConnectsToAServerWithACertificate() async throws {
        let cluster = try PostgresCluster.shared()
        let caFile = try #require(cluster.caFile, "only a cluster of this process has a known CA")
        for parameters in ["sslmode=disable", "sslmode=prefer", "sslmode=require", "sslmode=verify-full&sslrootcert=\(caFile)"] {
            let store = PostgresStateStore(url: try Self.url(cluster, parameters, host: "localhost", password: cluster.password))
            let state = try await store.initialize(lineage: "tls", fingerprintSalt: [1])
            #expect(state.lineage == "tls", "\(parameters)")
            await store.close()
        }
    }

    @Test(.enabled(if: !PostgresCluster.usesExternalServer, "needs a cluster of its own (its CA, superuser, restarts)"))
    func aCertificateFromAnotherCAIsRefusedUnderVerifyFull() async throws {
        let cluster = try PostgresCluster.shared()
        _ = try #require(cluster.caFile, "only a cluster of this process has a known CA")
        let other = try TemporaryDirectory("other-ca")
        defer { other.remove() }
        // A CA of its own, which signed nothing the server has.
        let openssl = Process()
        openssl.executableURL = URL(fileURLWithPath: "/usr/bin/openssl")
        openssl.arguments = ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", other.path + "/k", "-out", other.path + "/ca.pem",
                             "-days", "1", "-subj", "/CN=stranger"]
        openssl.standardOutput = FileHandle.nullDevice
        openssl.standardError = FileHandle.nullDevice
        try openssl.run()
        openssl.waitUntilExit()
        let url = try Self.url(cluster, "sslmode=verify-full&sslrootcert=\(other.path)/ca.pem", host: "localhost", password: cluster.password)
        let store = PostgresStateStore(url: url)
        await expectThrows {
            _ = try await store.load()
        } matching: { error in
            guard case PostgresStateError.cannotConnect(let state, _) = error else { return false }
            return state == url.description && "\(error)".contains("cannot connect to the PostgreSQL state")
        }
        await store.close()
    }

    /// `sslrootcert` naming a FIFO, a directory or a file with no certificate: refused before any
    /// connection, never hung on (the CA file is read through FileSafety).
    @Test func aCAFileThatIsNoRegularFileOrHoldsNoCertificateIsRefused() async throws {
        let cluster = try PostgresCluster.shared()
        let directory = try TemporaryDirectory("bad-ca")
        defer { directory.remove() }
        #expect(SpecialFiles.makeFIFO(directory.path + "/fifo.pem"))
        let empty = try directory.write("empty.pem", "not a certificate\n")
        for (file, words) in [(directory.path + "/fifo.pem", "FIFO"), (directory.path, "directory"), (empty, "holds no certificate")] {
            let url = try Self.url(cluster, "sslmode=verify-full&sslrootcert=\(file)", host: "localhost", password: cluster.password)
            let store = PostgresStateStore(url: url)
            await expectThrows {
                _ = try await store.load()
            } matching: { error in
                guard case PostgresStateError.cannotConnect = error else { return false }
                return "\(error)".contains(words) && "\(error)".contains("CA file")
            }
            await store.close()
        }
    }

    @Test(.enabled(if: !PostgresCluster.usesPasswordlessServer, "needs a server that asks for a password"))
    func aWrongPasswordIsAClearErrorThatNeverShowsIt() async throws {
        let cluster = try PostgresCluster.shared()
        try #require(cluster.password != nil, "the server must ask for a password")
        let canary = "wrong-CANARY-pw-4411"
        let url = try Self.url(cluster, "sslmode=disable", password: canary)
        let store = PostgresStateStore(url: url)
        await expectThrows {
            _ = try await store.initialize(lineage: "l", fingerprintSalt: [1])
        } matching: { error in
            let text = "\(error)" + String(reflecting: error)
            return text.contains("password authentication failed") && !text.contains(canary) && text.contains("PGPASSWORD")
        }
        await store.close()
    }
}
