import YAMLSyntax

/// YAML text with `‸` marks standing before characters whose positions a test wants: the marks
/// are removed and their 1-based positions returned in order.
public struct MarkedText {
    public static let mark: Character = "‸"
    public let text: String
    public let positions: [SourcePosition]

    public init(_ marked: String) {
        var text = ""
        var positions: [SourcePosition] = []
        var line = 1
        var column = 1
        for character in marked {
            if character == Self.mark {
                positions.append(SourcePosition(line: line, column: column))
                continue
            }
            text.append(character)
            if character == "\n" {
                line += 1
                column = 1
            } else {
                column += character.unicodeScalars.count
            }
        }
        self.text = text
        self.positions = positions
    }
}
