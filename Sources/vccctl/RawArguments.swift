#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import FileSafety
import Views

/// The command line as the bytes the process received. Swift's `CommandLine.arguments` repairs
/// bytes that are not UTF-8 (each becomes U+FFFD), so a path such as `--state $'\xff.sqlite'`
/// would silently name another file; vccctl refuses such an argument instead, as a usage error.
enum RawArguments {
    /// The first argument (after the program name) that is not valid UTF-8: its position and
    /// its bytes escaped; nil when all are valid.
    static func firstInvalid() -> (position: Int, escaped: String)? {
        for position in 1..<Int(CommandLine.argc) {
            guard let pointer = CommandLine.unsafeArgv[position] else { continue }
            let bytes = UnsafeBufferPointer(start: UnsafeRawPointer(pointer).assumingMemoryBound(to: UInt8.self),
                                            count: strlen(pointer))
            if PathText.decode(bytes) == nil { return (position, PathText.escaped(bytes)) }
        }
        return nil
    }

    /// The environment variables that name paths: `ProcessInfo` repairs them the same way.
    static let pathVariables = ["VCCCTL_STATE", "VCCCTL_CONNECTION", "VCCCTL_LOCAL_ORG"]

    /// The first path variable whose value is not valid UTF-8: its name and value escaped.
    static func firstInvalidVariable() -> (name: String, escaped: String)? {
        for name in pathVariables {
            guard let pointer = getenv(name) else { continue }
            let bytes = UnsafeBufferPointer(start: UnsafeRawPointer(pointer).assumingMemoryBound(to: UInt8.self),
                                            count: strlen(pointer))
            if PathText.decode(bytes) == nil { return (name, PathText.escaped(bytes)) }
        }
        return nil
    }

    /// Exits with status 64 when an argument is not valid UTF-8, and with 1 when a path variable
    /// is not (the environment is not a usage error, but it cannot be used either).
    static func refuseInvalid() {
        let style = Terminal.style(for: 2)
        let advice = "note: rename the file (vccctl handles file names that are UTF-8), or name it through a path that is\n"
        if let invalid = firstInvalid() {
            Terminal.write(TerminalStyle.label(style, "error:") + " argument \(invalid.position) ('\(invalid.escaped)') is not valid "
                           + "UTF-8; vccctl cannot represent it and does not guess\n" + advice, to: 2)
            Terminal.exit(64)
        }
        if let invalid = firstInvalidVariable() {
            Terminal.write(TerminalStyle.label(style, "error:") + " \(invalid.name) ('\(invalid.escaped)') is not valid "
                           + "UTF-8; vccctl cannot represent it and does not guess\n" + advice, to: 2)
            Terminal.exit(1)
        }
    }
}
