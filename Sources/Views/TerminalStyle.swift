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

    private func wrap(_ text: String, _ code: String) -> String {
        colored ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text
    }
}
