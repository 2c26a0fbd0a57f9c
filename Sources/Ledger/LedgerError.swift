import Wording

/// Everything the ledger refuses, with what was wrong and where.
///
/// Each case belongs to one ``Category``; the command line maps categories to its
/// documented exit statuses, so a script can tell an unknown client from an overpayment.
public enum LedgerError: Error, Equatable, Sendable, Phrased {
  /// No ledger at this path (run `suivi init` first).
  case ledgerNotFound(path: String)
  /// The file exists but is not a Suivi ledger (not SQLite, or another database).
  case notALedger(path: String, reason: Phrase)
  /// A Suivi ledger whose file is damaged (SQLite finds it malformed).
  case damaged(path: String, reason: Phrase)
  /// No client has this name.
  case unknownClient(name: String, suggestions: [String] = [])
  /// No invoice has this number.
  case unknownInvoice(number: String, suggestions: [String] = [])
  /// No payment has this id.
  case unknownPayment(id: Int64)
  /// A client with this name already exists.
  case duplicateClient(name: String)
  /// An amount that cannot be read, or has more than two decimals.
  case invalidAmount(field: Phrase, text: String, reason: Phrase)
  /// An amount that must be positive is zero or negative.
  case nonPositiveAmount(field: Phrase, text: String)
  /// A date that does not exist or is not `YYYY-MM-DD`.
  case invalidDate(field: Phrase, text: String)
  /// A day given, or derived from one (a due date), outside 1900-01-01 … 9999-12-31: the
  /// days a ledger, a workbook and the law deal in.
  case dateOutOfRange(field: Phrase, day: Phrase)
  /// An invoice number that is not `PREFIX-YYNNNN`, or whose year is not its date's.
  case invalidInvoiceNumber(text: String, reason: Phrase)
  /// An invoice number already used (numbers are never reused, even voided ones).
  case duplicateInvoiceNumber(number: String)
  /// A payment larger than what is due, without `--credit`.
  case overpayment(amount: Cents, due: Cents, detail: String)
  /// A payment with the same payer, amount, date and reference already exists.
  case duplicatePayment(existing: Int64, payer: String, amount: Cents, date: String)
  /// An option value outside what the ledger accepts (VAT rate, method, level, setting…).
  case invalidValue(field: Phrase, text: String, reason: Phrase)
  /// An operation that the invoice's state forbids (voiding a paid invoice, sending an
  /// unapproved draft, a credit note larger than the balance…).
  case invalidState(number: String, reason: Phrase)
  /// A reminder the dunning rules forbid (within terms, paid, litige, voided, twice…).
  case reminderRefused(number: String, level: Int, reason: Phrase)
  /// Another process holds the ledger's write lock past the timeout.
  case busy(path: String)
  /// The ledger cannot be written: read-only, disk full, no permission.
  case cannotWrite(path: String, reason: Phrase)
  /// SQLite failed in a way the ledger does not expect (a bug, or a damaged file).
  case storageFailure(path: String, reason: Phrase)

  /// Families of errors, one exit status each.
  public enum Category: Sendable, CaseIterable {
    case ledgerNotFound, notALedger, damaged, unknownClient, unknownInvoice, duplicateClient
    case invalidAmount, nonPositiveAmount, invalidDate, invalidInvoiceNumber, duplicateInvoiceNumber
    case overpayment, duplicatePayment, invalidValue, invalidState, reminderRefused
    case busy, cannotWrite, storageFailure
  }

  /// The family this error belongs to.
  public var category: Category {
    switch self {
    case .ledgerNotFound: .ledgerNotFound
    case .notALedger: .notALedger
    case .damaged: .damaged
    case .unknownClient: .unknownClient
    case .unknownInvoice, .unknownPayment: .unknownInvoice
    case .duplicateClient: .duplicateClient
    case .invalidAmount: .invalidAmount
    case .nonPositiveAmount: .nonPositiveAmount
    case .invalidDate, .dateOutOfRange: .invalidDate
    case .invalidInvoiceNumber: .invalidInvoiceNumber
    case .duplicateInvoiceNumber: .duplicateInvoiceNumber
    case .overpayment: .overpayment
    case .duplicatePayment: .duplicatePayment
    case .invalidValue: .invalidValue
    case .invalidState: .invalidState
    case .reminderRefused: .reminderRefused
    case .busy: .busy
    case .cannotWrite: .cannotWrite
    case .storageFailure: .storageFailure
    }
  }

  public var phrase: Phrase {
    switch self {
    case .ledgerNotFound(let path): "\(path): no ledger here (run `suivi init` to create one)"
    case .notALedger(let path, let reason): "\(path): not a Suivi ledger (\(reason))"
    case .damaged(let path, let reason):
      "\(path): the ledger is damaged (\(reason)); nothing was changed: restore it from a backup (a copy of the file made before)"
    case .unknownClient(let name, let suggestions):
      suggestions.isEmpty
        ? "unknown client \"\(name)\" (see `suivi client list`)"
        : "unknown client \"\(name)\" (did you mean \(suggestions.map { "\"\($0)\"" as Phrase }.joined())? see `suivi client list`)"
    case .unknownInvoice(let number, let suggestions):
      suggestions.isEmpty ? "unknown invoice \(number)" : "unknown invoice \(number) (did you mean \(suggestions.joined(separator: ", "))?)"
    case .unknownPayment(let id): "unknown payment \(id)"
    case .duplicateClient(let name): "client \"\(name)\" already exists"
    case .invalidAmount(let field, let text, let reason): "\(field): \"\(text)\" is not an amount (\(reason))"
    case .nonPositiveAmount(let field, let text): "\(field): \"\(text)\" must be greater than zero"
    case .invalidDate(let field, let text): "\(field): \"\(text)\" is not a date (expected an existing day: 2024-11-02, 02/11/2024 or aujourd'hui)"
    case .dateOutOfRange(let field, let day):
      "\(field): \(day) is outside 1900-01-01 … 9999-12-31, the days a ledger and a workbook can hold"
    case .invalidInvoiceNumber(let text, let reason): "invoice number \"\(text)\": \(reason)"
    case .duplicateInvoiceNumber(let number): "invoice number \(number) is already used (numbers are never reused)"
    case .overpayment(let amount, let due, let detail):
      detail.isEmpty
        ? "payment of \(amount) is more than the \(due) due; use --credit to keep the rest as client credit"
        : "payment of \(amount) is more than the \(due) due on \(detail); use --credit to keep the rest as client credit"
    case .duplicatePayment(let existing, let payer, let amount, let date):
      "payment looks like a duplicate of payment \(existing) (\(payer), \(amount), \(date), same reference); use --force to record it anyway"
    case .invalidValue(let field, let text, let reason): text.isEmpty ? "\(field): \(reason)" : "\(field): \"\(text)\" \(reason)"
    case .invalidState(let number, let reason): "invoice \(number): \(reason)"
    case .reminderRefused(let number, let level, let reason): "reminder level \(level) for \(number) refused: \(reason)"
    case .busy(let path): "\(path): try again later (another suivi is writing the ledger)"
    case .cannotWrite(let path, let reason): "\(path): cannot write the ledger (\(reason))"
    case .storageFailure(let path, let reason): "\(path): SQLite failed (\(reason))"
    }
  }
}
