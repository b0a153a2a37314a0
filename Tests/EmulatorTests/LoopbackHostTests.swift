import Emulator
import Testing

@Suite struct LoopbackHostTests {
    @Test(arguments: ["127.0.0.1", "127.1.2.3", "::1", "[::1]", "localhost", "LOCALHOST"])
    func acceptsLoopback(host: String) {
        #expect(LoopbackHost.isLoopback(host))
    }

    @Test(arguments: ["0.0.0.0", "10.0.0.1", "192.168.1.1", "128.0.0.1", "::", "::2", "example.com",
                      "localhost.example.com", "127.0.0.1.nip.io", ""])
    func refusesEverythingElse(host: String) {
        #expect(!LoopbackHost.isLoopback(host))
    }
}
