/// Date-time text to a comparable instant (milliseconds since 1970, UTC). Accepts the forms
/// SOQL literals and Salesforce values take: `2026-01-02`, `2026-01-02T03:04:05Z`,
/// `2026-01-02T03:04:05.000+0000`, `2026-01-02T03:04:05+01:00`.
enum SOQLDateTime {
    static func instant(_ text: String) -> Int64? {
        let b = Array(text.utf8)
        var i = 0
        func digits(_ n: Int) -> Int? {
            guard i + n <= b.count else { return nil }
            var v = 0
            for k in i..<(i + n) {
                let d = b[k] &- 48
                guard d < 10 else { return nil }
                v = v * 10 + Int(d)
            }
            i += n
            return v
        }
        func expect(_ c: UInt8) -> Bool {
            guard i < b.count, b[i] == c else { return false }
            i += 1
            return true
        }
        guard let year = digits(4), expect(45), let month = digits(2), expect(45), let day = digits(2),
            (1...12).contains(month), (1...daysIn(month, year)).contains(day)
        else { return nil }
        var ms = Int64(daysFromCivil(year, month, day)) * 86_400_000
        if i == b.count { return ms }
        guard expect(84) || expect(116),  // T or t
            let hour = digits(2), expect(58), let minute = digits(2), expect(58), let second = digits(2),
            hour < 24, minute < 60, second < 60
        else { return nil }
        ms += Int64(hour * 3_600_000 + minute * 60_000 + second * 1000)
        if expect(46) {  // fraction: milliseconds, any number of digits
            var scale = 100
            let start = i
            while i < b.count, b[i] &- 48 < 10 {
                ms += Int64(Int(b[i] - 48) * scale)
                scale /= 10
                i += 1
            }
            guard i > start else { return nil }
        }
        guard i < b.count else { return nil }  // a time needs a zone
        if expect(90) || expect(122) { return i == b.count ? ms : nil }  // Z
        let sign: Int64
        if expect(43) { sign = 1 } else if expect(45) { sign = -1 } else { return nil }
        guard let zh = digits(2) else { return nil }
        _ = expect(58)
        guard let zm = digits(2), i == b.count, zh < 24, zm < 60 else { return nil }
        return ms - sign * Int64(zh * 3_600_000 + zm * 60_000)
    }

    private static func daysIn(_ month: Int, _ year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Howard Hinnant's days-from-civil: proleptic Gregorian date to days since 1970-01-01.
    private static func daysFromCivil(_ y0: Int, _ m: Int, _ d: Int) -> Int {
        let y = m <= 2 ? y0 - 1 : y0
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }
}
