import YAMLSyntax

/// What one file declares, in the order written; merged with the other files' fragments later.
struct ConfigFragment {
    struct Org {
        var declaration: OrgDeclaration
        var keyNode: YAMLNode
    }

    struct Account {
        var declaration: AccountDeclaration
        var keyNode: YAMLNode
        /// Org names of `locations` in the order written, each with its key node.
        var locationOrgs: [(name: String, node: YAMLNode)]
        /// The node of `link.org` (or of `link`), for locating link findings.
        var linkNode: YAMLNode?
        var linkOrgNode: YAMLNode?
    }

    var path: String
    var orgs: [Org] = []
    /// Orgs declared with errors (already reported): known names, so that uses of them do not
    /// cascade into "undeclared org" errors.
    var brokenOrgNames: Set<String> = []
    var accounts: [Account] = []
}
