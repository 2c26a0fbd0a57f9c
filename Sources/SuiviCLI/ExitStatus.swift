import Wording
import ArgumentParser
import Foundation
import Bank
import Documents
import Ledger
import OOXML
import SheetSync
import Template

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
  /// A tracker another business of the workspace has bound (`--business`): nothing written.
  case trackerOfAnotherBusiness = 55
  /// `--business` names no business of the workspace.
  case unknownBusiness = 56
  /// `business add`: the business exists already (or its name has no letter or digit).
  case businessRefused = 57
  /// A document of that name exists: documents are never overwritten.
  case documentExists = 58
  /// Nothing to put in the document (no overdue invoice, an invoice not issued…).
  case nothingToDocument = 59
  /// A template cannot be read or rendered (the assistant's own, from `documents.templates`).
  case badTemplate = 60
  /// The business's logo (`business.logo`) cannot be used.
  case badLogo = 61
  /// The mail server refused the message or could not be reached (the `.eml` is kept).
  case sendFailed = 62
  /// A bank statement refused: not a format Suivi reads, a record it cannot read (the line
  /// said), or balances that do not add up (the difference said); nothing imported.
  case bankFileRefused = 63
  case cannotWrite = 73
  /// The workbook was written, the ledger could not record it, and the previous workbook
  /// could not be put back (the message says where it is kept).
  case workbookAheadOfLedger = 74
  case busy = 75
  case usage = 64
  /// The ledger file is damaged (SQLite finds it malformed): nothing was changed.
  case damagedLedger = 65
  /// A letter, statement or receipt for a business whose settings lack its name or address
  /// (`business.name`, `business.address`): nothing written, nothing recorded.
  case letterheadIncomplete = 66
  /// A letter claiming penalties over a half-year whose rate is not in the table
  /// (`rate.ecb.YYYY-HN`, `rate.legal.YYYY-HN`): nothing written, nothing recorded.
  case rateMissing = 67
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

extension ExitStatus {
  /// The one mapping from an error to its documented status: every error of Suivi's
  /// libraries has its own; an error Suivi did not expect is ``internalError`` (70), never
  /// argument-parser's 1, which means "conflicts remain". `nil` for argument-parser's own
  /// (a usage error, a request for help) and for an exit status already decided.
  public static func of(_ error: any Error) -> ExitStatus? {
    switch error {
    case is ExitCode, is CleanExit: nil
    case let error as OOXMLError: ExitStatus(error.category)
    case let error as LedgerError: ExitStatus(error.category)
    case is OutputError: .cannotOpen
    case let error as TrackerError:
      if case .badMapping = error { .badMapping } else { .noTracker }
    case let error as SyncError:
      switch error {
      case .nothingAdopted: .nothingAdopted
      case .otherTracker: .otherTracker
      case .workbookAheadOfLedger: .workbookAheadOfLedger
      default: .syncRefused
      }
    case let error as TemplateError: ExitStatus(error)
    case let error as DocumentError:
      switch error {
      case .exists, .recordedBefore: .documentExists
      case .nothingToSay: .nothingToDocument
      case .template: .badTemplate
      case .logo: .badLogo
      case .cannotWrite: .cannotWrite
      case .cannotRead: .cannotOpen
      case .pdf: .internalError
      case .sendFailed: .sendFailed
      case .letterheadIncomplete: .letterheadIncomplete
      case .rateMissing: .rateMissing
      }
    case is BankFileError: .bankFileRefused
    case is DashboardError: .cannotWrite
    case is TextFileError: .cannotOpen
    case let error as WorkspaceError:
      switch error {
      case .trackerOfAnotherBusiness: .trackerOfAnotherBusiness
      case .unknownBusiness: .unknownBusiness
      case .businessExists, .invalidName: .businessRefused
      case .noBusinessChosen: .ledgerNotFound
      }
    default:
      // Argument-parser's errors (a usage error: 64; help: 0) are its own to report.
      SuiviCommand.exitCode(for: error) == .failure ? .internalError : nil
    }
  }
}

/// Runs `body`, turning every error (``ExitStatus/of(_:)``) into one line on standard error
/// and its documented exit status.
func reportingErrors(_ body: () throws -> Void) throws {
  do {
    try body()
  } catch {
    guard let status = ExitStatus.of(error) else { throw error }
    let line: Phrase = status == .internalError ? "suivi: internal error: \(oneLine(error))" : "suivi: error: \(oneLine(error))"
    StandardError.write(line.told + "\n")
    throw ExitCode(status.rawValue)
  }
}

/// An error's message on one line, in this run's language.
func oneLine(_ error: any Error) -> String {
  let text = (error as? any Phrased)?.phrase.told ?? String(describing: error)
  return text.split(whereSeparator: \.isNewline).joined(separator: " ")
}

extension SuiviCommand {
  /// Runs the command line: argument-parser's parsing and help, then the command, every
  /// error reported by ``reportingErrors(_:)`` (an unexpected one as 70).
  public static func mainReportingErrors() -> Never {
    do {
      var arguments = Array(CommandLine.arguments.dropFirst())
      let environment = ProcessInfo.processInfo.environment
      Language.current = try Language.chosen(taking: &arguments, environment: environment)
      Language.reportsMissing = environment["SUIVI_CHECK_TRANSLATIONS"] == "1"
      var command = try parseAsRoot(arguments)
      try reportingErrors { try command.run() }
      exit()
    } catch {
      // Argument-parser's own messages (help, usage errors), in the run's language, with the
      // nearest subcommand for one mistyped.
      let code = exitCode(for: error)
      var message = fullMessage(for: error)
      if code != .success, let hint = UsageWording.suggestion(for: message, arguments: CommandLine.arguments.dropFirst()) {
        message += "\n" + hint
      }
      if Language.current == .french { message = UsageWording.french(message) }
      if code == .success {
        try? emit(message.isEmpty ? "" : message + "\n")
      } else if !message.isEmpty {
        StandardError.write(message + "\n")
      }
      Foundation.exit(code.rawValue)
    }
  }
}

enum StandardError {
  static func write(_ text: String) {
    var text = text
    text.withUTF8 { try? OutputWriter.writeAll(UnsafeRawBufferPointer($0), to: STDERR_FILENO) }
  }
}
