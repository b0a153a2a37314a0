import FileSafety
import Foundation
import Hummingbird
import HummingbirdCore
import HummingbirdTLS
import Logging
import NIOConcurrencyHelpers
import NIOCore
import NIOSSL
import OrgSimulator
import ServiceLifecycle
import UnixSignals

/// The Salesforce REST emulator: binds a loopback address, serves until cancelled or until
/// SIGINT/SIGTERM, then shuts down cleanly.
public struct EmulatorServer: Sendable {
    public let configuration: EmulatorConfiguration

    public init(configuration: EmulatorConfiguration) {
        self.configuration = configuration
    }

    /// Runs the server. `onReady` is called once it accepts connections; if it throws, the
    /// server stops and `run` rethrows that error.
    /// - Parameter handleSignals: stop gracefully on SIGINT and SIGTERM (the CLI; tests cancel instead).
    public func run(handleSignals: Bool = true, onReady: @escaping @Sendable (EmulatorReady) async throws -> Void) async throws {
        let host = configuration.host
        guard LoopbackHost.isLoopback(host) else { throw EmulatorError.notLoopback(host) }
        guard (0...65_535).contains(configuration.port) else { throw EmulatorError.startup("port \(configuration.port) is out of range") }
        let directory = configuration.dataDirectory
        do {
            // Mode 0700 for what it creates; a symbolic link under the current directory is refused.
            try FileCreator.createDirectory(directory)
        } catch {
            throw EmulatorError.dataDirectory(error.description)
        }
        let simulator: OrgSimulator
        do {
            simulator = try OrgSimulator(path: directory + "/org.sqlite")
            if let limit = configuration.dailyAPILimit { try simulator.setDailyAPILimit(limit) }
        } catch {
            throw EmulatorError.dataDirectory("\(error)")
        }
        let app: ConnectedApp
        do {
            app = try ConnectedApp.load(dataDirectory: directory)
        } catch {
            throw EmulatorError.dataDirectory("cannot prepare the connected app: \(error)")
        }
        let (tlsConfiguration, caFile) = try tlsSetup(directory: directory)
        let service = try await EmulatorService(simulator: simulator, app: app, configuration: configuration)
        let scheme = tlsConfiguration == nil ? "http" : "https"
        let server: HTTPServerBuilder
        if let tlsConfiguration {
            server = try .tls(.http1(), tlsConfiguration: tlsConfiguration)
        } else {
            server = .http1()
        }
        let readyFailure = NIOLockedValueBox<(any Error)?>(nil)
        let group = NIOLockedValueBox<ServiceGroup?>(nil)
        let quiet = Logger(label: "vccctl.emulator", factory: { _ in SwiftLogNoOpLogHandler() })
        let application = Application(
            responder: EmulatorResponder(service: service),
            server: server,
            configuration: ApplicationConfiguration(address: .hostname(host, port: configuration.port), serverName: nil),
            onServerRunning: { channel in
                let port = channel.localAddress?.port ?? configuration.port
                let urlHost = host.contains(":") && !host.hasPrefix("[") ? "[\(host)]" : host
                service.baseURL = "\(scheme)://\(urlHost):\(port)"
                do {
                    try await onReady(try service.readyInformation(caFile: caFile))
                } catch {
                    readyFailure.withLockedValue { $0 = error }
                    await group.withLockedValue { $0 }?.triggerGracefulShutdown()
                }
            },
            logger: quiet)
        let serviceGroup = ServiceGroup(configuration: .init(
            services: [application], gracefulShutdownSignals: handleSignals ? [.sigterm, .sigint] : [], logger: quiet))
        group.withLockedValue { $0 = serviceGroup }
        do {
            try await serviceGroup.run()
        } catch let error as IOError where error.errnoCode == EADDRINUSE {
            throw EmulatorError.portInUse(host: host, port: configuration.port)
        } catch {
            if let failure = readyFailure.withLockedValue({ $0 }) { throw failure }
            if "\(error)".contains("Address already in use") {
                throw EmulatorError.portInUse(host: host, port: configuration.port)
            }
            throw EmulatorError.startup("\(error)")
        }
        if let failure = readyFailure.withLockedValue({ $0 }) { throw failure }
    }

    /// The TLS configuration of the mode, and the CA file a client should trust.
    private func tlsSetup(directory: String) throws -> (TLSConfiguration?, String?) {
        switch configuration.tls {
        case .none:
            return (nil, nil)
        case .selfSigned:
            do {
                let authority = try CertificateAuthority.load(directory: directory)
                let issued = try authority.issueServerCertificate()
                let certificate = try NIOSSLCertificate(bytes: Array(issued.certificatePEM.utf8), format: .pem)
                let key = try NIOSSLPrivateKey(bytes: Array(issued.keyPEM.utf8), format: .pem)
                return (TLSConfiguration.makeServerConfiguration(certificateChain: [.certificate(certificate)], privateKey: .privateKey(key)),
                        directory + "/" + CertificateAuthority.certificateFile)
            } catch {
                throw EmulatorError.tls("cannot make the self-signed certificate: \(error)")
            }
        case .files(let certificatePath, let keyPath):
            let chain: [NIOSSLCertificate]
            do {
                chain = try NIOSSLCertificate.fromPEMFile(certificatePath)
            } catch {
                throw EmulatorError.tls("cannot read the certificate \(certificatePath): \(error)")
            }
            let key: NIOSSLPrivateKey
            do {
                key = try NIOSSLPrivateKey(file: keyPath, format: .pem)
            } catch {
                throw EmulatorError.tls("cannot read the private key \(keyPath): \(error)")
            }
            guard !chain.isEmpty else { throw EmulatorError.tls("\(certificatePath) holds no certificate") }
            return (TLSConfiguration.makeServerConfiguration(certificateChain: chain.map { .certificate($0) }, privateKey: .privateKey(key)), nil)
        }
    }
}
