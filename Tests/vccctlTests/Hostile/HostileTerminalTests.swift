import Foundation
import Testing
import TestSupport

/// Strings from the org and from YAML carrying terminal escapes (retitle the window, clear the
/// screen): no human output of any command prints a raw control character, even with colour off;
/// JSON escapes them and still round-trips the exact string.
@Suite struct HostileTerminalTests {
    /// An account key as an attacker would set it in the org: retitles the window, clears the screen.
    static let evilKey = "EVIL\u{1B}]0;pwned\u{07}\u{1B}[2J"
    /// The same, as a YAML double-quoted string writes it.
    static let evilKeyYAML = #""EVIL\e]0;pwned\a\e[2J""#
    static let evilProfile = "Evil\u{1B}[8mProfile\u{9B}2J\u{202E}"
    static let evilProfileYAML = #""Evil\e[8mProfile\x9b2J\u202e""#

    /// A raw character a terminal acts on: C0 but line feed and tab, DEL, C1.
    static func rawControls(in text: String) -> [String] {
        text.unicodeScalars.filter { scalar in
            (scalar.value < 0x20 && scalar != "\n" && scalar != "\t") || (0x7F...0x9F).contains(scalar.value)
                || scalar == "\u{202E}"
        }.map { String(format: "U+%04X", $0.value) }
    }

    final class Transcript {
        var human: [(String, String)] = []
        var json: [(String, String)] = []
    }

    @Test func noHumanOutputCarriesARawControlCharacter() throws {
        var workspace = try EndToEndWorkspace.quickstart(links: false)
        defer { workspace.remove() }
        workspace.environment["VCC_TOKEN_EVIL"] = "CANARY-evil-" + UUID().uuidString
        workspace.environment["NO_COLOR"] = "1"
        let transcript = Transcript()
        func run(_ arguments: [String], _ status: Int32) throws {
            let result = try workspace.expect(arguments, status: status)
            let command = arguments.joined(separator: " ")
            if arguments.contains("json") || arguments == ["sim", "show"] {
                transcript.json.append((command, result.stdout))
                transcript.human.append((command + " (stderr)", result.stderr))
            } else {
                transcript.human.append((command, result.stdout + result.stderr))
            }
        }

        // Hostile names in the org, set out of band; the configuration declares them too.
        try run(["sim", "add-profile", "--org", "prod", Self.evilProfile], 0)
        try run(["sim", "set-setting", "--org", "prod", "--user", "ada@acme.example", "--key", Self.evilKey], 0)
        try workspace.editConfig { text in
            text + """

                  \(Self.evilKeyYAML):
                    token: {env: VCC_TOKEN_EVIL}
                    locations:
                      prod: [{profile: \(Self.evilProfileYAML)}]

                """
        }
        let formats = ["text", "markdown", "json"]
        for format in formats {
            try run(["validate", "--format", format], 0)
            try run(["plan", "--format", format], 0)
            try run(["drift", "--format", format], 0)
        }
        // Three applies, each with something to do: the token is cleared out of band between them.
        for format in formats {
            try run(["apply", "--auto-approve", "--format", format], 0)
            try run(["sim", "clear-token", "--org", "prod", "--key", Self.evilKey], 0)
        }
        for format in ["text", "json"] {
            try run(["state", "list", "--format", format], 0)
            try run(["explain", "user", "ada@acme.example", "--org", "prod", "--format", format], 0)
        }
        try run(["state", "show"], 0)
        for address in try workspace.stateAddresses() { try run(["state", "show", address], 0) }
        try run(["sim", "show"], 0)

        // A YAML string with escapes, echoed by a finding.
        try Data("version: 1\norgs: {prod: {environment: \"prod\\e]0;x\\a\\e[2J\"}}\n".utf8)
            .write(to: URL(fileURLWithPath: workspace.configPath))
        for format in formats { try run(["validate", "--format", format], 1) }
        try run(["plan"], 1)

        for (command, text) in transcript.human {
            #expect(Self.rawControls(in: text).isEmpty,
                    "vccctl \(command) printed raw \(Self.rawControls(in: text)):\n\(text.debugDescription)")
        }
        // The hostile strings were shown (escaped), not left out.
        let shownEscaped = transcript.human.filter { $0.1.contains("EVIL\\u{1b}]0;pwned\\u{7}\\u{1b}[2J") }.map(\.0)
        for command in ["plan --format text", "plan --format markdown", "drift --format text", "apply --auto-approve --format text",
                        "state list --format text", "explain user ada@acme.example --org prod --format text"] {
            #expect(shownEscaped.contains(command), "\(command) did not show the key: \(shownEscaped)")
        }
        #expect(transcript.human.contains { $0.1.contains("Evil\\u{1b}[8mProfile\\u{9b}2J\\u{202e}") })
        #expect(transcript.human.contains { $0.0 == "validate --format text" && $0.1.contains("'prod\\u{1b}]0;x\\u{7}\\u{1b}[2J'") })

        for (command, text) in transcript.json {
            #expect(Self.rawControls(in: text).isEmpty, "vccctl \(command) printed raw \(Self.rawControls(in: text))")
            #expect((try? JSONSerialization.jsonObject(with: Data(text.utf8))) != nil, "vccctl \(command): not JSON")
        }
        let plan = try #require(transcript.json.first { $0.0 == "plan --format json" }?.1)
        #expect(plan.lowercased().contains("evil\\u001b]0;pwned\\u0007\\u001b[2j"), "\(plan)")
        let sim = try #require(transcript.json.first { $0.0 == "sim show" }?.1)
        #expect(sim.lowercased().contains("evil\\u001b[8mprofile\\u009b2j\\u202e"), "\(sim)")
    }
}
