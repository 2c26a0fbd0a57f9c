import Foundation
import GRDB
import OOXML

/// What a person says of a tracker when the heuristics could not (`suivi map`): the sheet,
/// the header row, and columns named by their header text (or letters), each mapped to a
/// known column or left to the humans. Kept per tracker file in the ledger and used by
/// every run on it.
public struct TrackerMapping: Sendable, Equatable, Codable {
  /// A header's text (or its column letters) → what it is.
  public struct Assignment: Sendable, Equatable, Codable {
    public var header: String
    /// The known column, or `nil`: the humans' own (never read, never written).
    public var column: SyncColumn?

    public init(header: String, column: SyncColumn?) {
      self.header = header
      self.column = column
    }
  }

  public var sheet: String?
  public var headerRow: Int?
  public var assignments: [Assignment] = []

  public init(sheet: String? = nil, headerRow: Int? = nil, assignments: [Assignment] = []) {
    self.sheet = sheet
    self.headerRow = headerRow
    self.assignments = assignments
  }

  public var isEmpty: Bool { sheet == nil && headerRow == nil && assignments.isEmpty }

  /// The words `--column HEADER=WORD` takes for "left to the humans".
  static let noneWords: Set<String> = ["none", "aucune", "ignore", "ignorer", "-"]

  /// Reads `HEADER=COLUMN` (`Tiers=client`, `Réf=number`, `Notes internes=none`): the
  /// column by its name in Suivi (`client`, `amountTTC`…) or any header Suivi knows for it
  /// (`Montant TTC`).
  ///
  /// - Throws: ``TrackerError/badMapping(_:)``.
  public static func assignment(_ text: String) throws -> Assignment {
    guard let equals = text.lastIndex(of: "=") else {
      throw TrackerError.badMapping("--column \(text): expected HEADER=COLUMN, as \"Tiers=client\"")
    }
    let header = String(text[..<equals]).trimmingCharacters(in: .whitespaces)
    let word = String(text[text.index(after: equals)...]).trimmingCharacters(in: .whitespaces)
    guard !header.isEmpty else { throw TrackerError.badMapping("--column \(text): the header is empty") }
    if noneWords.contains(word.lowercased()) { return Assignment(header: header, column: nil) }
    let key = HeaderText.key(word)
    guard let column = SyncColumn.allCases.first(where: { HeaderText.key($0.rawValue) == key }) ?? HeaderText.column(word) else {
      let names = SyncColumn.allCases.map(\.rawValue).joined(separator: ", ")
      throw TrackerError.badMapping("--column \(text): '\(word)' is not a column Suivi knows (\(names), or none)")
    }
    return Assignment(header: header, column: column)
  }

  /// `self` with `other`'s sheet, header row and assignments over its own (an assignment
  /// of the same header replaces the earlier one).
  public func merging(_ other: TrackerMapping) -> TrackerMapping {
    var result = self
    if let sheet = other.sheet { result.sheet = sheet }
    if let row = other.headerRow { result.headerRow = row }
    for assignment in other.assignments {
      result.assignments.removeAll { HeaderText.key($0.header) == HeaderText.key(assignment.header) }
      result.assignments.append(assignment)
    }
    return result
  }

  /// The column index an assignment names in a header row (`texts` by index): the cell
  /// whose text is `header` (compared loosely), else the column of those letters (`C`).
  static func index(of header: String, in texts: [Int: String]) -> Int? {
    let key = HeaderText.key(header)
    if let found = texts.first(where: { HeaderText.key($0.value) == key })?.key { return found }
    guard header.allSatisfy({ $0.isASCII && $0.isLetter }) else { return nil }
    return CellReference(header.uppercased() + "1")?.column
  }

  /// Applies the assignments to a header found in `texts` (or to none): each assigned
  /// column takes its cell, away from what the heuristics gave it; a header left to the
  /// humans is no column. `nil` when the result has no invoice-number column.
  func apply(to found: [SyncColumn: Int], texts: [Int: String]) -> [SyncColumn: Int]? {
    var columns = found
    for assignment in assignments {
      guard let index = Self.index(of: assignment.header, in: texts) else { continue }
      columns = columns.filter { $0.value != index }
      if let column = assignment.column { columns[column] = index }
    }
    return columns[.number] == nil ? nil : columns
  }

  /// The assignments whose header is in no cell of `texts` (nor a column's letters).
  func unmatched(in texts: [Int: String]) -> [String] {
    assignments.filter { Self.index(of: $0.header, in: texts) == nil }.map(\.header)
  }
}

extension SyncStore {
  /// The mapping a person gave for the tracker at `path`, if any.
  func mapping(path: String) throws -> TrackerMapping? {
    guard let text = try String.fetchOne(db, sql: "SELECT mapping FROM sync_mapping WHERE path = ?", arguments: [path]) else { return nil }
    return try? JSONDecoder().decode(TrackerMapping.self, from: Data(text.utf8))
  }

  func setMapping(_ mapping: TrackerMapping?, path: String) throws {
    guard let mapping, !mapping.isEmpty else {
      try db.execute(sql: "DELETE FROM sync_mapping WHERE path = ?", arguments: [path])
      return
    }
    let encoder = JSONEncoder()
    encoder.outputFormatting = .sortedKeys
    let text = String(decoding: try encoder.encode(mapping), as: UTF8.self)
    try db.execute(sql: "INSERT OR REPLACE INTO sync_mapping (path, mapping) VALUES (?, ?)", arguments: [path, text])
  }
}
