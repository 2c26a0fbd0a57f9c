import Wording

/// Aligned plain-text tables for people.
enum TextTable {
  /// Renders `rows` under `header`, columns separated by two spaces.
  static func render(header: [String], rows: [[String]], indent: String = "") -> String {
    let all = [header] + rows
    let count = all.map(\.count).max() ?? 0
    let widths = (0..<count).map { column in all.map { column < $0.count ? $0[column].count : 0 }.max() ?? 0 }
    return all.map { row in
      let cells = (0..<count).map { column -> String in
        let text = column < row.count ? row[column] : ""
        return text + String(repeating: " ", count: widths[column] - text.count)
      }
      return indent + cells.joined(separator: "  ").trimmingTrailingSpaces() + "\n"
    }.joined()
  }

  /// The same, each cell told in the run's language (amounts `1 234,56 €` in French).
  static func say(header: [Phrase], rows: [[Phrase]], indent: String = "") -> String {
    render(header: header.map(\.told), rows: rows.map { $0.map(\.told) }, indent: indent)
  }
}

extension String {
  func trimmingTrailingSpaces() -> String {
    var text = self
    while text.last == " " { text.removeLast() }
    return text
  }
}
