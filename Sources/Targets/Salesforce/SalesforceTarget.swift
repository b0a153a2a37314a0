public import Reconciler

/// The `Target` of real Salesforce orgs (and of the loopback emulator, which speaks the same
/// REST subset): reads the hierarchy custom setting's records with their owners named, in
/// ⌈N/2000⌉ query calls plus a handful, and writes them 1000 records per call (Composite of
/// sObject Collections).
///
/// It owns one HTTP client for all its orgs: the caller must call `shutdown()` once it is done
/// with the target (before the process exits), or the client's connections leak.
public final class SalesforceTarget: Target {
    private let sessions: [String: SalesforceSession]
    private let endpoints: [String: SalesforceOrgEndpoint]
    private let options: SalesforceTargetOptions
    private let http: SalesforceHTTP?

    /// One endpoint per org the configuration manages; throws when the CA file cannot be read.
    public convenience init(endpoints: [SalesforceOrgEndpoint], options: SalesforceTargetOptions = SalesforceTargetOptions()) throws {
        let http = try SalesforceHTTP(caFile: options.caFile)
        self.init(endpoints: endpoints, options: options, transport: http, environment: .system, owning: http)
    }

    /// Behind any transport (tests script one).
    init(endpoints: [SalesforceOrgEndpoint], options: SalesforceTargetOptions, transport: any SalesforceTransport,
         environment: RetryEnvironment, owning http: SalesforceHTTP? = nil) {
        var sessions: [String: SalesforceSession] = [:]
        var byName: [String: SalesforceOrgEndpoint] = [:]
        for endpoint in endpoints {
            sessions[endpoint.orgName] = SalesforceSession(endpoint: endpoint, transport: transport, options: options,
                                                           environment: environment)
            byName[endpoint.orgName] = endpoint
        }
        self.sessions = sessions
        self.endpoints = byName
        self.options = options
        self.http = http
    }

    /// Closes the HTTP client. Call it once, after the last refresh or write.
    public func shutdown() async throws {
        try await http?.shutdown()
    }

    public func refresh(_ request: RefreshRequest) async throws -> ObservedState {
        // vccObservable stays at its default: `RemoteSystems` sets it from the VCC port.
        var observed = ObservedState()
        var digest = ReadDigest()
        // Orgs are independent: read them at the same time.
        try await withThrowingTaskGroup(of: (String, ObservedOrg, ReadDigest, CallTally).self) { group in
            for declaration in request.orgs {
                let orgClient = try client(for: declaration.name)
                group.addTask {
                    let (org, orgDigest) = try await SalesforceRefresh(client: orgClient, declaration: declaration, request: request).run()
                    return (declaration.name, org, orgDigest, orgClient.tally)
                }
            }
            for try await (name, org, orgDigest, tally) in group {
                observed.orgs[name] = org
                digest.merge(orgDigest)
                observed.apiCalls += tally.calls
                // The tightest org is the one a plan must mind.
                if let usage = tally.usage, observed.apiUsage.map({ usage.remaining < $0.remaining }) ?? true {
                    observed.apiUsage = usage
                }
            }
        }
        observed.readDigest = digest.hex
        return observed
    }

    public func write(_ batch: SettingsWriteBatch) async throws -> TargetWriteResult {
        try await SalesforceWrite(client: try client(for: batch.org), batch: batch,
                                         maxRounds: options.maxAttempts).run()
    }

    /// A client with a fresh call tally. Reads and writes use the endpoint's custom-setting
    /// names alike (the caller copies them from the org's declaration).
    private func client(for org: String) throws -> SalesforceOrgClient {
        guard let session = sessions[org], let endpoint = endpoints[org] else { throw SalesforceError.unknownOrg(org) }
        return SalesforceOrgClient(session: session, tally: CallTally(), apiVersion: endpoint.apiVersion, names: endpoint.names)
    }
}
