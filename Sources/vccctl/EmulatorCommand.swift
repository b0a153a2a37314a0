import ArgumentParser
import Emulator
import Foundation

/// `vccctl emulator serve`: the Salesforce REST emulator on loopback. Parsing only: the server
/// is the Emulator library's.
struct EmulatorCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "emulator", abstract: "Run a loopback Salesforce REST emulator over the embedded org model.",
        subcommands: [Serve.self])

    struct Serve: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Serve the Salesforce REST subset vccctl uses, on loopback, until SIGINT or SIGTERM.",
            discussion: """
                The org is DIR/org.sqlite, the file `vccctl sim … --data DIR` acts on while the emulator runs. \
                The first line on standard output is `listening on URL`. See docs/emulator.md.
                """)
        @Option(help: "A loopback address or localhost.") var host = "127.0.0.1"
        @Option(help: "The port; 0 picks a free one.") var port = 8443
        @Option(help: ArgumentHelp("The data directory (org.sqlite, ca.pem, connected-app/).", valueName: "DIR"))
        var data = ".vccctl/emulator"
        @Flag(help: "TLS with a certificate from the emulator's own CA (DIR/ca.pem).") var tlsSelfSigned = false
        @Option(help: ArgumentHelp("TLS with this certificate chain (PEM).", valueName: "FILE")) var tlsCert: String?
        @Option(help: ArgumentHelp("The private key of --tls-cert (PEM).", valueName: "FILE")) var tlsKey: String?
        @Option(help: ArgumentHelp("Write URL, CA file, sessions and credentials here as JSON once ready.", valueName: "FILE"))
        var readyFile: String?
        @Option(help: ArgumentHelp("Inject faults: error=P,error-after=P,throttle=P,reset=P,concurrent=P,latency=20ms,route=GLOB (repeatable).",
                                   valueName: "SPEC"))
        var faults: [String] = []
        @Option(help: "Seed of the fault draws.") var seed: UInt64 = 0
        @Option(help: ArgumentHelp("Set every org's daily API allowance at start.", valueName: "N")) var dailyApiLimit: Int?

        func run() async throws {
            try await Failures.guarded {
                let tls: TLSMode
                switch (tlsSelfSigned, tlsCert, tlsKey) {
                case (false, nil, nil): tls = .none
                case (true, nil, nil): tls = .selfSigned
                case (false, let cert?, let key?): tls = .files(certificate: cert, key: key)
                case (true, _, _): throw CommandFailure(message: "--tls-self-signed and --tls-cert/--tls-key exclude each other")
                default: throw CommandFailure(message: "--tls-cert and --tls-key go together")
                }
                var specs: [FaultSpec] = []
                for text in faults {
                    do { specs.append(try FaultSpec.parse(text)) } catch { throw CommandFailure(message: "\(error)") }
                }
                if let readyFile { try ReadyFile.checkAbsent(readyFile) }
                let configuration = EmulatorConfiguration(
                    host: host, port: port, dataDirectory: data, tls: tls, faults: specs, seed: seed, dailyAPILimit: dailyApiLimit)
                let readyFile = self.readyFile
                do {
                    try await EmulatorServer(configuration: configuration).run { ready in
                        if let readyFile { try ReadyFile.write(ready, to: readyFile) }
                        Terminal.write("listening on \(ready.url)\n")
                    }
                } catch let error as EmulatorError {
                    throw CommandFailure(message: error.description)
                }
            }
        }
    }
}
