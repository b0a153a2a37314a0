import Testing
import TestSupport
import YAMLSyntax
@testable import VCCModel

/// "Did you mean …?" and the splitting of work across cores.
@Suite struct SuggestionTests {
    static let topLevel = ["version", "orgs", "accounts"]

    @Test(arguments: [
        ("acounts", "accounts"), ("accountz", "accounts"), ("ACCOUNTS", "accounts"), ("Version", "version"),
        ("verison", "version"), ("org", "orgs"), ("orgz", "orgs"),
    ])
    func closeWordsAreSuggested(word: String, expected: String) {
        #expect(Suggestion.closest(to: word, in: Self.topLevel) == expected)
    }

    @Test(arguments: ["settings", "x", "", "account-keys", "vrs", "tokens"])
    func farWordsAreNot(word: String) {
        #expect(Suggestion.closest(to: word, in: Self.topLevel) == nil)
    }

    /// A third of the shorter word's length may differ, at least one edit.
    @Test(arguments: [
        // (word, candidate, suggested)
        ("ab", "ac", true), ("ab", "cd", false),           // 2 letters: one edit
        ("abc", "abd", true), ("abc", "aed", false),       // 3 letters: one edit
        ("abcdef", "abcdXY", true), ("abcdef", "abcXYZ", false), // 6 letters: two edits
        ("abcdefghi", "abcdefXYZ", true), ("abcdefghi", "abcdeWXYZ", false), // 9 letters: three edits
        ("abcdef", "abcdefgh", true), ("abcdef", "abcdefghi", false), // insertions count too
        ("a", "b", true), ("a", "bc", false),
        ("environment", "enviroment", true), ("environment", "enviro", false),
    ])
    func theThresholdGrowsWithTheWord(word: String, candidate: String, suggested: Bool) {
        #expect((Suggestion.closest(to: word, in: [candidate]) != nil) == suggested)
    }

    @Test func theClosestCandidateWins() {
        #expect(Suggestion.closest(to: "prodd", in: ["prod", "prodd2", "uat"]) == "prod" || Suggestion.closest(to: "prodd", in: ["prod", "prodd2", "uat"]) == "prodd2")
        #expect(Suggestion.closest(to: "uat2", in: ["uat", "uat23"]) == "uat")
        #expect(Suggestion.closest(to: "profle", in: ["profile", "user", "org"]) == "profile")
        #expect(Suggestion.closest(to: "usr", in: ["profile", "user", "org"]) == "user")
        #expect(Suggestion.closest(to: "orgg", in: ["profile", "user", "org"]) == "org")
    }

    @Test func onATieTheFirstCandidateWins() {
        #expect(Suggestion.closest(to: "dev", in: ["dev1", "dev2"]) == "dev1")
        #expect(Suggestion.closest(to: "dev", in: ["dev2", "dev1"]) == "dev2")
    }

    @Test func anExactMatchInAnotherCaseIsSuggestedWithItsOwnSpelling() {
        #expect(Suggestion.closest(to: "APIUSER", in: ["org", "apiUser"]) == "apiUser")
    }

    @Test func noCandidatesNoSuggestion() {
        #expect(Suggestion.closest(to: "anything", in: [String]()) == nil)
    }

    @Test func theNoteSuggestsOrListsTheCandidates() {
        #expect(Suggestion.note(for: "enviroment", in: ["environment", "customSetting"], expected: "one of")
            == Diagnostic.Note("did you mean 'environment'?"))
        #expect(Suggestion.note(for: "colour", in: ["environment", "customSetting"], expected: "one of")
            == Diagnostic.Note("expected one of: 'environment', 'customSetting'"))
        #expect(Suggestion.note(for: "x", in: ["a"], expected: "the key").location == nil)
    }

    // MARK: Parallel.chunks

    @Test func equalWeightsSplitEvenly() {
        #expect(Parallel.chunks(weights: Array(repeating: 1, count: 10), width: 2) == [0..<5, 5..<10])
        #expect(Parallel.chunks(weights: Array(repeating: 3, count: 12), width: 4) == [0..<3, 3..<6, 6..<9, 9..<12])
    }

    @Test func aHeavyItemGetsAChunkOfItsOwn() {
        #expect(Parallel.chunks(weights: [100, 1, 1, 1, 1], width: 2) == [0..<1, 1..<5])
        #expect(Parallel.chunks(weights: [1, 1, 1, 1, 100], width: 2) == [0..<5])
        #expect(Parallel.chunks(weights: [1, 1, 100, 1, 1], width: 2) == [0..<3, 3..<5])
    }

    /// Empty location lists weigh nothing; they never make an extra chunk.
    @Test func zeroWeightsJoinTheLastChunk() {
        #expect(Parallel.chunks(weights: [2, 2, 0, 0], width: 2) == [0..<1, 1..<4])
        #expect(Parallel.chunks(weights: [1, 0, 0, 0], width: 2) == [0..<1, 1..<4])
        #expect(Parallel.chunks(weights: [0, 0, 3, 0, 3, 0], width: 2) == [0..<3, 3..<6])
    }

    @Test(arguments: [
        ([5, 5, 5], 1), ([7], 4), ([], 4), ([0, 0, 0], 3),
    ])
    func degenerateSplitsAreOneChunk(weights: [Int], width: Int) {
        #expect(Parallel.chunks(weights: weights, width: width) == [0..<weights.count])
    }

    @Test(arguments: [2, 3, 4, 7, 8, 16, 64])
    func chunksCoverEverythingInOrderAndBalance(width: Int) {
        var generator = SeededGenerator(seed: UInt64(width))
        for round in 0..<50 {
            let count = 1 + Int(generator.next() % 400)
            let skewed = round % 5 == 0
            let weights = (0..<count).map { _ in
                skewed && generator.next() % 50 == 0 ? 1_000 + Int(generator.next() % 5_000) : Int(generator.next() % 41)
            }
            let chunks = Parallel.chunks(weights: weights, width: width)
            // Contiguous, non-empty, covering 0..<count in order, at most `width`.
            #expect(chunks.first?.lowerBound == 0)
            #expect(chunks.last?.upperBound == count)
            #expect(zip(chunks, chunks.dropFirst()).allSatisfy { $0.upperBound == $1.lowerBound })
            #expect(chunks.allSatisfy { !$0.isEmpty })
            #expect(chunks.count <= width)
            // Balanced: no chunk carries more than its share plus one item.
            let total = weights.reduce(0, +)
            let heaviest = weights.max() ?? 0
            let share = (total + width - 1) / width
            for chunk in chunks {
                let load = weights[chunk].reduce(0, +)
                #expect(load <= share + heaviest, "chunk \(chunk) of \(weights.count) weighs \(load), share \(share)")
            }
            // No item above half a share: every core gets work.
            if total > 0, heaviest * width * 2 <= total { #expect(chunks.count == width) }
        }
    }

    @Test func mapReturnsResultsInIndexOrder() {
        #expect(Parallel.map(100) { $0 * $0 } == (0..<100).map { $0 * $0 })
        #expect(Parallel.map(1) { $0 + 7 } == [7])
        #expect(Parallel.map(0) { $0 }.isEmpty)
    }
}
