import OrgSimulator

/// Who a request runs as: the session's org and user, and what that user may do.
struct SessionContext: Sendable {
    var org: SimulatedOrg
    var userId: String
    /// "View All Custom Settings": may query and describe the settings object as queryable.
    var canViewSettings: Bool
    /// "Customize Application": may create, update and delete settings records.
    var canCustomize: Bool
}
