import Foundation
import Testing
import TestSupport

/// The README's walkthrough runs as written: every `vccctl` line of its `sh` block, in a copy of
/// examples/quickstart, each exiting with the code its comment names ("exit N"; 0 otherwise).
@Suite struct WalkthroughTests {
    /// One line of the walkthrough: its words (double quotes grouped) and its comment.
    struct Line {
        var words: [String]
        var comment: String

        init(_ text: Substring) {
            words = []
            comment = ""
            var word: String?
            var quoted = false
            var index = text.startIndex
            while index < text.endIndex {
                let character = text[index]
                if character == "\"" {
                    quoted.toggle()
                    word = word ?? ""
                } else if character == " " && !quoted {
                    if let finished = word { words.append(finished) }
                    word = nil
                } else if character == "#" && !quoted && word == nil {
                    comment = String(text[text.index(after: index)...])
                    break
                } else {
                    word = (word ?? "") + String(character)
                }
                index = text.index(after: index)
            }
            if let word { words.append(word) }
        }

        /// The exit code the comment names.
        var expectedStatus: Int32 {
            guard let range = comment.range(of: #"exit \d+"#, options: .regularExpression) else { return 0 }
            return Int32(comment[range].dropFirst(5)) ?? -1
        }
    }

    /// The lines of the first `sh` block under "## Walkthrough" in README.md.
    static func walkthrough() throws -> [Line] {
        let readme = try String(contentsOfFile: RepositoryRoot.path() + "/README.md", encoding: .utf8)
        let section = try #require(readme.range(of: "\n## Walkthrough\n"))
        let rest = readme[section.upperBound...]
        let open = try #require(rest.range(of: "```sh\n"))
        let close = try #require(rest[open.upperBound...].range(of: "```"))
        return rest[open.upperBound..<close.lowerBound].split(separator: "\n").map(Line.init)
    }

    @Test func theReadmeWalkthroughRunsAsWritten() throws {
        let lines = try Self.walkthrough()
        #expect(lines.count { $0.words.first == "vccctl" } >= 8, "the walkthrough was not found whole")
        let workspace = try EndToEndWorkspace.quickstart(seed: false)
        defer { workspace.remove() }
        for line in lines {
            switch line.words.first {
            case "cd":
                // The workspace is the copy of examples/quickstart the comment asks for.
                #expect(line.comment.contains("examples/quickstart"))
            case "export":
                for assignment in line.words.dropFirst() {
                    let name = String(assignment.prefix { $0 != "=" })
                    #expect(workspace.environment[name] != nil, "the walkthrough exports \(name), which the test does not set")
                }
            case "vccctl":
                let arguments = Array(line.words.dropFirst())
                try workspace.expect(arguments, status: line.expectedStatus)
            default:
                Issue.record("a walkthrough line the test cannot run: \(line.words.joined(separator: " "))")
            }
        }
    }

    @Test func linesAreSplitAsAShellWould() {
        let line = Line(#"vccctl sim delete-setting --org prod --profile "Sales Agent"   # someone clicks (exit 2)"#)
        #expect(line.words == ["vccctl", "sim", "delete-setting", "--org", "prod", "--profile", "Sales Agent"])
        #expect(line.expectedStatus == 2)
        #expect(Line("vccctl plan").expectedStatus == 0)
    }
}
