/// The objects, fields and relationships that exist: what makes a name INVALID_TYPE or
/// INVALID_FIELD, and how each name is spelled in results. Lookups ignore case.
public struct SOQLSchema: Sendable {
    /// One sObject type.
    public struct Object: Sendable {
        /// Canonical name, e.g. `User`.
        public var name: String
        /// Canonical field names (`Id` is implied when absent: every sObject has one).
        public var fields: [String]
        /// Relationship name (`Profile`, `SetupOwner`) to the types it may point at; more than one
        /// makes it polymorphic (TYPEOF applies).
        public var relationships: [String: [String]]

        public init(name: String, fields: [String], relationships: [String: [String]] = [:]) {
            self.name = name
            self.fields = fields
            self.relationships = relationships
        }
    }

    /// An object with its names indexed, for resolution without scanning.
    struct Indexed: Sendable {
        var object: Object
        /// Exact spelling and lowercased spelling to canonical field name. The exact entries let the
        /// common case (a query spelled like the schema) resolve without lowercasing.
        var fields: [String: String]
        var relationships: [String: (name: String, targets: [String])]
    }

    private let indexed: [String: Indexed]

    public init(objects: [Object]) {
        var indexed: [String: Indexed] = [:]
        for object in objects {
            var fields: [String: String] = ["Id": "Id", "id": "Id"]
            for field in object.fields {
                fields[field] = field
                fields[field.lowercased()] = field
            }
            var relationships: [String: (name: String, targets: [String])] = [:]
            for (name, targets) in object.relationships {
                relationships[name] = (name, targets)
                relationships[name.lowercased()] = (name, targets)
            }
            let entry = Indexed(object: object, fields: fields, relationships: relationships)
            indexed[object.name] = entry
            indexed[object.name.lowercased()] = entry
        }
        self.indexed = indexed
    }

    /// The object called `named`, ignoring case.
    public func object(named: String) -> Object? {
        indexed(named)?.object
    }

    func indexed(_ name: String) -> Indexed? {
        indexed[name] ?? indexed[name.lowercased()]
    }
}

extension SOQLSchema.Indexed {
    func field(_ name: String) -> String? {
        fields[name] ?? fields[name.lowercased()]
    }

    func relationship(_ name: String) -> (name: String, targets: [String])? {
        relationships[name] ?? relationships[name.lowercased()]
    }
}
