/// Edits a workbook in place: open, change cells, save.
///
/// The editor changes only what it is asked to. Saving rewrites just the parts that
/// change (the edited sheets, and `workbook.xml`, `styles.xml`, tables, relationships and
/// content types when they must follow); every other zip entry is copied as its
/// compressed bytes. See ``save(to:options:)`` for how the file is replaced safely.
///
/// ```swift
/// let editor = try WorkbookEditor(path: "suivi.xlsx")
/// try editor.set(.date(day), at: CellReference("J12")!, sheet: "Suivi")
/// try editor.appendRow([.string("FA-240013"), .date(day), .string("Dumont")], sheet: "Suivi")
/// let report = try editor.save()
/// ```
public final class WorkbookEditor {
  /// The workbook as it was when opened.
  public let workbook: Workbook
  let identity: FileIdentity?
  var edits: [String: WorksheetEdit] = [:]
  /// Sheets written whole, in the order they were put.
  var puts: [(name: String, content: SheetContent)] = []
  /// Sheets read and indexed ahead of the save (``prepare(sheet:isCancelled:)``).
  var prepared: [String: (index: WorksheetIndex, bytes: [UInt8])] = [:]

  /// Opens the workbook at `path` for editing.
  /// - Throws: ``OOXMLError`` when it cannot be read.
  public init(path: String) throws {
    workbook = try Workbook(path: path)
    identity = workbook.openedIdentity
  }

  /// Edits `workbook`, already open (its shared strings and styles are not read again).
  /// Saving is refused if the file changed on disk since `workbook` was opened.
  public init(workbook: Workbook) {
    self.workbook = workbook
    identity = workbook.openedIdentity
  }

  /// The path the workbook was opened from.
  public var path: String { workbook.path }

  /// Whether anything is waiting to be saved.
  public var hasChanges: Bool { edits.values.contains { !$0.isEmpty } || !puts.isEmpty }

  /// Reads and indexes sheet `name` now, before its edits are known, so that the save
  /// does not: a long sync does this on another core while it merges. The formulas whose
  /// cached values the edits make stale are found at the save, as without this.
  ///
  /// Nothing else may use the editor or its workbook until this returns.
  /// - Throws: ``OOXMLError`` as ``save(to:options:)`` would; `CancellationError` when
  ///   `isCancelled` (asked between slices of the sheet) says so.
  public func prepare(sheet name: String, isCancelled: () -> Bool = { false }) throws {
    let sheet = try worksheet(name)
    prepared[sheet.name] = try SavePlan.index(sheet, in: workbook, changes: nil, isCancelled: isCancelled)
  }

  /// Takes a sheet already read and indexed by a ``CellReader`` of this editor's workbook
  /// (``CellReader/preparedForEditing()``), as ``prepare(sheet:isCancelled:)`` would have.
  public func use(_ sheet: PreparedSheet) {
    precondition(sheet.workbook == ObjectIdentifier(workbook), "a sheet prepared from another workbook")
    prepared[sheet.sheetName] = (sheet.index, sheet.bytes)
  }

  /// Sets a cell's value, keeping its style (a date into a cell formatted otherwise gets
  /// a date format). Text is always written as text, never as a formula.
  public func set(_ value: CellInput, at reference: CellReference, sheet: String) throws {
    let name = try worksheet(sheet).name
    try Self.refuseIfTooLong(value, at: reference.description, sheet: name, file: path)
    edits[name, default: WorksheetEdit()].values[reference] = value
  }

  /// Adds a row after the last row that holds data, with `values` in columns A, B, C…;
  /// it copies the styles of the row above and its formulas, moved down.
  public func appendRow(_ values: [CellInput], sheet: String) throws {
    let name = try worksheet(sheet).name
    for (index, value) in values.enumerated() {
      try Self.refuseIfTooLong(value, at: "the new row's column \(index + 1)", sheet: name, file: path)
    }
    edits[name, default: WorksheetEdit()].appendedRows.append(values)
  }

  /// Excel's limit on a cell's text: a longer one is truncated or "repaired" when Excel
  /// opens the workbook.
  public static let maximumTextLength = 32_767

  static func refuseIfTooLong(_ value: CellInput, at cell: String, sheet: String, file: String) throws {
    guard case let .string(text) = value, text.count > maximumTextLength else { return }
    throw OOXMLError.editRefused(
      file: file, sheet: sheet, cell: cell, reason: "\(text.count) characters, more than the \(maximumTextLength) a cell holds in Excel")
  }

  /// Gives a cell a solid fill (a new format cloned from its own), to draw the eye.
  public func highlight(_ reference: CellReference, sheet: String, argb: String = "FFFFC7CE") throws {
    let name = try worksheet(sheet).name
    edits[name, default: WorksheetEdit()].highlights[reference] = argb
  }

  /// Removes a highlight given by ``highlight(_:sheet:argb:)``, in this or an earlier save:
  /// the cell gets back the format the highlight was cloned from. A cell without one is
  /// left as it is.
  public func removeHighlight(_ reference: CellReference, sheet: String) throws {
    let name = try worksheet(sheet).name
    edits[name, default: WorksheetEdit()].highlights[reference] = nil
    edits[name, default: WorksheetEdit()].unhighlights.insert(reference)
  }

  /// Sets a cell's format index directly (to restore the format a highlight replaced).
  public func setStyle(_ style: Int, at reference: CellReference, sheet: String) throws {
    let name = try worksheet(sheet).name
    edits[name, default: WorksheetEdit()].styles[reference] = style
  }

  func worksheet(_ name: String) throws -> Sheet {
    let sheet = try workbook.requireSheet(named: name)
    guard sheet.kind == .worksheet else {
      throw OOXMLError.editRefused(file: path, sheet: sheet.name, cell: nil, reason: "it is a \(sheet.kind.rawValue), not a worksheet")
    }
    return sheet
  }
}

/// A sheet read and indexed ahead of its save (see ``CellReader/preparedForEditing()``):
/// its bytes as read, and where its rows, formulas and ranges are in them.
public struct PreparedSheet: @unchecked Sendable {
  let workbook: ObjectIdentifier
  /// The sheet's name.
  public let sheetName: String
  let index: WorksheetIndex
  let bytes: [UInt8]
}

/// What a save did.
public struct SaveReport: Sendable {
  /// Where the workbook was written.
  public var path: String
  /// The backup of the previous version, when one was kept.
  public var backup: String?
  /// The previous version kept beside the workbook (``SaveOptions/keepsPrevious``), to
  /// remove or put back.
  public var previous: String?
  /// The zip entries rewritten, added and removed; every other entry was copied as is.
  public var rewrittenParts: [String] = []
  public var addedParts: [String] = []
  public var removedParts: [String] = []
  /// What happened on each edited sheet.
  public var sheets: [WorksheetEditReport] = []
}
