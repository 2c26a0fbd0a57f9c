import OOXML

/// A record the journal can spell as one JSON object when it is created.
///
/// Written by hand rather than with `JSONEncoder`: the bulk import writes one per
/// record, and the encoder would cost more than the insert. Field names are the
/// record's columns; money is integer cents, dates ISO 8601, as in the tables.
protocol Journaled {
  var journalFields: [(String, JournalValue)] { get }
}

/// A value in a journal entry's JSON.
enum JournalValue {
  case text(String?)
  case integer(Int64?)
  case bool(Bool)

  static func day(_ day: Day?) -> JournalValue { .text(day?.isoText) }
  static func cents(_ amount: Cents) -> JournalValue { .integer(amount.value) }

  func append(to out: inout String) {
    switch self {
    case .text(let text?): JournalValue.appendQuoted(text, to: &out)
    case .integer(let value?): out += String(value)
    case .bool(let value): out += value ? "true" : "false"
    case .text(nil), .integer(nil): out += "null"
    }
  }

  static func appendQuoted(_ text: String, to out: inout String) {
    if !text.utf8.contains(where: { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }) {
      out += "\""
      out += text
      out += "\""
      return
    }
    out += "\""
    for scalar in text.unicodeScalars {
      switch scalar {
      case "\"": out += "\\\""
      case "\\": out += "\\\\"
      case "\n": out += "\\n"
      case "\r": out += "\\r"
      case "\t": out += "\\t"
      case _ where scalar.value < 0x20:
        let hex = String(scalar.value, radix: 16)
        out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
      default: out.unicodeScalars.append(scalar)
      }
    }
    out += "\""
  }
}

extension Journaled {
  /// The record as a JSON object with its fields in declaration order, leaving out
  /// null fields and false flags (absent means null or false).
  var journalJSON: String {
    var out = "{"
    out.reserveCapacity(256)
    for (name, value) in journalFields {
      switch value {
      case .text(nil), .integer(nil), .bool(false): continue
      default: break
      }
      if out.utf8.count > 1 { out += "," }
      out += "\""
      out += name
      out += "\":"
      value.append(to: &out)
    }
    return out + "}"
  }
}

extension Client: Journaled {
  var journalFields: [(String, JournalValue)] {
    [
      ("id", .integer(id)), ("name", .text(name)), ("email", .text(email)), ("phone", .text(phone)), ("address", .text(address)),
      ("termsDays", .integer(Int64(termsDays))), ("endOfMonth", .bool(endOfMonth)), ("isConsumer", .bool(isConsumer)),
    ]
  }
}

extension Invoice: Journaled {
  var journalFields: [(String, JournalValue)] {
    [
      ("id", .integer(id)), ("number", .text(number)), ("kind", .text(kind.rawValue)), ("clientId", .integer(clientId)),
      ("issueDate", .day(issueDate)), ("dueDate", .day(dueDate)), ("service", .text(service)), ("ht", .cents(ht)),
      ("vatRate", .integer(vatRate.basisPoints)), ("vat", .cents(vat)), ("ttc", .cents(ttc)), ("notes", .text(notes)),
      ("needsApproval", .bool(needsApproval)), ("approvedOn", .day(approvedOn)), ("sentOn", .day(sentOn)),
      ("voidedOn", .day(voidedOn)), ("disputedOn", .day(disputedOn)), ("creditedInvoiceId", .integer(creditedInvoiceId)),
    ]
  }
}

extension Payment: Journaled {
  var journalFields: [(String, JournalValue)] {
    [
      ("id", .integer(id)), ("clientId", .integer(clientId)), ("receivedOn", .day(receivedOn)), ("amount", .cents(amount)),
      ("method", .text(method.rawValue)), ("payer", .text(payer)), ("reference", .text(reference)), ("note", .text(note)),
    ]
  }
}

extension Allocation: Journaled {
  var journalFields: [(String, JournalValue)] {
    [("id", .integer(id)), ("paymentId", .integer(paymentId)), ("invoiceId", .integer(invoiceId)), ("amount", .cents(amount))]
  }
}

extension Reminder: Journaled {
  var journalFields: [(String, JournalValue)] {
    [
      ("id", .integer(id)), ("invoiceId", .integer(invoiceId)), ("level", .integer(Int64(level))),
      ("channel", .text(channel.rawValue)), ("sentOn", .day(sentOn)), ("note", .text(note)), ("outcome", .text(outcome?.rawValue)),
    ]
  }
}
