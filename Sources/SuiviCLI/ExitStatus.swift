import ArgumentParser
import Ledger
import OOXML

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The exit statuses of `suivi`, documented in the README. Scripts rely on them: never
/// renumber one.
public enum ExitStatus: Int32, CaseIterable, Sendable {
  case success = 0
  /// A sync finished, but conflicts remain open (as `git merge`).
  case conflictsRemain = 1
  case notAWorkbook = 10
  case encrypted = 11
  case corruptArchive = 12
  case unsafeArchive = 13
  case invalidPackage = 14
  case hostileXML = 15
  case malformedXML = 16
  case invalidCell = 17
  case sheetNotFound = 18
  case cannotOpen = 19
  case editRefused = 20
  case ledgerNotFound = 21
  case notALedger = 22
  case unknownClient = 23
  case unknownInvoice = 24
  case duplicateClient = 25
  case invalidAmount = 26
  case nonPositiveAmount = 27
  case invalidDate = 28
  case invalidInvoiceNumber = 29
  case duplicateInvoiceNumber = 30
  case overpayment = 31
  case duplicatePayment = 32
  case invalidValue = 33
  case invalidState = 34
  case reminderRefused = 35
  /// `suivi template`: the output exists and `--force` was not given.
  case outputExists = 40
  /// No sheet of the file holds an invoice table (a header row with an invoice number).
  case noTracker = 50
  /// A sync refused: a CSV to push to, an unknown conflict id, a push before any pull.
  case syncRefused = 51
  /// A first pull that adopted no invoice from a sheet that has rows (nothing kept).
  case nothingAdopted = 52
  /// `suivi map`: a mapping that cannot be used (a header the row does not have, a column
  /// Suivi does not know, no invoice-number column).
  case badMapping = 53
  /// A file never synced with this ledger, not a copy of its tracker, under the numbers of
  /// the tracker the ledger is bound to (another business's tracker): nothing written.
  case otherTracker = 54
  case cannotWrite = 73
  /// The workbook was written, the ledger could not record it, and the previous workbook
  /// could not be put back (the message says where it is kept).
  case workbookAheadOfLedger = 74
  case busy = 75
  case usage = 64
  /// The ledger file is damaged (SQLite finds it malformed): nothing was changed.
  case damagedLedger = 65
  case internalError = 70

  /// The status for a reading failure.
  public init(_ category: OOXMLError.Category) {
    switch category {
    case .cannotOpen: self = .cannotOpen
    case .notAWorkbook: self = .notAWorkbook
    case .encrypted: self = .encrypted
    case .corruptArchive: self = .corruptArchive
    case .unsafeArchive: self = .unsafeArchive
    case .invalidPackage: self = .invalidPackage
    case .hostileXML: self = .hostileXML
    case .malformedXML: self = .malformedXML
    case .invalidCell: self = .invalidCell
    case .sheetNotFound: self = .sheetNotFound
    case .editRefused: self = .editRefused
    case .busy: self = .busy
    case .cannotWrite: self = .cannotWrite
    }
  }
}

extension ExitStatus {
  /// The status for a ledger failure.
  public init(_ category: LedgerError.Category) {
    switch category {
    case .ledgerNotFound: self = .ledgerNotFound
    case .notALedger: self = .notALedger
    case .damaged: self = .damagedLedger
    case .unknownClient: self = .unknownClient
    case .unknownInvoice: self = .unknownInvoice
    case .duplicateClient: self = .duplicateClient
    case .invalidAmount: self = .invalidAmount
    case .nonPositiveAmount: self = .nonPositiveAmount
    case .invalidDate: self = .invalidDate
    case .invalidInvoiceNumber: self = .invalidInvoiceNumber
    case .duplicateInvoiceNumber: self = .duplicateInvoiceNumber
    case .overpayment: self = .overpayment
    case .duplicatePayment: self = .duplicatePayment
    case .invalidValue: self = .invalidValue
    case .invalidState: self = .invalidState
    case .reminderRefused: self = .reminderRefused
    case .busy: self = .busy
    case .cannotWrite: self = .cannotWrite
    case .storageFailure: self = .internalError
    }
  }
}

/// Runs `body`, turning library errors into one line on standard error and the
/// documented exit status.
func reportingErrors(_ body: () throws -> Void) throws {
  do {
    try body()
  } catch let error as OOXMLError {
    StandardError.write("suivi: error: \(error)\n")
    throw ExitCode(ExitStatus(error.category).rawValue)
  } catch let error as LedgerError {
    StandardError.write("suivi: error: \(error)\n")
    throw ExitCode(ExitStatus(error.category).rawValue)
  } catch let error as OutputError {
    StandardError.write("suivi: error: \(error)\n")
    throw ExitCode(ExitStatus.cannotOpen.rawValue)
  }
}

enum StandardError {
  static func write(_ text: String) {
    var text = text
    text.withUTF8 { try? OutputWriter.writeAll(UnsafeRawBufferPointer($0), to: STDERR_FILENO) }
  }
}
