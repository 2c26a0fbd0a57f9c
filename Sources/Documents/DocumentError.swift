import CivilDate
import Wording

/// Why a document could not be made or kept.
public enum DocumentError: Error, Phrased, Equatable {
  /// Cairo or Pango failed.
  case pdf(reason: Phrase)
  /// The business's logo cannot be used.
  case logo(reason: Phrase)
  /// A template (the assistant's own, or built in) cannot be read or rendered.
  case template(name: String, reason: Phrase)
  /// A document of that name exists: documents are never overwritten.
  case exists(path: String)
  /// The ledger has a document recorded at that path, whose file is gone.
  case recordedBefore(path: String, on: String)
  /// A document to send cannot be read.
  case cannotRead(path: String)
  /// The document could not be written.
  case cannotWrite(path: String, reason: Phrase)
  /// The mail server refused the message, or could not be reached: the message is kept in
  /// the outbox.
  case sendFailed(server: String, reason: Phrase)
  /// Nothing to put in the document (no overdue invoice for a letter, an invoice not paid
  /// for a receipt…).
  case nothingToSay(reason: Phrase)
  /// A document that goes out (a letter, a statement, a receipt) from a business whose
  /// settings do not say who it is: its name or its address (the settings missing, named).
  case letterheadIncomplete(missing: [String])
  /// A letter that claims penalties (or interest) over a half-year whose rate is not in the
  /// ledger's table: its amount would be a guess. `key` is the setting to give
  /// (`rate.ecb.2026-H2`), `from` the day that rate is the one in force on.
  case rateMissing(key: String, from: Day)

  public var phrase: Phrase {
    switch self {
    case let .pdf(reason): "cannot make the PDF: \(reason)"
    case let .logo(reason): "the logo (business.logo): \(reason)"
    case let .template(name, reason): "template \(name): \(reason)"
    case let .exists(path): "\(path): already exists; a document is never overwritten"
    case let .recordedBefore(path, day):
      "\(path): a document of that name was made on \(day) and is recorded, but its file is gone (moved or deleted?): put it back, or write this one elsewhere (--out)"
    case let .cannotWrite(path, reason): "\(path): cannot write the document (\(reason))"
    case let .cannotRead(path): "\(path): cannot read the document"
    case let .nothingToSay(reason): "no document made: \(reason)"
    case let .sendFailed(server, reason): "\(server): the message was not sent (\(reason))"
    case let .rateMissing(key, from):
      "no document made: the penalties claimed need the rate in force on \(from), which is not in the table: set it with `suivi config set \(key) RATE`, or write a draft (letter --draft)"
    case let .letterheadIncomplete(missing):
      "no document made: the letterhead does not say who sends it (\(missing.joined(separator: ", ")) not set); set it with `suivi config set \(missing[0]) …`, or write a draft (letter --draft)"
    }
  }
}
