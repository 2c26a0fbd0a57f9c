import CivilDate
import Ledger
import Wording

/// A bank statement of one account over a period: its opening and closing balances and
/// the movements between them, as the bank's file states them.
public struct BankStatement: Sendable, Equatable {
  /// The account: bank, branch and number (CFONB), or the IBAN.
  public var account: String
  public var currency: String
  public var opening: Balance
  public var closing: Balance
  public var movements: [BankMovement]

  public struct Balance: Sendable, Equatable {
    public var day: Day
    /// Positive: in credit.
    public var amount: Cents
  }

  /// Whether the movements take the opening balance to the closing one; the difference
  /// when they do not.
  public var imbalance: Cents {
    closing.amount - (opening.amount + movements.map(\.amount).reduce(.zero, +))
  }
}

/// One movement on the account.
public struct BankMovement: Sendable, Equatable {
  /// The day it was booked.
  public var bookedOn: Day
  /// Its value day, if given.
  public var valueOn: Day?
  /// Positive: money in (a credit); negative: money out.
  public var amount: Cents
  /// The bank's label (`VIR SEPA DUMONT`).
  public var label: String
  /// The interbank operation code (CFONB: `05` a transfer received, `01` a cheque…), if any.
  public var operationCode: String?
  /// The bank's own reference of the movement (its entry number, its reference), if any.
  public var bankReference: String?
  /// The bank's identifier of the movement, unique in the account (OFX `FITID`), if any:
  /// what makes a movement the same across two statements.
  public var fitid: String?
  /// The payer's name, when the bank gives it (CFONB `NPY`, CAMT `Dbtr`).
  public var payer: String?
  /// The remittance information: what the payer wrote (CFONB `LIB`/`REF`/`RCN`, CAMT `Ustrd`).
  public var remittance: [String] = []
  /// The payer's IBAN, when the bank gives it (CAMT `DbtrAcct`).
  public var payerIBAN: String?
  /// The method the bank's transaction code says (CAMT `BkTxCd`, OFX `TRNTYPE`), when it
  /// says one; else the label says it.
  public var method: PaymentMethod?
  /// Whether the bank marks it as the reversal of an earlier movement (CAMT `RvslInd`).
  public var isReversal = false
  /// Where it is in the file (its line), to say where a problem is.
  public var line: Int

  public init(
    bookedOn: Day, valueOn: Day? = nil, amount: Cents, label: String, operationCode: String? = nil, bankReference: String? = nil,
    payer: String? = nil, remittance: [String] = [], line: Int, fitid: String? = nil
  ) {
    self.fitid = fitid
    self.bookedOn = bookedOn
    self.valueOn = valueOn
    self.amount = amount
    self.label = label
    self.operationCode = operationCode
    self.bankReference = bankReference
    self.payer = payer
    self.remittance = remittance
    self.line = line
  }

  /// Everything the movement says, for matching: the label, then the remittance.
  public var text: String { ([label] + remittance).joined(separator: " ") }
}

/// Why a bank file is refused: what, and where.
public enum BankFileError: Error, Phrased, Equatable {
  /// The file is not a bank statement Suivi reads (CFONB 120, CAMT.053, OFX, a bank CSV).
  case unknownFormat(file: String)
  /// A record, element or line that cannot be read.
  case malformed(file: String, line: Int, reason: Phrase)
  /// A statement whose movements do not take its opening balance to its closing one.
  case unbalanced(file: String, account: String, closingDay: Day, difference: Cents)
  /// A file larger than a bank statement can be.
  case tooLarge(file: String, bytes: Int)

  public var phrase: Phrase {
    switch self {
    case let .unknownFormat(file): "\(file): not a bank statement Suivi reads (CFONB 120, CAMT.053, OFX, or a bank's CSV)"
    case let .malformed(file, line, reason): "\(file): line \(line): \(reason)"
    case let .unbalanced(file, account, day, difference):
      "\(file): the statement of account \(account) to \(day) does not add up: the opening balance and the movements miss the closing balance by \(difference); nothing imported"
    case let .tooLarge(file, bytes): "\(file): \(bytes) bytes is larger than a bank statement (64 MiB at most)"
    }
  }
}
