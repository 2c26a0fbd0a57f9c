import Wording

/// Everything that can go wrong while opening and reading a workbook.
///
/// Each case says where: the file, and the part, line or cell when it applies. The
/// ``description`` is one line a person can act on; ``category`` groups the cases so that
/// the command-line tool can map them to documented exit statuses.
public enum OOXMLError: Error, Equatable, Sendable, Phrased {
  /// The file does not exist or cannot be opened for reading.
  case cannotOpen(file: String, reason: Phrase)
  /// The file is not a zip archive at all (and not a format we recognise either).
  case notAZip(file: String)
  /// The file is a legacy binary Excel workbook (`.xls`, BIFF in an OLE container).
  case legacyExcel(file: String)
  /// The file is an OLE/CFB container holding an encrypted OOXML package.
  case encrypted(file: String)
  /// The file is a zip archive of another kind (OpenDocument, `.xlsb`, …).
  case unsupportedFormat(file: String, format: Phrase)
  /// The zip archive is damaged: truncated, a bad central directory, a CRC mismatch.
  case corruptArchive(file: String, entry: String?, reason: Phrase)
  /// The archive is well-formed but dangerous or ambiguous: a zip bomb, duplicate names,
  /// absolute or `..` entry names, encrypted entries.
  case unsafeArchive(file: String, entry: String?, reason: Phrase)
  /// A part the workbook needs is missing or does not say what it should.
  case invalidPackage(file: String, part: String, reason: Phrase)
  /// A part declares a DOCTYPE (forbidden in OOXML; the vector of entity attacks).
  case forbiddenDoctype(file: String, part: String, line: Int)
  /// A part is not well-formed XML.
  case malformedXML(file: String, part: String, line: Int, message: String)
  /// A cell cannot be read: a reference outside Excel's grid, a value that does not
  /// match its type, a shared-string index out of range.
  case invalidCell(file: String, sheet: String, cell: String, reason: Phrase)
  /// No sheet has the requested name.
  case sheetNotFound(file: String, sheet: String, available: [String])
  /// An edit that would damage the workbook: a cell inside an array formula, a table's
  /// header, a sheet Suivi cannot splice safely.
  case editRefused(file: String, sheet: String, cell: String?, reason: Phrase)
  /// The workbook is open in Excel or LibreOffice (their lock file is beside it), or it
  /// changed on disk since it was opened: try again later.
  case busy(file: String, reason: Phrase)
  /// The new workbook could not be written (disk full, no permission); nothing changed.
  case cannotWrite(file: String, reason: Phrase)

  /// The broad kind of failure, which the command-line tool maps to an exit status.
  public enum Category: Sendable, CaseIterable {
    case cannotOpen, notAWorkbook, encrypted, corruptArchive, unsafeArchive
    case invalidPackage, hostileXML, malformedXML, invalidCell, sheetNotFound
    case editRefused, busy, cannotWrite
  }

  /// The broad kind of this failure.
  public var category: Category {
    switch self {
    case .cannotOpen: .cannotOpen
    case .notAZip, .legacyExcel, .unsupportedFormat: .notAWorkbook
    case .encrypted: .encrypted
    case .corruptArchive: .corruptArchive
    case .unsafeArchive: .unsafeArchive
    case .invalidPackage: .invalidPackage
    case .forbiddenDoctype: .hostileXML
    case .malformedXML: .malformedXML
    case .invalidCell: .invalidCell
    case .sheetNotFound: .sheetNotFound
    case .editRefused: .editRefused
    case .busy: .busy
    case .cannotWrite: .cannotWrite
    }
  }

  public var phrase: Phrase {
    switch self {
    case let .cannotOpen(file, reason):
      "\(file): cannot open: \(reason)"
    case let .notAZip(file):
      "\(file): not an Excel workbook (.xlsx): the file is not a zip archive"
    case let .legacyExcel(file):
      "\(file): this is a legacy Excel 97-2003 workbook (.xls); open it in Excel or LibreOffice and save it as .xlsx"
    case let .encrypted(file):
      "\(file): the workbook is encrypted (password-protected); remove the password in Excel and save it again"
    case let .unsupportedFormat(file, format):
      "\(file): not an Excel workbook (.xlsx): it is \(format)"
    case let .corruptArchive(file, entry, reason):
      entry.map { "\(file): \($0): damaged zip archive: \(reason)" } ?? "\(file): damaged zip archive: \(reason)"
    case let .unsafeArchive(file, entry, reason):
      entry.map { "\(file): \($0): refused: \(reason)" } ?? "\(file): refused: \(reason)"
    case let .invalidPackage(file, part, reason):
      "\(file): \(part): \(reason)"
    case let .forbiddenDoctype(file, part, line):
      "\(file): \(part): line \(line): refused: the XML declares a DOCTYPE (entities are not allowed in a workbook)"
    case let .malformedXML(file, part, line, message):
      "\(file): \(part): line \(line): malformed XML: \(message)"
    case let .invalidCell(file, sheet, cell, reason):
      cell.hasPrefix("row ") ? "\(file): sheet '\(sheet)': row \(String(cell.dropFirst(4))): \(reason)" : "\(file): sheet '\(sheet)': cell \(cell): \(reason)"
    case let .sheetNotFound(file, sheet, available):
      "\(file): no sheet named '\(sheet)' (sheets: \(available.map { "'\($0)'" }.joined(separator: ", ")))"
    case let .editRefused(file, sheet, cell, reason):
      cell.map { "\(file): sheet '\(sheet)': cell \($0): refused: \(reason)" } ?? "\(file): sheet '\(sheet)': refused: \(reason)"
    case let .busy(file, reason):
      "\(file): try again later: \(reason)"
    case let .cannotWrite(file, reason):
      "\(file): cannot write the workbook (nothing was changed): \(reason)"
    }
  }
}
