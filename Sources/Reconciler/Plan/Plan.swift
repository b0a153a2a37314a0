/// The ordered changes that bring the target to the desired state, and the drift found on the way.
public struct Plan: Sendable, Hashable, Codable {
    public static let formatVersion = 1

    public var formatVersion: Int
    /// The state it was made against; nil lineage: no state existed.
    public var lineage: String?
    public var serial: Int64?
    /// Digest of the configuration and of everything read, for refusing a stale plan.
    public var configDigest: String
    public var readDigest: String
    /// Hex salt of the fingerprints when no state existed: the state the first apply creates keeps it.
    public var newStateSalt: String?
    public var changes: [PlannedChange]
    public var drift: [DriftFinding]
    public var apiCalls: APICallEstimate
    /// Secrets and links taken as done on state's word because the VCC side cannot be read
    /// (manual steps); empty when VCC was read.
    public var attested: [AttestedResource] = []
    /// Resources observed exactly as declared that state does not record yet: no change, the
    /// next apply records them.
    public var unrecorded: [UnrecordedResource] = []
    /// Writes of a stopped apply found in the org as intended (its journal): recorded by the next
    /// apply, into that apply's history entry. Not changes: nothing is sent for them.
    public var recovered: [RecoveredWrite] = []

    public init(lineage: String?, serial: Int64?, configDigest: String, readDigest: String,
                changes: [PlannedChange], drift: [DriftFinding], apiCalls: APICallEstimate) {
        formatVersion = Self.formatVersion
        self.lineage = lineage
        self.serial = serial
        self.configDigest = configDigest
        self.readDigest = readDigest
        self.newStateSalt = nil
        self.changes = changes
        self.drift = drift
        self.apiCalls = apiCalls
    }

    /// Changes that call the target or touch state.
    public var hasChanges: Bool { !changes.isEmpty }

    /// Whether applying it writes anything: changes, or state catching up with what is observed.
    public var writesState: Bool { hasChanges || !unrecorded.isEmpty || !recovered.isEmpty }

    /// Counts for the summary line.
    public var counts: (add: Int, change: Int, destroy: Int) {
        var add = 0, change = 0, destroy = 0
        for change_ in changes {
            switch change_.action.symbol {
            case "+": add += 1
            case "-": destroy += 1
            case "-/+": add += 1; destroy += 1
            default: change += 1
            }
        }
        return (add, change, destroy)
    }
}
