import Foundation
import Testing
import TestSupport
import YAMLSyntax
@testable import VCCModel

/// A configuration above the parallel thresholds (20k locations in a file for decoding, 20k claims
/// in an org for the claim check) must give exactly what the one-core path gives. The reference is
/// the same file loaded in pieces of ten accounts, each below both thresholds: every piece keeps
/// the full file's line layout (the other accounts' lines left blank) and its path, so locations
/// compare exactly.
@Suite struct ParallelDecodingTests {
    static let accountCount = 40
    static let perOrg = 625          // 40 × 2 × 625 = 50,000 locations; 25,000 claims per org
    static let pieceSize = 10        // 12,500 locations, 6,250 claims per org: below both thresholds

    /// A planted second claim of a location first claimed by another account.
    struct Planted {
        var org: String
        var entry: String
        var firstAccount: Int
        var secondAccount: Int
        var first = SourcePosition(line: 0, column: 0)
        var second = SourcePosition(line: 0, column: 0)
    }

    struct Generated {
        var lines: [String]
        var header: Range<Int>
        var accountLines: [Range<Int>]
        var planted: [Planted]

        /// The whole file, or only `accounts` with the other accounts' lines left blank.
        func text(accounts: Range<Int>? = nil) -> String {
            guard let accounts else { return lines.joined(separator: "\n") + "\n" }
            var kept = lines
            for (index, range) in accountLines.enumerated() where !accounts.contains(index) {
                for line in range { kept[line] = "" }
            }
            return kept.joined(separator: "\n") + "\n"
        }
    }

    static func key(_ account: Int) -> String { "ACC-\(account < 10 ? "0" : "")\(account)" }

    /// Forty accounts, each with 625 locations in `prod` and 625 in `uat` (two only in `prod`,
    /// linked to `uat`: a warning each). With `errors`, three duplicate claims across far-apart
    /// accounts and a few decoding errors are planted.
    static func generate(errors: Bool) -> Generated {
        var lines = [
            "version: 1",
            "orgs:",
            "  prod: {environment: production}",
            "  uat: {environment: sandbox}",
            "accounts:",
        ]
        let header = 0..<lines.count
        var planted = errors ? [
            Planted(org: "prod", entry: "{user: shared-user@acme.example}", firstAccount: 2, secondAccount: 37),
            Planted(org: "uat", entry: "{profile: Shared Profile}", firstAccount: 5, secondAccount: 30),
            Planted(org: "prod", entry: "org", firstAccount: 11, secondAccount: 25),
        ] : []
        var accountLines: [Range<Int>] = []
        for account in 0..<accountCount {
            let start = lines.count
            let onlyProd = account == 15 || account == 35
            lines.append("  \(key(account)):")
            lines.append("    token: {env: VCC_TOKEN_\(account)}")
            lines.append("    link: {org: \(onlyProd ? "uat" : "prod"), apiUser: api-\(account / 5)@acme.example}")
            if errors, account == 33 { lines.append("    tokn: {env: X}") }
            lines.append("    locations:")
            for org in onlyProd ? ["prod"] : ["prod", "uat"] {
                lines.append("      \(org):")
                let count = onlyProd ? 2 * perOrg : perOrg
                for index in 0..<count {
                    // Planted entries go in the middle of the lists.
                    if index == count / 2 {
                        for (plant, claim) in planted.enumerated() where claim.org == org {
                            let position = SourcePosition(line: lines.count + 1, column: 11)
                            if claim.firstAccount == account {
                                planted[plant].first = position
                            } else if claim.secondAccount == account {
                                planted[plant].second = position
                            } else {
                                continue
                            }
                            lines.append("        - \(claim.entry)")
                        }
                    }
                    let entry = index % 5 == 0
                        ? "{profile: Profile \(account)-\(index)}"
                        : "{user: u\(account)-\(index)@\(org).acme.example}"
                    lines.append("        - \(entry)")
                }
                if errors, org == "uat" {
                    switch account {
                    case 3: lines.append("        - {user: not-a-username}")
                    case 22: lines.append("        - orgg")
                    case 38: lines.append("        - {profile: Profile 38-0}")   // listed twice
                    default: break
                    }
                }
            }
            accountLines.append(start..<lines.count)
        }
        return Generated(lines: lines, header: header, accountLines: accountLines, planted: planted)
    }

    struct Run {
        var whole: LoadedConfiguration
        var pieces: [LoadedConfiguration]
    }

    /// Loads the whole file and each piece from the same path.
    static func run(_ generated: Generated) throws -> Run {
        let directory = try TemporaryDirectory("vccmodel-parallel")
        defer { directory.remove() }
        var pieces: [LoadedConfiguration] = []
        for start in stride(from: 0, to: accountCount, by: pieceSize) {
            let path = try directory.write("large.yaml", generated.text(accounts: start..<(start + pieceSize)))
            pieces.append(ConfigurationLoader.load(paths: [path]))
        }
        let path = try directory.write("large.yaml", generated.text())
        return Run(whole: ConfigurationLoader.load(paths: [path]), pieces: pieces)
    }

    /// Sorted-key JSON of a state: origins included, so equal text means exactly equal.
    static func json(_ state: DesiredState) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: try encoder.encode(state), as: UTF8.self)
    }

    @Test func theGeneratedConfigurationIsAboveBothThresholds() {
        let generated = Self.generate(errors: false)
        #expect(Self.accountCount * 2 * Self.perOrg >= 2 * ConfigFileDecoder.parallelThreshold)
        #expect(Self.accountCount * Self.perOrg >= ConfigurationValidator.parallelThreshold)
        #expect(Self.pieceSize * 2 * Self.perOrg < ConfigFileDecoder.parallelThreshold)
        #expect(Self.pieceSize * 2 * Self.perOrg < ConfigurationValidator.parallelThreshold)
        #expect(generated.accountLines.count == Self.accountCount)
    }

    @Test func aLargeConfigurationGivesTheSameStateAsItsPieces() throws {
        let generated = Self.generate(errors: false)
        let run = try Self.run(generated)
        let whole = try #require(run.whole.desiredState, "\(describe(run.whole.diagnostics))")
        #expect(whole.locationCount == Self.accountCount * 2 * Self.perOrg)
        #expect(whole.accounts.count == Self.accountCount)

        var merged = DesiredState()
        for piece in run.pieces {
            let state = try #require(piece.desiredState, "\(describe(piece.diagnostics))")
            merged.orgs.merge(state.orgs) { first, _ in first }
            merged.accounts.merge(state.accounts) { first, _ in first }
        }
        #expect(whole == merged)
        #expect(try Self.json(whole) == Self.json(merged), "origins too")

        // Only the two planted warnings, found alike.
        #expect(run.whole.diagnostics.map(\.code) == ["config.link-without-location", "config.link-without-location"])
        #expect(run.whole.diagnostics == run.pieces.flatMap(\.diagnostics).sortedBySource())
    }

    @Test func aLargeConfigurationGivesTheSameFindingsAsItsPiecesAndEveryCrossPieceClaim() throws {
        let generated = Self.generate(errors: true)
        #expect(generated.planted.allSatisfy { $0.first.line > 0 && $0.second.line > 0 })
        let run = try Self.run(generated)
        #expect(run.whole.desiredState == nil)

        // Everything the pieces find, the whole finds, in the same order, with the same locations.
        let claims = run.whole.diagnostics.filter { $0.code == "config.duplicate-claim" }
        let others = run.whole.diagnostics.filter { $0.code != "config.duplicate-claim" }
        let fromPieces = run.pieces.flatMap(\.diagnostics).sortedBySource()
        #expect(others == fromPieces)
        #expect(Set(fromPieces.map(\.code)) == [
            "config.bad-username", "config.bad-location", "config.duplicate-location", "config.unknown-key",
            "config.link-without-location",
        ])
        #expect(!fromPieces.contains { $0.code == "config.duplicate-claim" }, "the planted claims span pieces")

        // The claims only the whole sees: all three, each with its first claim.
        let file = try #require(run.whole.sources.first?.path)
        try #require(claims.count == generated.planted.count, "\(describe(claims))")
        let bySecond = Dictionary(uniqueKeysWithValues: claims.compactMap { claim in
            claim.location.map { ($0.range.start, claim) }
        })
        for plant in generated.planted {
            let claim = try #require(bySecond[plant.second], "missing the claim of \(plant.entry) in \(plant.org)")
            #expect(claim.location?.file == file)
            #expect(claim.message.hasSuffix("in org '\(plant.org)' is already claimed by account '\(Self.key(plant.firstAccount))'"))
            let note = try #require(claim.notes.first)
            #expect(note.message == "claimed first here")
            #expect(note.location?.file == file)
            #expect(note.location?.range.start == plant.first)
        }
    }

    @Test func manyClaimsOfOneAccountAreAllFound() throws {
        // A second file claims again every user location of the first account in prod.
        let firstUsers = (0..<Self.perOrg).filter { $0 % 5 != 0 }
        let extra = firstUsers.map { "        - {user: u0-\($0)@prod.acme.example}" }
        let directory = try TemporaryDirectory("vccmodel-parallel")
        defer { directory.remove() }
        let big = try directory.write("a.yaml", Self.generate(errors: false).text())
        let again = try directory.write("b.yaml", "version: 1\naccounts:\n  AGAIN:\n    locations:\n      prod:\n" + extra.joined(separator: "\n") + "\n")
        let loaded = ConfigurationLoader.load(paths: [big, again])
        let claims = loaded.diagnostics.filter { $0.code == "config.duplicate-claim" }
        #expect(claims.count == firstUsers.count)
        #expect(claims.allSatisfy { $0.location?.file == again && $0.notes.first?.location?.file == big })
        #expect(claims.allSatisfy { $0.message.hasSuffix("already claimed by account 'ACC-00'") })
        // Each points at its own first claim: the first account's list, in the same order.
        let secondLines = claims.compactMap { $0.location?.range.start.line }
        let firstLines = claims.compactMap { $0.notes.first?.location?.range.start.line }
        #expect(secondLines == Array(6..<(6 + firstUsers.count)))
        #expect(firstLines == firstLines.sorted())
        #expect(Set(firstLines).count == firstUsers.count)
    }
}
