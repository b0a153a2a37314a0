/// Where a running emulator (`vccctl emulator serve`) listens.
public struct EmulatorConnection: Sendable, Hashable, Codable {
    /// The base URL, `http://` or `https://` (such as `http://127.0.0.1:8443`).
    public var url: String
    /// The emulator's `ca.pem`, for an https URL.
    public var caFile: String?
    public var origin: SourceOrigin

    public init(url: String, caFile: String? = nil, origin: SourceOrigin = .none) {
        self.url = url
        self.caFile = caFile
        self.origin = origin
    }
}
