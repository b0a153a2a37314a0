/// The largest file vccctl reads of each kind. A file over its limit is refused before it is
/// read: a hostile or mistaken path (a huge file, a device in disguise) costs no memory.
/// The limits are far above what a real file of the kind holds; README.md lists them.
public struct ReadLimit: Sendable, Equatable {
    /// Says what the file is, in messages ("larger than 1 MiB, the limit for a connection file").
    public var kind: String
    public var maxBytes: Int

    public init(kind: String, maxBytes: Int) {
        self.kind = kind
        self.maxBytes = maxBytes
    }

    /// A configuration file (`*.yaml`): 256 MiB. A configuration of 100,000 locations is about 10 MiB.
    public static let configuration = ReadLimit(kind: "configuration file", maxBytes: 256 << 20)
    /// Connection settings (`--connection`): 1 MiB; a real one is a few hundred bytes.
    public static let connection = ReadLimit(kind: "connection file", maxBytes: 1 << 20)
    /// The directory of the embedded org (`vccctl sim seed FILE`): 64 MiB.
    public static let directorySeed = ReadLimit(kind: "directory file", maxBytes: 64 << 20)
    /// PEM trust roots (`caFile`): 1 MiB, a few hundred certificates.
    public static let trustRoots = ReadLimit(kind: "CA file", maxBytes: 1 << 20)
    /// The emulator's private key, certificates and credentials: 64 KiB each.
    public static let privateFile = ReadLimit(kind: "key or certificate file", maxBytes: 64 << 10)
    /// A saved plan (`vccctl apply FILE`, `vccctl show FILE`): 512 MiB.
    public static let savedPlan = ReadLimit(kind: "plan file", maxBytes: 512 << 20)

    /// "1 MiB", "64 KiB", "1000 bytes".
    public var sizeText: String {
        if maxBytes >= 1 << 20, maxBytes % (1 << 20) == 0 { return "\(maxBytes >> 20) MiB" }
        if maxBytes >= 1 << 10, maxBytes % (1 << 10) == 0 { return "\(maxBytes >> 10) KiB" }
        return "\(maxBytes) bytes"
    }
}
