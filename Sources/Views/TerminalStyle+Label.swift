extension TerminalStyle {
    /// A severity label as diagnostics show it (`error:` in red on a terminal).
    public static func label(_ style: TerminalStyle, _ text: String) -> String {
        text.hasPrefix("error") ? style.red(text) : text.hasPrefix("warning") ? style.magenta(text) : style.cyan(text)
    }
}
