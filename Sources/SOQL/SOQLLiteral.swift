/// SOQL string literals. Names that admins type (profile names, usernames) may hold quotes and
/// backslashes: every value that goes into a query goes through `quote`, never through string
/// interpolation of its own.
public enum SOQLLiteral {
    /// `value` as a single-quoted SOQL literal, with the escapes SOQL defines: `\'`, `\"`, `\\`,
    /// `\n`, `\r`, `\t`, `\b`, `\f`. Other characters stand as they are (SOQL text is Unicode).
    public static func quote(_ value: String) -> String {
        var out = "'"
        out.reserveCapacity(value.utf8.count + 2)
        for scalar in value.unicodeScalars {
            switch scalar {
            case "'": out += "\\'"
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\u{08}": out += "\\b"
            case "\u{0C}": out += "\\f"
            default: out.unicodeScalars.append(scalar)
            }
        }
        out += "'"
        return out
    }

    /// A quoted LIKE pattern matching every value that starts with `prefix`: `prefix`'s own `%`
    /// and `_` are escaped (`\%`, `\_`, the escapes SOQL allows in LIKE strings) and a backslash
    /// is escaped twice (once for the literal, once for LIKE); then `%`.
    public static func likePrefix(_ prefix: String) -> String {
        var out = "'"
        for scalar in prefix.unicodeScalars {
            switch scalar {
            case "%", "_": out += "\\" + String(scalar)
            case "\\": out += "\\\\\\\\"
            default: out += quote(String(scalar)).dropFirst().dropLast()
            }
        }
        return out + "%'"
    }
}
