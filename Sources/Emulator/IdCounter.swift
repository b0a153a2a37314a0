/// The counter inside an Id the simulator generated (characters 6..<15, base 62), so objects the
/// emulator only synthesizes (permission sets, assignments) get stable Ids derived from the
/// records they stand for.
enum IdCounter {
    static func decode(_ id: String) -> Int64 {
        var value: Int64 = 0
        for byte in id.utf8.dropFirst(6).prefix(9) {
            let digit: Int64
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = Int64(byte - UInt8(ascii: "0"))
            case UInt8(ascii: "A")...UInt8(ascii: "Z"): digit = Int64(byte - UInt8(ascii: "A")) + 10
            case UInt8(ascii: "a")...UInt8(ascii: "z"): digit = Int64(byte - UInt8(ascii: "a")) + 36
            default: digit = 0
            }
            value = value &* 62 &+ digit
        }
        return value
    }
}
