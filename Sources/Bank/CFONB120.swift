import CivilDate
import Ledger
import Wording

/// The French banks' *relevé de compte sur support informatique* (CFONB, 120 characters a
/// record): 01 the old balance, 04 a movement, 05 its complements (several), 07 the new
/// balance. An amount is 14 characters whose last one carries its sign and last digit
/// (`{`, `A`–`I`: credit; `}`, `J`–`R`: debit), with the record's number of decimals.
///
/// Real files are read as they come: blank lines, CRLF, records cut short of their trailing
/// spaces, a whole file on one line or wrapped at another width, *PAS DE MOUVEMENT* lines,
/// Latin-1 labels.
public enum CFONB120 {
  /// Whether `bytes` look like CFONB 120 (a first record 01 with its amount's sign).
  public static func recognises(_ bytes: [UInt8]) -> Bool {
    let start = bytes.drop { $0 == 0x0A || $0 == 0x0D || $0 == 0x20 }
    guard start.count >= 104, start.starts(with: Array("01".utf8)) else { return false }
    let sign = start[start.startIndex + 103]
    return signs[sign] != nil
  }

  /// The sign and last digit an amount's last character carries.
  static let signs: [UInt8: (sign: Int64, digit: Int64)] = {
    var table: [UInt8: (Int64, Int64)] = [UInt8(ascii: "{"): (1, 0), UInt8(ascii: "}"): (-1, 0)]
    for (offset, letter) in "ABCDEFGHI".utf8.enumerated() { table[letter] = (1, Int64(offset + 1)) }
    for (offset, letter) in "JKLMNOPQR".utf8.enumerated() { table[letter] = (-1, Int64(offset + 1)) }
    return table
  }()

  /// The file's records, each 120 characters, with the line each starts on.
  static func records(_ bytes: [UInt8], file: String) throws -> [(line: Int, text: [UInt8])] {
    var lines: [(Int, [UInt8])] = []
    var current: [UInt8] = []
    var number = 1
    var start = 1
    for byte in bytes {
      if byte == 0x0A {
        lines.append((start, current))
        current = []
        number += 1
        start = number
      } else if byte != 0x0D {
        current.append(byte)
      }
    }
    if !current.isEmpty { lines.append((start, current)) }
    let filled = lines.filter { !$0.1.allSatisfy { $0 == 0x20 } }
    // A file on one line, or wrapped at another width: its records are its characters 120 at
    // a time, when that is what they are (each starts with a record code).
    let joined = filled.flatMap(\.1)
    if filled.contains(where: { $0.1.count > 120 }) || (filled.count > 1 && filled.allSatisfy({ $0.1.count != 120 }) && joined.count % 120 == 0) {
      guard joined.count % 120 == 0 else {
        throw BankFileError.malformed(file: file, line: filled.first { $0.1.count > 120 }?.0 ?? 1, reason: "a record is longer than 120 characters")
      }
      let chunks = stride(from: 0, to: joined.count, by: 120).map { Array(joined[$0..<$0 + 120]) }
      if chunks.allSatisfy({ ["01", "04", "05", "07"].contains(String(decoding: $0.prefix(2), as: UTF8.self)) }) {
        return chunks.enumerated().map { ($0.offset + 1, $0.element) }
      }
      // Records cut short whose lengths happen to add up to a multiple of 120: padded below.
      if filled.contains(where: { $0.1.count > 120 }) {
        throw BankFileError.malformed(file: file, line: 1, reason: "the records are not 120 characters each")
      }
    }
    // A record cut short of its trailing spaces is padded back.
    return filled.map { line, text in (line, text + Array(repeating: 0x20, count: max(0, 120 - text.count))) }
  }

  /// The statements of the file, each checked: its movements take its old balance to its new one.
  ///
  /// - Throws: ``BankFileError``, saying the line.
  public static func parse(_ bytes: [UInt8], file: String) throws -> [BankStatement] {
    guard bytes.count <= 64 << 20 else { throw BankFileError.tooLarge(file: file, bytes: bytes.count) }
    var statements: [BankStatement] = []
    var open: (account: String, currency: String, balance: BankStatement.Balance, movements: [BankMovement])?
    for (line, record) in try records(bytes, file: file) {
      func refuse(_ reason: Phrase) -> BankFileError { .malformed(file: file, line: line, reason: reason) }
      func text(_ range: Range<Int>) -> String {
        let slice = record[range]
        // Latin-1 when it is not UTF-8 (French banks' labels).
        if let utf8 = String(validating: slice, as: UTF8.self) { return utf8.trimmingCharacters(in: .whitespaces) }
        return String(slice.map { Character(Unicode.Scalar($0)) }).trimmingCharacters(in: .whitespaces)
      }
      func day(_ range: Range<Int>, optional: Bool = false) throws -> Day? {
        let digits = text(range)
        if digits.isEmpty || digits == "000000", optional { return nil }
        guard digits.count == 6, let dd = Int(digits.prefix(2)), let mm = Int(digits.dropFirst(2).prefix(2)), let yy = Int(digits.suffix(2)),
          let day = Day(year: yy < 70 ? 2000 + yy : 1900 + yy, month: mm, day: dd)
        else { throw refuse("'\(digits)' is not a day (DDMMYY)") }
        return day
      }
      func amount() throws -> Cents {
        let field = Array(record[90..<104])
        guard let (sign, last) = signs[field[13]] else {
          throw refuse("the amount '\(text(90..<104))' does not end with its sign ({, A–I, }, J–R)")
        }
        let digits = field[0..<13].map { $0 == 0x20 ? UInt8(ascii: "0") : $0 }
        guard digits.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }), let whole = Int64(String(decoding: digits, as: UTF8.self)) else {
          throw refuse("the amount '\(text(90..<104))' is not digits")
        }
        guard let scale = Int(text(19..<20)) else { throw refuse("the number of decimals '\(text(19..<20))' is not a digit") }
        var value = whole * 10 + last
        switch scale {
        case 0: value *= 100
        case 1: value *= 10
        case 2: break
        default:
          var divisor: Int64 = 1
          for _ in 0..<(scale - 2) { divisor *= 10 }
          guard value % divisor == 0 else { throw refuse("the amount has \(scale) decimals, more than cents") }
          value /= divisor
        }
        return Cents(sign * value)
      }
      let code = text(0..<2)
      let account = [text(2..<7), text(11..<16), text(21..<32)].joined(separator: " ")
      switch code {
      case "01":
        if let open { throw refuse("a new statement of \(account) starts before the statement of \(open.account) ends (no record 07)") }
        guard let day = try day(34..<40) else { throw refuse("the old balance has no day") }
        open = (account, text(16..<19), .init(day: day, amount: try amount()), [])
      case "04":
        guard open != nil else { throw refuse("a movement (record 04) outside a statement (no record 01 before it)") }
        let label = text(48..<79)
        let amount = try amount()
        // A bank's "no movement" line says nothing.
        if amount == .zero, label.uppercased().contains("PAS DE MOUVEMENT") { continue }
        guard let booked = try day(34..<40) else { throw refuse("the movement has no day") }
        let number = text(81..<88)
        let reference = text(104..<120)
        open!.movements.append(
          BankMovement(
            bookedOn: booked, valueOn: try day(42..<48, optional: true), amount: amount, label: label,
            operationCode: text(32..<34).isEmpty ? nil : text(32..<34),
            bankReference: [number, reference].filter { !$0.isEmpty }.joined(separator: " ").nilIfEmpty, line: line))
      case "05":
        guard open != nil, !open!.movements.isEmpty else { throw refuse("a complement (record 05) with no movement before it") }
        let qualifier = text(45..<48)
        let detail = text(48..<118)
        guard !detail.isEmpty else { continue }
        let index = open!.movements.count - 1
        switch qualifier {
        case "NPY", "NBE": if open!.movements[index].payer == nil { open!.movements[index].payer = detail }
        default: open!.movements[index].remittance.append(detail)
        }
      case "07":
        guard let current = open else { throw refuse("a new balance (record 07) with no statement before it") }
        guard let day = try day(34..<40) else { throw refuse("the new balance has no day") }
        let statement = BankStatement(
          account: current.account, currency: current.currency, opening: current.balance, closing: .init(day: day, amount: try amount()),
          movements: current.movements)
        if statement.imbalance != .zero {
          throw BankFileError.unbalanced(file: file, account: statement.account, closingDay: day, difference: statement.imbalance)
        }
        statements.append(statement)
        open = nil
      default:
        if String(decoding: record, as: UTF8.self).uppercased().contains("PAS DE MOUVEMENT") { continue }
        throw refuse("'\(code)' is not a CFONB 120 record (01, 04, 05, 07)")
      }
    }
    if let open { throw BankFileError.malformed(file: file, line: 0, reason: "the statement of \(open.account) has no new balance (record 07): the file is cut short") }
    guard !statements.isEmpty else { throw BankFileError.unknownFormat(file: file) }
    return statements
  }
}

extension String {
  var nilIfEmpty: String? { isEmpty ? nil : self }
}
