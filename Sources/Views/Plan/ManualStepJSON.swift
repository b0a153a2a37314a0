public import Reconciler

/// A step left for a person, as JSON output carries it: data a pipeline can post (a ticket, a
/// chat message), naming the variable that holds a token, never the token.
struct ManualStepJSON: Encodable {
    var kind: String
    var address: String
    var title: String
    var instructions: [String]
    var url: String?
    var environment_variable: String?
    var environment: String?
    var login_as: String?
    var confirm_command: String?

    init(_ step: ManualStep) {
        kind = step.kind.rawValue
        address = step.address.description
        title = step.title
        instructions = step.instructions
        url = step.url
        environment_variable = step.environmentVariable
        environment = step.environment?.rawValue
        login_as = step.loginAs
        confirm_command = step.confirmCommand
    }
}
