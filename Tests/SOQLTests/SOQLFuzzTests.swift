import SOQL
import Testing

/// Random and mutated queries must come back as a query or a SOQLError, never a trap.
@Suite struct SOQLFuzzTests {
    /// SplitMix64: deterministic, so a failure reproduces.
    struct Random: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    static let fragments = [
        "SELECT", "FROM", "WHERE", "AND", "OR", "NOT", "IN", "LIKE", "ORDER", "BY", "ASC", "DESC", "NULLS", "FIRST",
        "LAST", "LIMIT", "OFFSET", "TYPEOF", "WHEN", "THEN", "ELSE", "END", "COUNT()", "COUNT(", "Id", "Username",
        "Profile.Name", "User", "Event", "What", "Account", "(", ")", ",", ".", "=", "!=", "<>", "<", "<=", ">", ">=",
        "'x'", "'a\\'b'", "'", "\\", "'%\\_'", "null", "true", "42", "-1.5", "2026-01-02T03:04:05Z", "2026-99",
        ":", "*", "\n", "é", "😀", "", " ",
    ]

    static func pick(_ options: [String], _ random: inout Random) -> String {
        options.randomElement(using: &random)!
    }

    /// A query from the grammar (with unknown names now and then), so fuzzing reaches the
    /// evaluator and not only the parser's first token.
    static func generated(_ random: inout Random) -> String {
        let fields = ["Id", "Username", "Profile.Name", "rank", "IsActive", "CreatedDate", "Manager.Profile.Name", "Nope", "Profile.Nope"]
        var text = "SELECT " + (0..<Int.random(in: 1...3, using: &random)).map { _ in pick(fields, &random) }.joined(separator: ", ")
        if Int.random(in: 0..<8, using: &random) == 0 { text = "SELECT COUNT()" }
        text += " FROM " + pick(["User", "user", "Event", "Nope"], &random)
        func condition(_ depth: Int, _ random: inout Random) -> String {
            if depth < 3, Bool.random(using: &random) {
                let joiner = pick([" AND ", " OR "], &random)
                let terms = (0..<Int.random(in: 2...3, using: &random)).map { _ in condition(depth + 1, &random) }
                return pick(["", "NOT "], &random) + "(" + terms.joined(separator: joiner) + ")"
            }
            let literal = pick(["'jane@example.com'", "'J%'", "'%\\_%'", "null", "true", "2", "-1.5", "2026-01-02T03:04:05Z", "'005000000000001'", "'bad'"], &random)
            if Int.random(in: 0..<5, using: &random) == 0 {
                return pick(fields, &random) + pick([" IN (", " NOT IN ("], &random) + literal + ", " + literal + ")"
            }
            return pick(fields, &random) + " " + pick(["=", "!=", "<>", "<", "<=", ">", ">=", "LIKE"], &random) + " " + literal
        }
        if Bool.random(using: &random) { text += " WHERE " + condition(0, &random) }
        if Bool.random(using: &random) {
            text += " ORDER BY " + pick(fields, &random) + pick(["", " ASC", " DESC"], &random) + pick(["", " NULLS FIRST", " NULLS LAST"], &random)
        }
        if Bool.random(using: &random) { text += " LIMIT \(Int.random(in: 0...6, using: &random))" }
        if Bool.random(using: &random) { text += " OFFSET \(Int.random(in: 0...3, using: &random))" }
        return text
    }

    @Test func survivesRandomInput() throws {
        var random = Random(state: 0x50_51_4C)
        let alphabet = Array("SELECTFROMWHERE idnamex'\\\"()=<>!.,%_-+:0123456789TZ\n\té😀")
        let evaluator = Fixtures.evaluator
        var parsed = 0, ran = 0
        for round in 0..<4000 {
            var text = ""
            if round % 2 == 0 {
                for _ in 0..<Int.random(in: 0..<40, using: &random) {
                    text.append(alphabet.randomElement(using: &random)!)
                }
            } else {
                text = Self.generated(&random)
                // Half the generated queries get one random character inserted or deleted.
                if Bool.random(using: &random), !text.isEmpty {
                    var scalars = Array(text.unicodeScalars)
                    let at = Int.random(in: 0..<scalars.count, using: &random)
                    if Bool.random(using: &random) {
                        scalars.remove(at: at)
                    } else {
                        scalars.insert(alphabet.randomElement(using: &random)!.unicodeScalars.first!, at: at)
                    }
                    var view = String.UnicodeScalarView()
                    view.append(contentsOf: scalars)
                    text = String(view)
                }
            }
            guard let query = try? SOQLQuery.parse(text) else { continue }
            parsed += 1
            // Whatever parses must validate or fail cleanly, and run and project without trapping.
            if let result = try? evaluator.run(query, rows: Fixtures.users) {
                ran += 1
                for row in result.rows { _ = evaluator.project(row, query).serialized() }
            }
            #expect(try SOQLQuery.parse(query.description) == query, "\(text)")
        }
        // The generator must reach the evaluator, or this test proves little.
        #expect(parsed > 500)
        #expect(ran > 200)
    }

    @Test func survivesTruncationsOfValidQueries() {
        let valid = "SELECT Id, Profile.Name, TYPEOF What WHEN Account THEN Name END FROM User WHERE (Name LIKE 'a\\%' OR Id IN ('005000000000001')) AND NOT Rank > 2026-01-02T03:04:05.000+0000 ORDER BY Name DESC NULLS LAST LIMIT 5 OFFSET 1"
        let scalars = Array(valid.unicodeScalars)
        var failures = 0
        for end in 0..<scalars.count {
            var view = String.UnicodeScalarView()
            view.append(contentsOf: scalars[..<end])
            do {
                _ = try SOQLQuery.parse(String(view))
            } catch {
                #expect(error.code == "MALFORMED_QUERY")
                failures += 1
            }
        }
        #expect(failures > scalars.count / 2)
        #expect((try? SOQLQuery.parse(valid)) != nil)
    }
}
