import CivilDate
import DelimitedText
import Ledger
import Wording

/// OFX statements as French banks export them (Crédit Mutuel, CIC, Boursorama…): 1.x in SGML
/// (tags not always closed, a header of `KEY:VALUE` lines, often `CHARSET:1252`) and 2.x in
/// XML. Read by a parser of Suivi's own rather than libofx: the subset a statement needs is
/// small, libofx reports through callbacks and writes to standard error, and a parser of
/// our own caps what it reads and refuses a DOCTYPE like every other.
///
/// A movement's `FITID` identifies it across statements. OFX gives the closing balance
/// (`LEDGERBAL`) but no opening one: the balances cannot be checked, only the amounts read.
public enum OFX {
  public static func recognises(_ bytes: [UInt8]) -> Bool {
    let head = String(decoding: bytes.prefix(2048), as: UTF8.self).uppercased()
    return head.contains("OFXHEADER") || head.contains("<OFX>")
  }

  /// The text: UTF-8 when it is declared or valid, Windows-1252 (a superset of Latin-1 for
  /// French letters and €) otherwise.
  static func decode(_ bytes: [UInt8]) -> String {
    let head = String(decoding: bytes.prefix(1024), as: UTF8.self).uppercased()
    let declared1252 = head.contains("CHARSET:1252") || head.contains("CHARSET:ISO-8859-1") || head.contains("ENCODING=\"ISO-8859-1\"")
      || head.contains("ENCODING=\"WINDOWS-1252\"")
    if !declared1252, let utf8 = String(validating: bytes, as: UTF8.self) { return utf8 }
    return TextDecoding.windows1252(bytes)
  }

  /// The file's elements in order: (tag, the text after it up to the next tag, its line);
  /// a closing tag as `/TAG`.
  static func elements(_ text: String, file: String) throws -> [(tag: String, value: String, line: Int)] {
    var out: [(String, String, Int)] = []
    let scalars = Array(text.unicodeScalars)
    var index = 0
    var line = 1
    while index < scalars.count {
      if scalars[index] == "\n" { line += 1 }
      guard scalars[index] == "<" else { index += 1; continue }
      var end = index + 1
      while end < scalars.count, scalars[end] != ">" { end += 1 }
      guard end < scalars.count else { throw BankFileError.malformed(file: file, line: line, reason: "a tag is not closed (the file is cut short)") }
      let tag = String(String.UnicodeScalarView(scalars[(index + 1)..<end])).trimmingCharacters(in: .whitespaces).uppercased()
      if tag.hasPrefix("!DOCTYPE") || tag.hasPrefix("!ENTITY") {
        throw BankFileError.malformed(file: file, line: line, reason: "refused: the file declares a DOCTYPE or an entity")
      }
      var valueEnd = end + 1
      while valueEnd < scalars.count, scalars[valueEnd] != "<" { valueEnd += 1 }
      let raw = String(String.UnicodeScalarView(scalars[(end + 1)..<valueEnd]))
      let value = raw.replacing("&lt;", with: "<").replacing("&gt;", with: ">").replacing("&quot;", with: "\"").replacing("&apos;", with: "'")
        .replacing("&amp;", with: "&").trimmingCharacters(in: .whitespacesAndNewlines)
      if !tag.hasPrefix("?"), !tag.hasPrefix("!") { out.append((tag.split(separator: " ").first.map(String.init) ?? tag, value, line)) }
      line += raw.filter { $0 == "\n" }.count
      index = valueEnd
    }
    return out
  }

  /// `20241202`, `20241202120000`, `20241202120000.000[+1:CET]`: the day.
  static func day(_ text: String) -> Day? {
    let digits = text.prefix(8)
    guard digits.count == 8, digits.allSatisfy({ $0.isASCII && $0.isNumber }), let y = Int(digits.prefix(4)), let m = Int(digits.dropFirst(4).prefix(2)),
      let d = Int(digits.suffix(2))
    else { return nil }
    return Day(year: y, month: m, day: d)
  }

  /// `-1200.50`, `1200,50`, `+35`: cents.
  static func amount(_ text: String) -> Cents? {
    var body = Substring(text.replacing(",", with: ".").filter { $0 != " " && $0 != "\u{A0}" })
    var negative = false
    if body.hasPrefix("-") { negative = true; body = body.dropFirst() } else if body.hasPrefix("+") { body = body.dropFirst() }
    guard let cents = try? Cents.parse(String(body), requirePositive: false) else { return nil }
    return negative ? -cents : cents
  }

  /// The method a transaction type says (`CHECK`, `POS`, `CASH`, `XFER`, `DIRECTDEP`); the
  /// generic `CREDIT` says none.
  static func method(_ type: String?) -> PaymentMethod? {
    switch type?.uppercased() {
    case "CHECK": .cheque
    case "POS": .carte
    case "CASH": .especes
    case "XFER", "DIRECTDEP": .virement
    default: nil
    }
  }

  public static func parse(_ bytes: [UInt8], file: String) throws -> [BankStatement] {
    guard bytes.count <= 64 << 20 else { throw BankFileError.tooLarge(file: file, bytes: bytes.count) }
    let elements = try elements(decode(bytes), file: file)
    var statements: [BankStatement] = []
    var account: [String: String] = [:]
    var currency = "EUR"
    var movements: [BankMovement] = []
    var movement: [String: String]?
    var movementLine = 0
    var closing: (Day, Cents)?
    var inStatement = false
    func finishMovement() throws {
      guard let fields = movement else { return }
      movement = nil
      func refuse(_ reason: Phrase) -> BankFileError { .malformed(file: file, line: movementLine, reason: reason) }
      guard let posted = fields["DTPOSTED"].flatMap(day) else { throw refuse("a movement (STMTTRN) has no day (DTPOSTED)") }
      guard let amount = fields["TRNAMT"].flatMap(amount) else { throw refuse("a movement's amount '\(fields["TRNAMT"] ?? "")' is not an amount (TRNAMT)") }
      let name = fields["NAME"] ?? fields["PAYEE"] ?? ""
      let memo = fields["MEMO"] ?? ""
      movements.append(
        BankMovement(
          bookedOn: posted, valueOn: fields["DTUSER"].flatMap(day), amount: amount, label: name.isEmpty ? memo : name,
          operationCode: fields["TRNTYPE"], bankReference: fields["CHECKNUM"] ?? fields["REFNUM"], payer: nil,
          remittance: name.isEmpty || memo.isEmpty ? [] : [memo], line: movementLine, fitid: fields["FITID"]))
      movements[movements.count - 1].method = method(fields["TRNTYPE"])
    }
    func finishStatement() throws {
      try finishMovement()
      guard inStatement else { return }
      inStatement = false
      let accountText = [account["BANKID"], account["BRANCHID"], account["ACCTID"]].compactMap { $0 }.joined(separator: " ")
      let total = movements.map(\.amount).reduce(.zero, +)
      let last = movements.map(\.bookedOn).max()
      let (day, balance) = closing ?? (last ?? Day(year: 2000, month: 1, day: 1)!, total)
      statements.append(
        BankStatement(
          account: accountText.isEmpty ? "OFX" : accountText, currency: currency, opening: .init(day: movements.map(\.bookedOn).min() ?? day, amount: balance - total),
          closing: .init(day: day, amount: balance), movements: movements))
      movements = []
      account = [:]
      closing = nil
    }
    var aggregate: [String] = []
    for (tag, value, line) in elements {
      if tag.hasPrefix("/") {
        let name = String(tag.dropFirst())
        if name == "STMTTRN" { try finishMovement() }
        if name == "STMTRS" || name == "CCSTMTRS" { try finishStatement() }
        if let at = aggregate.lastIndex(of: name) { aggregate.removeSubrange(at...) }
        continue
      }
      switch tag {
      case "STMTRS", "CCSTMTRS":
        try finishStatement()
        inStatement = true
      case "STMTTRN":
        try finishMovement()
        movement = [:]
        movementLine = line
      case "CURDEF": currency = value
      case "BANKID", "BRANCHID", "ACCTID": if movement == nil { account[tag] = value }
      case "BALAMT", "DTASOF":
        if aggregate.last == "LEDGERBAL" {
          if tag == "BALAMT" { closing = (closing?.0 ?? Day(year: 2000, month: 1, day: 1)!, amount(value) ?? .zero) } else if let day = day(value) {
            closing = (day, closing?.1 ?? .zero)
          }
        }
      default:
        if movement != nil, !value.isEmpty { movement![tag] = value }
      }
      if value.isEmpty { aggregate.append(tag) }
    }
    try finishStatement()
    guard !statements.isEmpty else { throw BankFileError.unknownFormat(file: file) }
    return statements
  }
}
