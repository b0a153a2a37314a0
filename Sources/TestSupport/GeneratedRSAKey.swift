import Foundation

/// RSA private keys made at test time with `openssl genpkey` (never committed to the repository).
public enum GeneratedRSAKey {
    /// A new 2048-bit key in PEM; empty when openssl is missing (the test using it then fails).
    public static func pem() -> String {
        guard let directory = try? TemporaryDirectory("vccctl-rsa-key") else { return "" }
        defer { directory.remove() }
        let path = directory.path + "/key.pem"
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["openssl", "genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048", "-out", path]
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return "" }
        process.waitUntilExit()
        return (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
    }
}
