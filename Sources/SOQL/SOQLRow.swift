/// One sObject record: its type and its fields keyed by canonical field name. Relationship names
/// (`Profile`) hold `.record(row)` or `.null`; a field that is absent reads as null.
///
/// A row is either a dictionary of fields or, for many rows of one shape, a shared
/// `SOQLRowLayout` and an array of values in its order: the emulator builds 100k-record answers
/// that way without hashing every field name of every row. Both read and compare alike.
public struct SOQLRow: Sendable, Equatable {
    enum Storage: Sendable {
        case dictionary([String: SOQLFieldValue])
        case laidOut(SOQLRowLayout, [SOQLFieldValue])
    }

    /// The sObject type, e.g. `User`.
    public var type: String
    var storage: Storage

    public init(type: String, fields: [String: SOQLFieldValue]) {
        self.type = type
        storage = .dictionary(fields)
    }

    /// A row whose field `layout.names[i]` holds `values[i]` (missing values read as null, extra
    /// ones are ignored).
    public init(type: String, layout: SOQLRowLayout, values: [SOQLFieldValue]) {
        self.type = type
        storage = .laidOut(layout, values)
    }

    public var fields: [String: SOQLFieldValue] {
        get {
            switch storage {
            case .dictionary(let fields): return fields
            case .laidOut(let layout, let values):
                var fields: [String: SOQLFieldValue] = [:]
                fields.reserveCapacity(layout.names.count)
                for (i, name) in layout.names.enumerated() where fields[name] == nil {
                    fields[name] = i < values.count ? values[i] : .null
                }
                return fields
            }
        }
        set { storage = .dictionary(newValue) }
    }

    /// The value of `name`: an exact (canonical) key first, then a case-insensitive match, since
    /// SOQL names are case-insensitive. The exact lookup is the hot path and allocates nothing.
    public func value(of name: String) -> SOQLFieldValue {
        switch storage {
        case .dictionary(let fields):
            if let value = fields[name] { return value }
            let count = name.utf8.count
            for (key, value) in fields where key.utf8.count == count && SOQLText.equalsIgnoringCase(key, name) {
                return value
            }
            return .null
        case .laidOut(let layout, let values):
            guard let i = layout.index(of: name), i < values.count else { return .null }
            return values[i]
        }
    }

    public static func == (lhs: SOQLRow, rhs: SOQLRow) -> Bool {
        lhs.type == rhs.type && lhs.fields == rhs.fields
    }
}

/// The field names of rows built by `SOQLRow(type:layout:values:)`, made once and shared.
public final class SOQLRowLayout: Sendable {
    /// Canonical field names, in value order.
    public let names: [String]
    private let exact: [String: Int]

    public init(_ names: [String]) {
        self.names = names
        var exact: [String: Int] = [:]
        for (i, name) in names.enumerated() where exact[name] == nil { exact[name] = i }
        self.exact = exact
    }

    /// Where `name` sits: the exact name first, then ignoring case (as `SOQLRow.value(of:)`).
    func index(of name: String) -> Int? {
        if let i = exact[name] { return i }
        let count = name.utf8.count
        return names.firstIndex { $0.utf8.count == count && SOQLText.equalsIgnoringCase($0, name) }
    }
}
