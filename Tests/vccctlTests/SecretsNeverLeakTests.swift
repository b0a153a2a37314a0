import Foundation
import Testing
import TestSupport

/// A canary token runs through every command and format; it must appear in no output, no plan
/// file, no state file and no file of the embedded org: not as text, not hex- or base64-encoded.
@Suite struct SecretsNeverLeakTests {
    /// Everything a canary could be found as.
    static func forms(of canary: String) -> [String] {
        let bytes = Array(canary.utf8)
        let suffix = String(canary.split(separator: "-", maxSplits: 2).last ?? "")
        return [canary, suffix, bytes.map { String(format: "%02x", $0) }.joined(),
                bytes.map { String(format: "%02X", $0) }.joined(), Data(bytes).base64EncodedString()]
            .filter { $0.count >= 8 }
    }

    final class Transcript {
        var entries: [(command: String, text: String)] = []
        func record(_ arguments: [String], _ result: CommandRunner.Result) {
            entries.append((arguments.joined(separator: " "), result.stdout))
            entries.append((arguments.joined(separator: " ") + " (stderr)", result.stderr))
        }
    }

    @Test func canariesAppearNowhere() throws {
        var workspace = try EndToEndWorkspace.quickstart()
        defer { workspace.remove() }
        var canaries = [workspace.environment["VCC_TOKEN_ACME_EU"]!, workspace.environment["VCC_TOKEN_ACME_US"]!]
        let transcript = Transcript()
        func run(_ arguments: [String], _ status: Int32, environment: [String: String] = [:]) throws -> CommandRunner.Result {
            let result = try workspace.expect(arguments, status: status, environment: environment)
            transcript.record(arguments, result)
            return result
        }
        let formats = ["text", "json", "markdown"]

        for format in formats {
            _ = try run(["validate", "--format", format], 0)
            _ = try run(["plan", "--format", format], 0)
        }
        _ = try run(["plan", "--out", "first.json"], 0)
        _ = try run(["plan", "--format", "json", "--out", "first-json.json"], 0)
        for format in formats { _ = try run(["show", "first.json", "--format", format], 0) }
        // A saved plan refused because the token changed names the variable, never a value.
        let other = "CANARY-eu-other-" + UUID().uuidString.lowercased()
        canaries.append(other)
        let refused = try run(["apply", "first.json"], 1, environment: ["VCC_TOKEN_ACME_EU": other])
        #expect(refused.stderr.contains("VCC_TOKEN_ACME_EU"))
        _ = try run(["apply", "first.json"], 3)
        _ = try run(["sim", "consent", "--account", "ACME-EU-01"], 0)
        _ = try run(["sim", "consent", "--account", "ACME-US-01"], 0)
        _ = try run(["apply", "--auto-approve", "--format", "json"], 0)

        // Rotate one token: plans, applies and history now involve a second value.
        let rotated = "CANARY-eu-rotated-" + UUID().uuidString.lowercased()
        canaries.append(rotated)
        workspace.environment["VCC_TOKEN_ACME_EU"] = rotated
        for format in formats { _ = try run(["plan", "--format", format], 0) }
        _ = try run(["plan", "--out", "rotate.json"], 0)
        for format in formats { _ = try run(["show", "rotate.json", "--format", format], 0) }
        _ = try run(["apply", "rotate.json", "--format", "markdown"], 0)

        // Out-of-band changes, then drift and a repairing apply in every format.
        _ = try run(["sim", "clear-token", "--org", "prod", "--key", "ACME-EU-01"], 0)
        _ = try run(["sim", "set-setting", "--org", "prod", "--user", "ada@acme.example", "--key", "ACME-US-01"], 0)
        _ = try run(["sim", "legacy", "--account", "ACME-EU-01"], 0)
        for format in formats {
            _ = try run(["drift", "--format", format], 0)
            _ = try run(["plan", "--format", format], 0)
        }
        _ = try run(["apply", "--auto-approve"], 3)
        _ = try run(["sim", "consent", "--account", "ACME-EU-01"], 0)
        _ = try run(["apply", "--auto-approve", "--format", "markdown"], 0)

        // State and org inspection.
        for format in ["text", "json"] {
            _ = try run(["state", "list", "--format", format], 0)
            _ = try run(["state", "history", "--format", format], 0)
        }
        _ = try run(["state", "show"], 0)
        for address in try workspace.stateAddresses() { _ = try run(["state", "show", address], 0) }
        _ = try run(["sim", "show"], 0)
        _ = try run(["explain", "user", "sam@acme.example", "--org", "prod"], 0)

        // A token variable set to an empty value is reported by name only.
        _ = try run(["plan"], 1, environment: ["VCC_TOKEN_ACME_US": ""])

        #expect(transcript.entries.count > 80)
        for canary in canaries {
            for form in Self.forms(of: canary) {
                for entry in transcript.entries {
                    #expect(!entry.text.contains(form), "a token (as \(form)) leaked into the output of vccctl \(entry.command)")
                }
            }
            #expect(!transcript.entries.contains { $0.text.contains("CANARY") })
        }

        // Every file the runs left: plan files, the configuration, .vccctl/ (state, org, journals).
        let root = URL(fileURLWithPath: workspace.path)
        let files = try #require(FileManager.default.subpaths(atPath: root.path))
        var scanned = 0
        for relative in files {
            var isDirectory: ObjCBool = false
            let path = root.appendingPathComponent(relative).path
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue,
                  let data = FileManager.default.contents(atPath: path) else { continue }
            scanned += 1
            for canary in canaries {
                for form in Self.forms(of: canary) {
                    #expect(data.range(of: Data(form.utf8)) == nil, "a token (as \(form)) is in \(relative)")
                }
            }
            #expect(data.range(of: Data("CANARY".utf8)) == nil, "a canary is in \(relative)")
        }
        let stored = try workspace.workspaceFiles().map(\.name)
        #expect(stored.contains("state.sqlite") && stored.contains("org.sqlite"), "\(stored)")
        #expect(scanned >= 6)
    }
}
