import Testing
import SOQL
import TestSupport
@testable import Targets

@Suite struct InListQueryTests {
    /// Names of random length over an alphabet of troublemakers: quotes, backslashes, spaces,
    /// multi-byte letters and emoji (each encodes to several %XX).
    static func randomNames(_ count: Int, using generator: inout SeededGenerator) -> [String] {
        let alphabet: [Character] = ["a", "z", "Q", "0", "@", ".", "'", "\\", "\"", " ", "é", "ß", "漢", "🙂", "+", "%", "\n"]
        return (0..<count).map { _ in
            String((0..<Int.random(in: 1...80, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! })
        }
    }

    @Test(arguments: [1, 2, 3, 4, 5, 6, 7, 8])
    func chunksKeepEveryURIUnder2000AndEveryNameOnce(seed: UInt64) {
        var generator = SeededGenerator(seed: seed)
        let names = Self.randomNames(Int.random(in: 1...600, using: &generator), using: &generator)
        let prefix = "https://acme.my.salesforce.com/services/data/v67.0/query?q="
        let query = SettingsQuery.usersByName
        let queries = query.queries(names, prefixLength: prefix.utf8.count)
        let chunks = query.chunks(names, prefixLength: prefix.utf8.count)
        for soql in queries {
            #expect((prefix + PercentEncoding.encode(soql)).utf8.count < InListQuery.maxURILength)
        }
        // Every name exactly once, in order.
        #expect(chunks.flatMap { $0 } == names.map(SOQLLiteral.quote))
        // Chunks are full: the next name would not have fitted (sized by length, not by count).
        for (index, chunk) in chunks.dropLast().enumerated() {
            let grown = query.head + (chunk + [chunks[index + 1][0]]).joined(separator: ", ") + ")"
            #expect((prefix + PercentEncoding.encode(grown)).utf8.count >= InListQuery.maxURILength)
        }
    }

    @Test func multiByteNamesMakeSmallerChunksThanASCIIOnes() {
        let ascii = (0..<200).map { "user\($0)@acme.example" }
        let wide = (0..<200).map { "漢字漢字\($0)@acme.example" }
        let asciiChunks = SettingsQuery.usersByName.chunks(ascii, prefixLength: 100)
        let wideChunks = SettingsQuery.usersByName.chunks(wide, prefixLength: 100)
        #expect(wideChunks.count > asciiChunks.count)
    }

    @Test func emptyListMakesNoQuery() {
        #expect(SettingsQuery.usersByName.queries([], prefixLength: 100).isEmpty)
    }

    @Test func lookupMatchesUsernamesCaseInsensitively() {
        let lookup = UserLookup(usernames: ["Jane@Acme.example", "bob@acme.example"])
        let records: [SalesforceJSON] = [
            .object(["Id": .string("005A"), "Username": .string("jane@acme.example"), "IsActive": .bool(false),
                     "ProfileId": .string("00eP")]),
        ]
        let owners = lookup.resolve(records, profileNames: ["00eP": "Support Agent"])
        #expect(owners == ["Jane@Acme.example": .init(ownerId: "005A", isActive: false, profileName: "Support Agent")])
    }

    @Test func scanOnlyWhenCheaper() {
        #expect(UserLookup.calls(queries: 11) == 3)
        #expect(UserLookup.scanIsCheaper(userCount: 3000, inCalls: 3))
        #expect(!UserLookup.scanIsCheaper(userCount: 100_000, inCalls: 3))
    }
}
