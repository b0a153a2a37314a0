import SOQL
import Testing

@Suite struct JSONValueTests {
    @Test func escapesStrings() {
        #expect(JSONValue.string("a\"b\\c").serialized() == #""a\"b\\c""#)
        #expect(JSONValue.string("line\nbreak\ttab\u{01}\u{1F}").serialized() == #""line\u000abreak\u0009tab\u0001\u001f""#)
        #expect(JSONValue.string("é/ü 😀").serialized() == "\"é/ü 😀\"")
    }

    @Test func writesNumbers() {
        #expect(JSONValue.integer(42).serialized() == "42")
        #expect(JSONValue.integer(-7).serialized() == "-7")
        #expect(JSONValue.number(1.5).serialized() == "1.5")
        #expect(JSONValue.number(.nan).serialized() == "null")
        #expect(JSONValue.number(.infinity).serialized() == "null")
    }

    @Test func keepsObjectKeyOrder() {
        let value = JSONValue.object([("z", .integer(1)), ("a", .array([.null, .bool(true), .bool(false)])), ("m", .object([]))])
        #expect(value.serialized() == #"{"z":1,"a":[null,true,false],"m":{}}"#)
        #expect(value["a"] == .array([.null, .bool(true), .bool(false)]))
        #expect(value["nope"] == nil)
    }

    @Test func equalityComparesOrderedPairs() {
        #expect(JSONValue.object([("a", .integer(1))]) == .object([("a", .integer(1))]))
        #expect(JSONValue.object([("a", .integer(1)), ("b", .null)]) != .object([("b", .null), ("a", .integer(1))]))
        #expect(JSONValue.integer(1) != .number(1))
    }
}
