#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Views

/// What the process is attached to, read once.
enum Terminal {
    /// Colour only on a terminal, never with `NO_COLOR` (https://no-color.org) or `TERM=dumb`.
    static func style(for fd: Int32) -> TerminalStyle {
        let noColor = getenv("NO_COLOR").map { String(cString: $0).isEmpty == false } ?? false
        let dumb = getenv("TERM").map { String(cString: $0) == "dumb" } ?? false
        return TerminalStyle(colored: isatty(fd) == 1 && !noColor && !dumb)
    }

    static func exit(_ status: Int32) -> Never {
        Glibc.exit(status)
    }

    /// The one place output is written: whatever it holds (a key set in the org, a YAML string),
    /// no control character reaches the terminal raw; only the colours of `style(for:)` do.
    static func write(_ text: String, to fd: Int32 = STDOUT_FILENO) {
        let safe = TerminalText.forOutput(text, keepingStyles: style(for: fd).colored)
        var remaining = Array(safe.utf8)[...]
        while !remaining.isEmpty {
            let written = remaining.withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
            if written < 0 {
                if errno == EINTR { continue }
                return
            }
            remaining = remaining.dropFirst(written)
        }
    }
}
