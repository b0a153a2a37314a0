/// One element of the SELECT list.
public enum SOQLSelectItem: Sendable, Equatable {
    /// A field path as written, split on `.`: `["Id"]`, `["Profile", "Name"]`.
    case field([String])
    /// `COUNT()`, which must stand alone.
    case count
    /// `TYPEOF relationship WHEN Type THEN fields ... [ELSE fields] END`.
    case typeOf(relationship: String, whens: [SOQLTypeOfBranch], otherwise: [[String]])
}
