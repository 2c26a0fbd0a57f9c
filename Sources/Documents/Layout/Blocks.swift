/// What a document's body is made of, laid out top to bottom by ``Paginator``.
enum Block {
  /// A paragraph, wrapped to the text width, then `after` points of space.
  case paragraph(String, TextStyle, after: Double = 6)
  /// A table whose rows break across pages, its header repeated on each.
  case table(Table)
  /// A heading, never left alone at the foot of a page: it moves to the next with what
  /// follows it.
  case heading(String)
  /// Empty space.
  case space(Double)
  /// A thin horizontal line across the text width.
  case rule
  /// Blocks kept on one page (a signature with its closing, a total with its label).
  case keepTogether([Block])
}

/// A table: its columns (widths as shares of the text width), its rows, and its total rows
/// (bold, after the last row).
struct Table {
  struct Column {
    var title: String
    /// Its share of the text width.
    var share: Double
    var alignment: TextStyle.Alignment = .left
  }

  var columns: [Column]
  var rows: [[String]]
  var totals: [[String]] = []
  var style = TextStyle(size: 8.5)
}

/// An A4 page in points, its margins, and where a DL envelope's window is.
enum PageGeometry {
  static let width = 595.276
  static let height = 841.89

  static func mm(_ value: Double) -> Double { value * 72 / 25.4 }

  static let left = mm(20)
  static let right = mm(20)
  static let top = mm(15)
  static let bottom = mm(20)
  static var textWidth: Double { width - left - right }
  /// The lowest a body line may go: the footer is below.
  static var bodyBottom: Double { height - bottom - mm(8) }

  /// The recipient's block, inside the window of a French DL envelope (110 × 220 mm, window
  /// 45 × 100 mm on the right, 20 mm from the right edge and 15 mm from the bottom) for an A4
  /// sheet folded in three, whichever way the sheet slides in it: 110–195 mm across,
  /// 55–90 mm down.
  static let window = (x: mm(110), y: mm(55), width: mm(85), height: mm(35))
}
