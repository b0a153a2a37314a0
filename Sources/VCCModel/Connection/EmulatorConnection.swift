/// Where a running emulator (`vccctl emulator serve`) listens.
public struct EmulatorConnection: Sendable, Hashable, Codable {
    /// The base URL, `http://` or `https://` (such as `http://127.0.0.1:8443`).
    public var url: String
    public var origin: SourceOrigin

    public init(url: String, origin: SourceOrigin = .none) {
        self.url = url
        self.origin = origin
    }
}
