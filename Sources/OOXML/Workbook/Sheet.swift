/// A sheet as the workbook lists it.
public struct Sheet: Hashable, Sendable {
  /// Whether people see the sheet's tab.
  public enum State: String, Sendable {
    case visible, hidden, veryHidden
  }

  /// What the sheet holds.
  public enum Kind: String, Sendable {
    /// Cells.
    case worksheet
    /// A chart alone, no cells.
    case chartsheet
    /// An Excel 5 dialog sheet.
    case dialogsheet
    /// An Excel 4 macro sheet.
    case macrosheet
  }

  /// The name on the tab.
  public let name: String
  /// Whether the tab is visible.
  public let state: State
  /// What the sheet holds.
  public let kind: Kind
  /// The part that holds the sheet, such as `xl/worksheets/sheet1.xml`.
  public let partName: String
  /// The sheet's relationship id in the workbook (`rId1`).
  public let relationshipID: String
}
