import SafeXML

/// The parts of `styles.xml` a reader needs: number formats and which cell formats
/// (`cellXfs`) show dates.
public struct Styles: Sendable {
  /// Custom number formats by id (164 and up, though any id may be redefined).
  public let numberFormats: [Int: String]
  /// The number-format id of each cell format, by `cellXfs` index.
  public let cellFormatNumberFormatIDs: [Int]
  private let kinds: [NumberFormatKind]

  /// No styles part: every cell is formatted `General`.
  public static let empty = Styles(numberFormats: [:], cellFormatNumberFormatIDs: [])

  init(numberFormats: [Int: String], cellFormatNumberFormatIDs: [Int]) {
    self.numberFormats = numberFormats
    self.cellFormatNumberFormatIDs = cellFormatNumberFormatIDs
    kinds = cellFormatNumberFormatIDs.map { id in
      if let code = numberFormats[id] { return NumberFormatKind.classify(code) }
      return NumberFormatKind.builtIn(id) ?? .number
    }
  }

  /// What the cell format at `index` makes of a number; `.number` for an index the
  /// part does not define.
  @inline(__always)
  public func kind(ofStyle index: Int) -> NumberFormatKind {
    index >= 0 && index < kinds.count ? kinds[index] : .number
  }

  /// The number format code of a cell format, when it is a custom one.
  public func formatCode(ofStyle index: Int) -> String? {
    guard index >= 0, index < cellFormatNumberFormatIDs.count else { return nil }
    return numberFormats[cellFormatNumberFormatIDs[index]]
  }
}

extension Styles {
  /// Reads `numFmts` and `cellXfs` from a styles part's root element. Empty elements
  /// (`<font/>`, `<alignment/>`, as Google Sheets writes) are simply skipped.
  init(root: XMLElement) {
    let ns = XMLNamespace.spreadsheetML
    var formats: [Int: String] = [:]
    for format in root.child("numFmts", in: ns)?.children("numFmt", in: ns) ?? [] {
      guard let id = format.attribute("numFmtId").flatMap({ Int($0) }), let code = format.attribute("formatCode") else { continue }
      formats[id] = code
    }
    let xfs = root.child("cellXfs", in: ns)?.children("xf", in: ns) ?? []
    self.init(numberFormats: formats, cellFormatNumberFormatIDs: xfs.map { $0.attribute("numFmtId").flatMap { Int($0) } ?? 0 })
  }
}
