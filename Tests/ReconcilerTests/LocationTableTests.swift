import Testing
import TestSupport
import VCCModel
@testable import Reconciler

@Suite struct LocationTableTests {
    typealias Entry = LocationTable<Int>.Entry

    @Test func sortsByKindThenNameAndKeepsTheFirstOfARepeatedLocation() {
        let built = LocationTable.building([
            Entry(.user("b"), 1), Entry(.profile("z"), 2), Entry(.org(), 3), Entry(.user("a"), 4), Entry(.user("b"), 5),
        ])
        #expect(built.table.map(\.location) == [.org(), .profile("z"), .user("a"), .user("b")])
        #expect(built.table[.user("b")] == 1)
        #expect(built.repeated.map(\.value) == [5])
    }

    /// The prefix keys hold 15 bytes of a name; longer shared prefixes, NUL bytes, and names that
    /// are prefixes of others must still sort as Strings do.
    @Test func agreesWithStringOrderOnRandomNames() {
        var generator = SeededGenerator(seed: 7)
        let stems = ["user", "user0000000000000", "a", "", "Profile 1", "Profile 1 Admin", "x\u{0}y", "x"]
        let alphabet = Array("ab0 .@\u{0}Zz")
        var entries: [Entry] = []
        for index in 0..<3000 {
            let stem = stems[Int.random(in: 0..<stems.count, using: &generator)]
            let tail = String((0..<Int.random(in: 0..<20, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! })
            let kind: Location.Kind = [.profile, .user][Int.random(in: 0...1, using: &generator)]
            entries.append(Entry(Location(kind: kind, name: stem + tail), index))
        }
        let table = LocationTable(entries)
        let expected = entries.sorted { $0.location < $1.location }
        var seen = Set<Location>()
        #expect(table.map(\.location) == expected.map(\.location).filter { seen.insert($0).inserted })
        for entry in entries {
            #expect(table[entry.location] == expected.first { $0.location == entry.location }?.value)
        }
    }

    /// Non-ASCII names take String comparison, under which canonically equivalent names are one.
    @Test func nonASCIINamesSortAsStrings() {
        let composed = "Ventes é"          // U+00E9
        let decomposed = "Ventes e\u{301}" // e + combining acute
        let table = LocationTable([Entry(.profile("Ventes z"), 1), Entry(.profile(composed), 2),
                                   Entry(.profile("Ventes a"), 3), Entry(.profile(decomposed), 4)])
        #expect(table.map(\.location.name) == ["Ventes a", "Ventes z", composed])
        #expect(table[.profile(decomposed)] == 2)
    }

    @Test func editsKeepTheOrder() {
        var table: LocationTable<Int> = [.user("b"): 1]
        table[.user("a")] = 2
        table[.org()] = 3
        table[.user("b")] = nil
        table[.user("c")] = nil
        #expect(table.map(\.location) == [.org(), .user("a")])
        #expect(table[.user("a")] == 2 && table[.user("b")] == nil)
    }
}
