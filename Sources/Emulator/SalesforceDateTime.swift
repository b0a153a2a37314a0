/// Date-times as Salesforce's REST API writes them: `2026-01-02T03:04:05.000+0000`, UTC.
/// Computed by hand from milliseconds (days-to-civil): a query page formats three per record,
/// and a formatter per call would dominate a large query.
enum SalesforceDateTime {
    static func format(milliseconds: Int64) -> String {
        let seconds = milliseconds >= 0 ? milliseconds / 1000 : (milliseconds - 999) / 1000
        let millis = Int(milliseconds - seconds * 1000)
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let secondOfDay = Int(seconds - days * 86_400)
        // Howard Hinnant's civil_from_days.
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = Int(doy - (153 * mp + 2) / 5 + 1)
        let month = Int(mp < 10 ? mp + 3 : mp - 9)
        let year = Int(yoe + era * 400) + (month <= 2 ? 1 : 0)
        guard (0...9999).contains(year) else {
            return pad(year, 4) + "-" + pad(month, 2) + "-" + pad(day, 2) + "T" + pad(secondOfDay / 3600, 2) + ":"
                + pad(secondOfDay / 60 % 60, 2) + ":" + pad(secondOfDay % 60, 2) + "." + pad(millis, 3) + "+0000"
        }
        // The common case written digit by digit into one buffer: no intermediate strings.
        return String(unsafeUninitializedCapacity: 28) { buffer in
            var i = 0
            func put(_ value: Int, _ width: Int) {
                var divisor = 1
                for _ in 1..<width { divisor *= 10 }
                var value = value
                while divisor > 0 {
                    buffer[i] = UInt8(48 + value / divisor)
                    value %= divisor
                    divisor /= 10
                    i += 1
                }
            }
            func put(_ byte: UInt8) {
                buffer[i] = byte
                i += 1
            }
            put(year, 4); put(0x2D); put(month, 2); put(0x2D); put(day, 2); put(0x54)
            put(secondOfDay / 3600, 2); put(0x3A); put(secondOfDay / 60 % 60, 2); put(0x3A); put(secondOfDay % 60, 2)
            put(0x2E); put(millis, 3); put(0x2B); put(0x30); put(0x30); put(0x30); put(0x30)
            return i
        }
    }

    private static func pad(_ value: Int, _ width: Int) -> String {
        let text = String(value)
        return text.count >= width ? text : String(repeating: "0", count: width - text.count) + text
    }
}
