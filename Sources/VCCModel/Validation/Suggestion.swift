public import YAMLSyntax

/// "Did you mean …?" for misspelt keys and names (also of names only the org knows: the planner
/// suggests a username the org has for a declared API user it lacks).
public enum Suggestion {
    /// The candidate closest to `word` by edit distance, if close enough to be a likely typo.
    public static func closest(to word: String, in candidates: some Sequence<String>) -> String? {
        let lowered = Array(word.lowercased().unicodeScalars)
        var best: (String, Int)?
        for candidate in candidates {
            let distance = editDistance(lowered, Array(candidate.lowercased().unicodeScalars))
            let allowed = max(1, min(lowered.count, candidate.count) / 3)
            if distance <= allowed, distance < (best?.1 ?? .max) { best = (candidate, distance) }
        }
        return best?.0
    }

    /// A note suggesting the closest candidate, or listing what is expected.
    public static func note(for word: String, in candidates: [String], expected: String) -> Diagnostic.Note {
        if let match = closest(to: word, in: candidates) {
            return .init("did you mean '\(match)'?")
        }
        return .init("expected \(expected): " + candidates.map { "'\($0)'" }.joined(separator: ", "))
    }

    private static func editDistance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)
                current[j] = min(previous[j] + 1, current[j - 1] + 1, substitution)
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}
