import Foundation
import Testing
import TestSupport
@testable import Targets

/// The byte parser the REST target reads every answer with: what Salesforce sends, escapes and
/// surrogate pairs, and refusals (never a crash) for everything else.
@Suite struct SalesforceJSONParserTests {
    func parse(_ text: String) throws -> SalesforceJSON { try SalesforceJSONParser.parse(Array(text.utf8)) }

    @Test func readsAQueryPage() throws {
        let page = try parse(#"""
            {"totalSize":2,"done":false,"nextRecordsUrl":"/services/data/v67.0/query/01g-2000","records":[
             {"attributes":{"type":"NVMContactWorld__Settings__c","url":"/x"},"Id":"a0B1","SetupOwnerId":"005A",
              "NVMContactWorld__clientId__c":"ACME-EU-01","SetupOwner":{"attributes":{"type":"User"},"Username":"o'brien@x",
              "IsActive":true,"ProfileId":null}},
             {"Id":"a0B2","n":-1.5e3,"empty":{},"list":[]}]}
            """#)
        #expect(page["totalSize"]?.int == 2)
        #expect(page["done"]?.bool == false)
        #expect(page["nextRecordsUrl"]?.string == "/services/data/v67.0/query/01g-2000")
        let records = try #require(page["records"]?.array)
        #expect(records[0]["SetupOwner"]?["Username"]?.string == "o'brien@x")
        #expect(records[0]["SetupOwner"]?["ProfileId"]?.isNull == true)
        #expect(records[1]["n"] == .number(-1500))
        #expect(records[1]["empty"] == .object([:]) && records[1]["list"] == .array([]))
    }

    @Test(arguments: [
        (#""a\"b\\c\/d\n\t""#, "a\"b\\c/d\n\t"),
        (#""\u00e9\u6f22""#, "é漢"),
        (#""\ud83d\ude42 smile""#, "🙂 smile"),
        ("\"Überprüfung — 営業\"", "Überprüfung — 営業"),
    ])
    func decodesStrings(json: String, expected: String) throws {
        #expect(try parse(json) == .string(expected))
    }

    @Test(arguments: ["", "{", "[1,]", "{\"a\" 1}", "\"open", "tru", "01x", "\"\\ud83d\"", "\"a\u{01}\"", "{} x", "nan"])
    func refusesWhatIsNotJSON(json: String) {
        #expect(throws: SalesforceJSONParser.Failure.self) { try parse(json) }
    }

    @Test func refusesDeepNestingInsteadOfOverflowing() {
        #expect(throws: SalesforceJSONParser.Failure.self) { try parse(String(repeating: "[", count: 100_000)) }
    }

    /// Agrees with Foundation on random documents, and never traps on random bytes.
    @Test func agreesWithFoundationAndSurvivesNoise() throws {
        var generator = SeededGenerator(seed: 42)
        for _ in 0..<300 {
            let object = Self.randomValue(depth: 0, using: &generator)
            let data = try JSONSerialization.data(withJSONObject: ["v": object])
            let parsed = try SalesforceJSONParser.parse(Array(data))
            let foundation = try SalesforceJSON.from(JSONSerialization.jsonObject(with: data))
            #expect(parsed == foundation)
            var noisy = Array(data)
            noisy[Int.random(in: 0..<noisy.count, using: &generator)] = UInt8.random(in: 0...255, using: &generator)
            _ = try? SalesforceJSONParser.parse(noisy)
        }
    }

    static func randomValue(depth: Int, using generator: inout SeededGenerator) -> Any {
        switch depth > 3 ? Int.random(in: 0..<3, using: &generator) : Int.random(in: 0..<5, using: &generator) {
        case 0: return ["x", "O'Brien \"q\" \\ é 🙂\n", "", "/a/b"].randomElement(using: &generator)!
        case 1: return Double(Int.random(in: -1000...1000, using: &generator)) / 4
        case 2: return "s\(Int.random(in: 0..<9, using: &generator))"  // booleans: readsAQueryPage (NSNumber blurs them)
        case 3: return (0..<Int.random(in: 0..<4, using: &generator)).map { _ in randomValue(depth: depth + 1, using: &generator) }
        default:
            var object: [String: Any] = [:]
            for index in 0..<Int.random(in: 0..<4, using: &generator) { object["k\(index)"] = randomValue(depth: depth + 1, using: &generator) }
            return object
        }
    }
}

extension SalesforceJSON {
    /// Foundation's reading, for comparison.
    static func from(_ any: Any) -> SalesforceJSON {
        switch any {
        case let dictionary as [String: Any]: return .object(dictionary.mapValues(from))
        case let array as [Any]: return .array(array.map(from))
        case let string as String: return .string(string)
        case let number as NSNumber: return .number(number.doubleValue)
        default: return .null
        }
    }
}
