import Wording
#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A new workbook written from scratch: sheets, styles, defined names, document
/// properties.
///
/// The output is deterministic: the same calls give the same bytes (parts in a fixed
/// order, every zip entry dated 1980-01-01 00:00, no time stamps in the document
/// properties), so a generated workbook can be checked by its hash.
///
/// ```swift
/// let workbook = WorkbookWriter()
/// let sheet = workbook.addSheet(named: "Suivi")
/// sheet.addRow(1, [NewCell(column: 1, .text("N° de facture"))])
/// try workbook.write(to: "model.xlsx")
/// ```
public final class WorkbookWriter {
  /// The cell formats the sheets' cells refer to.
  public var styles: StyleSheet
  public var properties = DocumentProperties()
  /// Names of ranges and formulas (`_xlnm.Print_Titles`, a list's range).
  public var definedNames: [DefinedName] = []
  /// The sheet shown when the workbook opens (0-based).
  public var activeSheet = 0
  public private(set) var sheets: [WorksheetWriter] = []
  private let strings = SharedStringTable()

  public init(styles: StyleSheet = StyleSheet()) {
    self.styles = styles
  }

  /// Adds a sheet after the others.
  public func addSheet(named name: String) -> WorksheetWriter {
    let sheet = WorksheetWriter(name: name, strings: strings)
    sheets.append(sheet)
    return sheet
  }

  /// The package's parts, by name, in the order they are zipped.
  public func parts() -> [(name: String, text: String)] {
    for (position, sheet) in sheets.enumerated() { sheet.isSelected = position == activeSheet }
    var parts = PackageParts(sheetNames: sheets.map(\.name), hasSharedStrings: !strings.isEmpty, properties: properties)
    parts.definedNames = definedNames
    parts.activeSheet = activeSheet
    var result: [(String, String)] = [
      ("[Content_Types].xml", parts.contentTypes), ("_rels/.rels", parts.rootRelationships),
      ("docProps/app.xml", parts.app), ("docProps/core.xml", parts.core),
      ("xl/workbook.xml", parts.workbook), ("xl/_rels/workbook.xml.rels", parts.workbookRelationships),
      ("xl/styles.xml", styles.xml),
    ]
    for (offset, sheet) in sheets.enumerated() { result.append(("xl/worksheets/sheet\(offset + 1).xml", sheet.xml)) }
    if !strings.isEmpty { result.append(("xl/sharedStrings.xml", strings.xml)) }
    return result
  }

  /// Writes the workbook at `path`, atomically: to a temporary file beside it, flushed,
  /// then renamed. An existing file is replaced only when `replacing` is set; otherwise
  /// it is left as it was and the write refused.
  ///
  /// - Throws: ``OOXMLError/cannotWrite(file:reason:)`` (nothing is left behind), or
  ///   ``OOXMLError/busy(file:reason:)`` when the file is open in Excel or LibreOffice.
  public func write(to named: String, replacing: Bool = false) throws {
    // A symbolic link is written through, to its target; a file replaced keeps its mode.
    let path = replacing ? SafeReplace.resolvingLinks(named) : named
    if replacing {
      try SafeReplace.refuseIfLocked(named)
      try SafeReplace.refuseIfReadOnly(path)
    }
    let temporary = SafeReplace.temporaryPath(beside: path)
    do {
      try writeArchive(at: temporary)
      if replacing { SafeReplace.keepAttributes(of: path, on: temporary) }
      try SafeReplace.flush(temporary)
    } catch {
      unlink(temporary)
      throw OOXMLError.cannotWrite(file: path, reason: Self.reason(error, temporary: temporary))
    }
    if replacing {
      try SafeReplace.replace(path, with: temporary)
      return
    }
    // link(2) refuses to replace an existing name: no window where another file is clobbered.
    guard link(temporary, path) == 0 else {
      let code = errno
      unlink(temporary)
      throw OOXMLError.cannotWrite(file: path, reason: code == EEXIST ? "it already exists" : .verbatim(String(cString: strerror(code))))
    }
    unlink(temporary)
    SafeReplace.flushFolder(of: path)
  }

  private func writeArchive(at path: String) throws {
    let archive = try ZipWriter(path: path)
    let mtime = ZipWriter.dosEpoch
    for part in parts() {
      var text = part.text
      try text.withUTF8 { bytes in
        try archive.add(name: part.name, bytes: UnsafeRawBufferPointer(bytes), mtime: mtime, level: 6)
      }
    }
    try archive.close()
  }

  private static func reason(_ error: any Error, temporary: String) -> Phrase {
    guard case let OOXMLError.cannotWrite(_, reason) = error else { return .verbatim("\(error)") }
    return reason
  }
}

/// A defined name: a named range or formula, for the whole workbook or one sheet.
public struct DefinedName: Sendable {
  public var name: String
  /// What it refers to (`Suivi!$1:$1`), without `=`.
  public var formula: String
  /// The 0-based sheet it belongs to, `nil` for the whole workbook.
  public var sheet: Int?
  public var isHidden: Bool

  public init(name: String, formula: String, sheet: Int? = nil, isHidden: Bool = false) {
    self.name = name
    self.formula = formula
    self.sheet = sheet
    self.isHidden = isHidden
  }

  /// The rows repeated at the top of each printed page of `sheet` (`$1:$1`).
  public static func printTitles(sheet: Int, sheetName: String, rows: ClosedRange<Int>) -> DefinedName {
    DefinedName(name: "_xlnm.Print_Titles", formula: "\(quoted(sheetName))!$\(rows.lowerBound):$\(rows.upperBound)", sheet: sheet)
  }

  /// The range an autofilter covers, as Excel records it.
  public static func filterDatabase(sheet: Int, sheetName: String, range: CellRange) -> DefinedName {
    DefinedName(name: "_xlnm._FilterDatabase", formula: "\(quoted(sheetName))!\(absolute(range))", sheet: sheet, isHidden: true)
  }

  /// A sheet name as a formula writes it: quoted when it holds anything but letters,
  /// digits and underscores.
  public static func quoted(_ sheetName: String) -> String {
    let plain = sheetName.unicodeScalars.allSatisfy { $0 == "_" || ($0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0))) }
    return plain ? sheetName : "'" + sheetName.split(separator: "'", omittingEmptySubsequences: false).joined(separator: "''") + "'"
  }

  /// `$A$1:$Q$501`.
  public static func absolute(_ range: CellRange) -> String {
    "$\(range.first.columnName)$\(range.first.row):$\(range.last.columnName)$\(range.last.row)"
  }
}

/// A new workbook's document properties (`docProps/core.xml`, `docProps/app.xml`).
public struct DocumentProperties: Sendable {
  public var title: String?
  public var subject: String?
  public var creator: String?
  public var company: String?
  public var keywords: String?
  public var language: String?
  /// The creation time (`2024-11-02T09:00:00Z`), left out unless given.
  public var created: String?

  public init() {}
}
