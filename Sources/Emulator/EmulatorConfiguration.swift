/// Everything `EmulatorServer` needs to start.
public struct EmulatorConfiguration: Sendable {
    /// A loopback address or `localhost`; anything else is refused.
    public var host: String
    /// 0: a free port, reported through `onReady`.
    public var port: Int
    /// Holds `org.sqlite` (the simulator), `ca.pem` and `ca-key.pem`, `connected-app/`.
    public var dataDirectory: String
    public var tls: TLSMode
    public var faults: [FaultSpec]
    /// Seeds the fault draws: the same seed and request order give the same faults.
    public var seed: UInt64
    /// When set, every org's daily API allowance is set to it at start.
    public var dailyAPILimit: Int?
    /// API versions served under `/services/data/vXX.X/`.
    public var apiVersions: ClosedRange<Int>
    /// Largest request body read; bigger bodies answer 413.
    public var maximumBodyBytes: Int

    public init(
        host: String = "127.0.0.1", port: Int = 8443, dataDirectory: String, tls: TLSMode = .none,
        faults: [FaultSpec] = [], seed: UInt64 = 0, dailyAPILimit: Int? = nil,
        apiVersions: ClosedRange<Int> = 50...67, maximumBodyBytes: Int = 6 * 1024 * 1024
    ) {
        self.host = host
        self.port = port
        self.dataDirectory = dataDirectory
        self.tls = tls
        self.faults = faults
        self.seed = seed
        self.dailyAPILimit = dailyAPILimit
        self.apiVersions = apiVersions
        self.maximumBodyBytes = maximumBodyBytes
    }
}
