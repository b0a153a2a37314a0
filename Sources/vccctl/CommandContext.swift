#if canImport(Glibc)
import Glibc
#endif
import FileSafety
import Foundation
import Synchronization
import OrgSimulator
import Reconciler
import StateSQLite
import Targets
import VCCModel
import Views

/// Everything a command works with, built in one place: the state store, the remote ports
/// (opened on first use, for the orgs of the configuration), the environment (the token source)
/// and the terminal.
struct CommandContext: Sendable {
    static let workspace = ".vccctl"

    let state: StateHandle
    var store: any StateStore { state.store }
    let connection: ConnectionSettings
    let lockTimeout: Double
    let environment: @Sendable (String) -> String?
    let style: TerminalStyle
    private let remoteCache = RemoteCache()

    /// The context; `store` when the caller already opened it (see `stateStore`). Opens nothing
    /// remote yet.
    static func make(_ options: WorkspaceOptions, state: StateHandle? = nil) throws -> CommandContext {
        let state = try state ?? stateStore(options)
        return CommandContext(
            state: state, connection: try connectionSettings(options), lockTimeout: options.lockTimeout,
            environment: { name in ProcessInfo.processInfo.environment[name] },
            style: Terminal.style(for: 1))
    }

    /// The remote ports for `orgs`, opened once per command (later calls return the same).
    /// The target and VCC, opened for the orgs `desired` declares (in name order).
    func remote(for desired: DesiredState) throws -> RemoteSystems {
        try remote(for: desired.orgs.values.sorted { $0.name < $1.name })
    }

    func remote(for orgs: [OrgDeclaration]) throws -> RemoteSystems {
        try remoteCache.value {
            try RemoteFactory.make(connection, orgs: orgs, environment: ProcessInfo.processInfo.environment,
                                   simulator: Self.openExistingSimulator)
        }
    }

    /// The connection settings the options name, or the default (the embedded org).
    static func connectionSettings(_ options: WorkspaceOptions) throws -> ConnectionSettings {
        let env = ProcessInfo.processInfo.environment
        guard let path = options.connection ?? env["VCCCTL_CONNECTION"].flatMap({ $0.isEmpty ? nil : $0 }) else {
            return .default
        }
        return try loadConnection(path)
    }

    /// The state store the options name. Creates nothing: a plan can start reading state before
    /// anything else is opened.
    static func stateStore(_ options: WorkspaceOptions) throws -> StateHandle {
        let env = ProcessInfo.processInfo.environment
        var configured: StateLocation?
        if let connection = options.connection ?? env["VCCCTL_CONNECTION"].flatMap({ $0.isEmpty ? nil : $0 }) {
            configured = try loadConnection(connection).state
        }
        // The flag wins, then the environment, then the connection file, then the default.
        var location = configured ?? .default
        if let text = (options.state ?? env["VCCCTL_STATE"]).flatMap({ $0.isEmpty ? nil : $0 }) {
            do {
                location = try StateLocation.parse(text)
            } catch {
                throw CommandFailure(message: "the state location (\(options.state != nil ? "--state" : "VCCCTL_STATE")) is not usable: \(error)")
            }
        }
        // Whoever waits that long for the lock also waits that long for the file itself (one
        // creating or upgrading it, a long commit): the same timeout, never less than SQLite's 10 s.
        return try StateHandle.open(location, environment: env, flag: options.state != nil ? "--state" : nil,
                                    busyTimeout: max(10, options.lockTimeout))
    }

    /// The embedded org's file, `.vccctl/org.sqlite` unless `VCCCTL_LOCAL_ORG` names another.
    static var simulatorPath: String {
        ProcessInfo.processInfo.environment["VCCCTL_LOCAL_ORG"].flatMap { $0.isEmpty ? nil : $0 } ?? workspace + "/org.sqlite"
    }

    /// The embedded org, created when missing: for `vccctl sim`, which plays the admin who sets it up.
    static func openSimulator() throws -> OrgSimulator {
        try OrgSimulator(path: simulatorPath)
    }

    /// The embedded org as the target of plan, apply, drift and explain. One that does not exist
    /// is an error, not an empty org made on the spot: a command run from the wrong directory
    /// must neither plan against nothing nor leave a `.vccctl/` behind.
    static func openExistingSimulator() throws -> OrgSimulator {
        let path = simulatorPath
        // Not following a link: a dangling `.vccctl/org.sqlite` link is refused when opened, not
        // reported as missing.
        guard FileReader.kind(of: path) != nil else {
            throw CommandFailure(
                message: "the embedded org \(path) does not exist",
                notes: ["run 'vccctl sim seed FILE' first, in the directory that holds your .vccctl/ "
                        + "(vccctl keeps the state and the embedded org in .vccctl/ of the current directory)",
                        "or name another target with --connection FILE"])
        }
        // An empty file (a stopped `sim seed`, a truncated file) is not an org to plan against.
        return try OrgSimulator(path: path, mustHoldOrg: true)
    }

    /// The connection settings of the file at `path`.
    private static func loadConnection(_ path: String) throws -> ConnectionSettings {
        let loaded = ConnectionSettingsLoader.load(path: path)
        // A file that could not be read at all (missing, a FIFO, too large) says so directly.
        if loaded.settings == nil, let unreadable = loaded.diagnostics.first(where: { $0.code.hasPrefix("io.") }) {
            throw CommandFailure(message: "the connection settings: " + unreadable.message, notes: unreadable.notes.map(\.message))
        }
        guard let settings = loaded.settings else {
            throw CommandFailure(message: "the connection settings in \(path) are invalid",
                                 notes: ["run 'vccctl validate --connection \(path)' for the details"])
        }
        return settings
    }

    /// Who is running this, for locks and history.
    static func holder(command: String) -> LockHolder {
        var name = [CChar](repeating: 0, count: 256)
        let host = gethostname(&name, name.count) == 0
            ? String(decoding: name.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self) : "unknown"
        let who = ProcessInfo.processInfo.environment["USER"] ?? getpwuid(getuid()).map { String(cString: $0.pointee.pw_name) }
        return LockHolder(id: UUID().uuidString.lowercased(), who: who ?? "unknown",
                          host: host, pid: getpid(), command: command, since: Date().timeIntervalSince1970,
                          runURL: CIRun.url(in: ProcessInfo.processInfo.environment))
    }
}

/// The remote ports of one command, made on first use.
final class RemoteCache: Sendable {
    private let cached = Mutex<RemoteSystems?>(nil)

    func value(_ make: () throws -> RemoteSystems) throws -> RemoteSystems {
        try cached.withLock { cached in
            if let cached { return cached }
            let made = try make()
            cached = made
            return made
        }
    }
}
