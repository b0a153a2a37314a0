/// ANSI styling for text output, or none. Whether to colour is decided once, by the CLI (a
/// terminal, and no `NO_COLOR`); renderers only ask this value.
public struct TerminalStyle: Sendable {
    public var colored: Bool

    public init(colored: Bool) { self.colored = colored }

    public static let plain = TerminalStyle(colored: false)

    func bold(_ text: String) -> String { wrap(text, "1") }
    func red(_ text: String) -> String { wrap(text, "1;31") }
    func magenta(_ text: String) -> String { wrap(text, "1;35") }
    func cyan(_ text: String) -> String { wrap(text, "1;36") }
    func green(_ text: String) -> String { wrap(text, "32") }

    /// Every SGR code `wrap` writes, the reset included: the only escape sequences human output
    /// may carry (`TerminalText.forOutput`).
    static let codes = ["1", "1;31", "1;35", "1;36", "32", "0"]

    /// The length of one of `codes` written as an SGR sequence at `index`, or nil.
    static func sequence(in scalars: [Unicode.Scalar], at index: Int) -> Int? {
        for code in codes {
            let sequence = Array("\u{1B}[\(code)m".unicodeScalars)
            if index + sequence.count <= scalars.count, Array(scalars[index..<index + sequence.count]) == sequence {
                return sequence.count
            }
        }
        return nil
    }

    /// The reset goes before trailing newlines: a colour never runs onto the next line.
    private func wrap(_ text: String, _ code: String) -> String {
        guard colored else { return text }
        var body = Substring(text)
        var newlines = ""
        while body.hasSuffix("\n") {
            body.removeLast()
            newlines += "\n"
        }
        return "\u{1B}[\(code)m\(body)\u{1B}[0m" + newlines
    }
}
