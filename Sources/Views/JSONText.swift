import Foundation

/// Stable, readable JSON: sorted keys, two-space indentation, no escaped slashes. The encoder
/// escapes C0 control characters; DEL, C1 controls, bidirectional controls and line separators it
/// leaves raw, so they are escaped here (`\u009b`): a JSON document shown in a terminal can carry
/// no escape sequence either.
public enum JSONText {
    public static func encode(_ value: some Encodable) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(value) else { return "{}\n" }
        return escapingUnsafe(String(decoding: data, as: UTF8.self)) + "\n"
    }

    /// Outside strings JSON holds only ASCII, so any unsafe character is inside a string, where
    /// `\uXXXX` is the same character.
    static func escapingUnsafe(_ json: String) -> String {
        guard json.utf8.contains(where: { $0 >= 0x7F }) else { return json }
        var out = String.UnicodeScalarView()
        for scalar in json.unicodeScalars {
            if scalar.value >= 0x7F, TerminalText.isUnsafe(scalar) {
                out.append(contentsOf: String(format: "\\u%04x", scalar.value).unicodeScalars)
            } else {
                out.append(scalar)
            }
        }
        return String(out)
    }
}
