import Foundation
import Ledger
import OOXML

/// What `suivi map` shows of a tracker: the sheet and header row Suivi reads, each header
/// cell and the column it is (or `nil`, left to the humans), and the mapping a person gave.
public struct TrackerMap: Sendable {
  public struct HeaderCell: Sendable, Equatable {
    /// `C3`.
    public var cell: String
    public var text: String
    public var column: SyncColumn?
  }

  public var file: String
  public var sheet: String?
  public var headerRow: Int
  public var cells: [HeaderCell]
  /// Header cells naming a known column twice (both ignored).
  public var ambiguous: [String]
  /// How many rows below the header have an invoice number.
  public var rowsWithNumber: Int
  public var mapping: TrackerMapping
  /// Whether this run changed the mapping kept in the ledger.
  public var saved = false
}

extension SyncEngine {
  /// Shows how the tracker at `path` is read and, with `change` (or `reset`), records a
  /// person's mapping for it: the sheet, the header row, columns by their header. The new
  /// mapping is checked by reading the tracker with it first; nothing is kept when it
  /// does not give an invoice-number column, or names a header the row does not have.
  ///
  /// - Throws: ``TrackerError`` (no table, a bad mapping), ``OOXMLError``.
  public func map(_ path: String, change: TrackerMapping? = nil, reset: Bool = false) throws -> TrackerMap {
    let file = Self.canonicalPath(path)
    guard !path.lowercased().hasSuffix(".csv") else {
      throw TrackerError.badMapping("\(path): a CSV export is read by its first row; map the workbook it comes from")
    }
    let workbook = try Workbook(path: path)
    let (stored, bound) = try ledger.write(command: "map") { session -> (TrackerMapping?, String?) in
      let store = SyncStore(db: session.database)
      return (try store.mapping(path: file), try store.binding(path: file)?.sheet)
    }
    var mapping = reset ? TrackerMapping() : stored ?? TrackerMapping()
    if let change { mapping = mapping.merging(change) }
    let table: TrackerTable
    do {
      table = try TrackerTable.read(workbook, sheet: mapping.sheet ?? bound, mapping: mapping)
    } catch let error as TrackerError {
      if mapping.isEmpty, stored != nil {
        // Forgotten as asked, though the tracker cannot be read without it.
        try ledger.write(command: "map") { try SyncStore(db: $0.database).setMapping(nil, path: file) }
        throw TrackerError.badMapping("\(path): the mapping is forgotten; without it, \(error)")
      }
      guard let row = mapping.headerRow, let texts = try? TrackerTable.headerTexts(workbook, sheet: mapping.sheet ?? bound, row: row) else {
        throw error
      }
      let unmatched = mapping.unmatched(in: texts)
      let headers = texts.sorted { $0.key < $1.key }.map(\.value).joined(separator: ", ")
      if !unmatched.isEmpty {
        throw TrackerError.badMapping("\(path): row \(row) has no header \(unmatched.map { "'\($0)'" }.joined(separator: ", ")) (headers: \(headers))")
      }
      throw TrackerError.badMapping("\(path): row \(row) names no invoice-number column (headers: \(headers)); say which with --column HEADER=number")
    }
    let unmatched = mapping.unmatched(in: table.headerTexts)
    if !unmatched.isEmpty {
      throw TrackerError.badMapping(
        "\(path): sheet '\(table.sheet ?? "?")', row \(table.headerRow): no header \(unmatched.map { "'\($0)'" }.joined(separator: ", ")) (headers: \(table.headerTexts.sorted { $0.key < $1.key }.map(\.value).joined(separator: ", ")))")
    }
    return try ledger.write(command: "map") { session in
      let store = SyncStore(db: session.database)
      var result = TrackerMap(
        file: path, sheet: table.isPeriodic ? table.periodSheets.joined(separator: ", ") : table.sheet, headerRow: table.headerRow,
        cells: [], ambiguous: table.ambiguous,
        rowsWithNumber: table.rows.filter { $0.number != nil }.count, mapping: mapping)
      let byIndex = Dictionary(table.columns.map { ($0.value, $0.key) }, uniquingKeysWith: { first, _ in first })
      for (index, text) in table.headerTexts.sorted(by: { $0.key < $1.key }) {
        result.cells.append(.init(cell: CellReference(column: index, row: table.headerRow)?.description ?? "?", text: text, column: byIndex[index]))
      }
      if mapping != (stored ?? TrackerMapping()) {
        try store.setMapping(mapping, path: file)
        result.saved = true
      }
      return result
    }
  }
}
