import CivilDate

/// A record the journal can spell as one JSON object when it is created.
///
/// Written by hand into a byte buffer rather than with `JSONEncoder` or string
/// concatenation: the bulk import writes one per record, and either would cost more
/// than the insert itself. Field names are the record's columns; money is integer cents,
/// dates ISO 8601, as in the tables; null fields and false flags are left out (absent
/// means null or false).
protocol Journaled {
  func writeJournal(to json: inout JournalJSON)
}

extension Journaled {
  /// The record as a JSON object.
  var journalJSON: String {
    var json = JournalJSON()
    writeJournal(to: &json)
    return json.finished()
  }
}

/// A JSON object being written as UTF-8 bytes.
struct JournalJSON {
  private var bytes: [UInt8] = [UInt8(ascii: "{")]

  init() { bytes.reserveCapacity(256) }

  mutating func field(_ name: StaticString, _ text: String?) {
    guard let text else { return }
    key(name)
    quote(text)
  }

  mutating func field(_ name: StaticString, _ value: Int64?) {
    guard let value else { return }
    key(name)
    integer(value)
  }

  mutating func field(_ name: StaticString, _ value: Int) { field(name, Int64(value)) }

  mutating func field(_ name: StaticString, _ amount: Cents) { field(name, amount.value) }

  mutating func field(_ name: StaticString, _ flag: Bool) {
    guard flag else { return }
    key(name)
    bytes.append(contentsOf: "true".utf8)
  }

  mutating func field(_ name: StaticString, _ day: Day?) {
    guard let day else { return }
    key(name)
    bytes.append(UInt8(ascii: "\""))
    bytes.append(contentsOf: day.isoText.utf8)
    bytes.append(UInt8(ascii: "\""))
  }

  mutating func finished() -> String {
    bytes.append(UInt8(ascii: "}"))
    return String(decoding: bytes, as: UTF8.self)
  }

  private mutating func key(_ name: StaticString) {
    if bytes.count > 1 { bytes.append(UInt8(ascii: ",")) }
    bytes.append(UInt8(ascii: "\""))
    name.withUTF8Buffer { bytes.append(contentsOf: $0) }
    bytes.append(contentsOf: [UInt8(ascii: "\""), UInt8(ascii: ":")])
  }

  private mutating func integer(_ value: Int64) {
    if value < 0 { bytes.append(UInt8(ascii: "-")) }
    var magnitude = value.magnitude
    let start = bytes.count
    repeat {
      bytes.append(UInt8(ascii: "0") + UInt8(magnitude % 10))
      magnitude /= 10
    } while magnitude > 0
    bytes[start...].reverse()
  }

  private mutating func quote(_ text: String) {
    bytes.append(UInt8(ascii: "\""))
    for byte in text.utf8 {
      switch byte {
      case UInt8(ascii: "\""): bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\"")])
      case UInt8(ascii: "\\"): bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\\")])
      case 0x0A: bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "n")])
      case 0x0D: bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "r")])
      case 0x09: bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "t")])
      case ..<0x20:
        let hex = Array("0123456789abcdef".utf8)
        bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0"), hex[Int(byte >> 4)], hex[Int(byte & 15)]])
      default: bytes.append(byte)
      }
    }
    bytes.append(UInt8(ascii: "\""))
  }
}

extension Client: Journaled {
  func writeJournal(to json: inout JournalJSON) {
    json.field("id", id)
    json.field("name", name)
    json.field("email", email)
    json.field("phone", phone)
    json.field("address", address)
    json.field("termsDays", termsDays)
    json.field("endOfMonth", endOfMonth)
    json.field("isConsumer", isConsumer)
  }
}

extension Invoice: Journaled {
  func writeJournal(to json: inout JournalJSON) {
    json.field("id", id)
    json.field("number", number)
    json.field("kind", kind.rawValue)
    json.field("clientId", clientId)
    json.field("issueDate", issueDate)
    json.field("dueDate", dueDate)
    json.field("service", service)
    json.field("ht", ht?.value)
    json.field("vatRate", vatRate?.basisPoints)
    json.field("vat", vat?.value)
    json.field("ttc", ttc)
    json.field("notes", notes)
    json.field("needsApproval", needsApproval)
    json.field("approvedOn", approvedOn)
    json.field("submittedOn", submittedOn)
    json.field("sentOn", sentOn)
    json.field("voidedOn", voidedOn)
    json.field("disputedOn", disputedOn)
    json.field("creditedInvoiceId", creditedInvoiceId)
  }
}

extension Payment: Journaled {
  func writeJournal(to json: inout JournalJSON) {
    json.field("id", id)
    json.field("clientId", clientId)
    json.field("receivedOn", receivedOn)
    json.field("amount", amount)
    json.field("method", method.rawValue)
    json.field("payer", payer)
    json.field("reference", reference)
    json.field("note", note)
  }
}

extension Allocation: Journaled {
  func writeJournal(to json: inout JournalJSON) {
    json.field("id", id)
    json.field("paymentId", paymentId)
    json.field("invoiceId", invoiceId)
    json.field("amount", amount)
  }
}

extension Reminder: Journaled {
  func writeJournal(to json: inout JournalJSON) {
    json.field("id", id)
    json.field("invoiceId", invoiceId)
    json.field("level", level)
    json.field("channel", channel.rawValue)
    json.field("sentOn", sentOn)
    json.field("note", note)
    json.field("outcome", outcome?.rawValue)
  }
}
