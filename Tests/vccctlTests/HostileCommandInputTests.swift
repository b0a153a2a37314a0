import Foundation
import Testing
import TestSupport

/// However broken the input, `vccctl validate` ends with a diagnostic and exit 1: never a crash,
/// a trap, a hang or a stack trace.
@Suite struct HostileCommandInputTests {
    struct Case: CustomStringConvertible, Sendable {
        var name: String
        var bytes: [UInt8]
        var description: String { name }
    }

    static var cases: [Case] {
        var generator = SeededGenerator(seed: 0x5eed)
        var cases: [Case] = [
            Case(name: "empty", bytes: []),
            Case(name: "only-comments", bytes: Array("# nothing here\n# at all\n".utf8)),
            Case(name: "png-header", bytes: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D, 0x49, 0x48, 0x44, 0x52]),
            Case(name: "nul-bytes", bytes: [UInt8](repeating: 0, count: 64)),
            Case(name: "invalid-utf8", bytes: Array("version: 1\norgs:\n  p".utf8) + [0xC3, 0x28, 0xFF] + Array(": x\n".utf8)),
            Case(name: "deep-sequences", bytes: Array((String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)).utf8)),
            Case(name: "deep-mappings", bytes: Array((0..<3000).map { String(repeating: " ", count: $0) + "k:\n" }.joined().utf8)),
            Case(name: "scalar-root", bytes: Array("just a string".utf8)),
            Case(name: "list-root", bytes: Array("- version: 1\n".utf8)),
            Case(name: "utf16-bom", bytes: [0xFF, 0xFE] + Array("version: 2\n".utf16).flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }),
            Case(name: "crlf-bad", bytes: Array("version: 1\r\norgs:\r\n  prod: {environment: nope}\r\n".utf8)),
            Case(name: "huge-alias-fanout", bytes: Array(("a: &a [" + String(repeating: "x,", count: 2000) + "x]\nb: [" + String(repeating: "*a,", count: 2000) + "*a]\n").utf8)),
        ]
        for index in 0..<12 {
            let count = Int.random(in: 1...4096, using: &generator)
            cases.append(Case(name: "random-\(index)", bytes: (0..<count).map { _ in UInt8.random(in: 0...255, using: &generator) }))
        }
        return cases
    }

    @Test(arguments: cases)
    func endsWithADiagnostic(_ input: Case) throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        try dir.write("input.yaml", bytes: input.bytes)
        let result = try CommandRunner().run(["validate", "input.yaml"], in: dir.path)
        #expect(result.status == 1, "\(input.name): \(result.stdout)")
        #expect(result.stdout.contains("input.yaml:") || result.stdout.contains("error:"))
        #expect(result.stdout.contains("error: "))
        #expect(result.stderr.isEmpty, "\(input.name) wrote to stderr: \(result.stderr.prefix(400))")
    }

    @Test func aDirectoryOfMixedFilesReportsEachBrokenFile() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        try dir.write("a-good.yaml", "version: 1\norgs: {prod: {environment: production}}\n")
        try dir.write("b-binary.yaml", bytes: [0x00, 0xFF, 0xFE, 0x01, 0x02])
        try dir.write("c-tabs.yml", "version: 1\norgs:\n\tprod: {}\n")
        try dir.write("notes.txt", "ignored: [")
        try dir.write(".hidden.yaml", "ignored: [")
        let result = try CommandRunner().run(["validate", "."], in: dir.path)
        #expect(result.status == 1)
        #expect(result.stdout.contains("./b-binary.yaml:1:1: error:"))
        #expect(result.stdout.contains("./c-tabs.yml:3:1: error:"))
        #expect(!result.stdout.contains("notes.txt"))
        #expect(!result.stdout.contains(".hidden"))
        #expect(result.stdout.hasSuffix("in 3 files\n"))
    }

    @Test func aFiftyMegabyteFileIsReadAndJudged() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        var text = "version: 1\norgs: {prod: {environment: production}}\naccounts:\n  K:\n    locations:\n      prod:\n"
        let line = "        - {user: someone.with.a.long.name.0000000@acme.example}\n"
        text.reserveCapacity(52_000_000)
        var index = 0
        while text.utf8.count < 50_000_000 {
            text += line.replacingOccurrences(of: "0000000", with: String(index))
            index += 1
        }
        text += "        - {user: broken\n"
        try dir.write("big.yaml", text)
        let result = try CommandRunner().run(["validate", "big.yaml"], in: dir.path)
        #expect(result.status == 1)
        #expect(result.stdout.contains("big.yaml:"))
        #expect(result.stderr.isEmpty)
    }
}
