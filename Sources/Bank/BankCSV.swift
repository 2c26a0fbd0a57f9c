import CivilDate
import DelimitedText
import Ledger
import Wording

/// A bank's CSV export, as French banks write them: `;` (or `,`, or a tab), a decimal comma,
/// Windows-1252 or UTF-8, CRLF, lines of junk above the header, the amount in one signed
/// column or in two (debit, credit). The columns are found by their headers (`Date`,
/// `Date opération`, `Libellé`, `Montant`, `Débit euros`, `Crédit euros`…), or given
/// (`--columns date=1,label=3,debit=4,credit=5`, by number or header).
///
/// A CSV has no balances: the movements are read, the statement cannot be checked.
public enum BankCSV {
  public enum Column: String, CaseIterable, Sendable {
    case date, valueDate = "value_date", label, amount, debit, credit, reference, payer
  }

  /// The header words of each column, folded (accents and case aside).
  static let synonyms: [Column: [String]] = [
    .date: ["date", "date operation", "date de operation", "date comptable", "date d operation", "date de l operation", "date op", "booking date"],
    .valueDate: ["date valeur", "date de valeur", "value date"],
    .label: [
      "libelle", "libelle operation", "libelle d operation", "libelle de l operation", "label", "description", "intitule", "libelle simplifie",
      "nature de l operation", "detail",
    ],
    .amount: ["montant", "montant eur", "montant euros", "montant en euros", "montant de l operation", "montant operation", "amount", "somme"],
    .debit: ["debit", "debit euros", "debit eur", "debits", "montant debit"],
    .credit: ["credit", "credit euros", "credit eur", "credits", "montant credit"],
    .reference: ["reference", "ref", "numero", "n operation", "reference de l operation"],
    .payer: ["tiers", "emetteur", "donneur d ordre", "payer", "contrepartie"],
  ]

  /// Reads `--columns`: `date=1,label=Libellé,amount=4`.
  public static func mapping(_ text: String) throws -> [Column: String] {
    var mapping: [Column: String] = [:]
    for item in text.split(separator: ",") {
      let pair = item.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
      guard pair.count == 2, let column = Column(rawValue: pair[0].lowercased()), !pair[1].isEmpty else {
        throw LedgerError.invalidValue(
          field: "--columns", text: String(item), reason: "is not COLUMN=NUMBER or COLUMN=HEADER (date, value_date, label, amount, debit, credit, reference, payer)")
      }
      mapping[column] = pair[1]
    }
    return mapping
  }

  /// The fields of one line, `separator` between them (``CSVRecords``), each trimmed.
  static func fields(_ line: String, separator: Character) throws -> [String] {
    (try CSVRecords.records(line, separator: separator).first ?? []).map { $0.trimmingCharacters(in: .whitespaces) }
  }

  static func amount(_ text: String) -> Cents? {
    var body = text.filter { !$0.isWhitespace && $0 != "\u{A0}" && $0 != "\u{202F}" && $0 != "€" }
    if body.isEmpty { return nil }
    if body.contains(","), body.contains(".") { body = body.replacing(".", with: "") }
    return OFX.amount(body)
  }

  static func day(_ text: String) -> Day? {
    if let day = Day.iso(String(text.prefix(10))) { return day }
    let parts = text.split(whereSeparator: { $0 == "/" || $0 == "." || $0 == "-" }).map(String.init)
    guard parts.count == 3, let d = Int(parts[0]), let m = Int(parts[1]), var y = Int(parts[2].prefix(4)) else { return nil }
    if parts[2].count == 2 { y += y < 70 ? 2000 : 1900 }
    return Day(year: y, month: m, day: d)
  }

  /// The statement of the file (one account: the file's own).
  public static func parse(_ bytes: [UInt8], file: String, profile: Profile = Profile()) throws -> [BankStatement] {
    guard bytes.count <= 64 << 20 else { throw BankFileError.tooLarge(file: file, bytes: bytes.count) }
    let text: String
    do { text = try TextDecoding.decode(bytes) } catch let error as DelimitedTextError {
      throw BankFileError.malformed(file: file, line: error.line ?? 1, reason: error.detail)
    }
    let lines = text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).map(String.init)
    let given = profile.columns
    // The header: the first of the first 15 lines (or the line after those skipped) naming a
    // date and an amount (or debit and credit). Without a header, the columns by number.
    var found: (line: Int, separator: Character, positions: [Column: Int])?
    if !profile.hasHeader {
      found = ((profile.skip ?? 0) - 1, profile.separator ?? ";", given.compactMapValues { Int($0).map { $0 - 1 } })
    }
    let candidates = profile.skip.map { lines.indices.contains($0) ? [($0, lines[$0])] : [] } ?? Array(lines.prefix(15).enumerated())
    for (index, line) in candidates where profile.hasHeader {
      let separator: Character =
        profile.separator ?? [";", "\t", ","].max { a, b in line.filter { $0 == a }.count < line.filter { $0 == b }.count } ?? ";"
      // (A junk line above the header that does not read as fields is not the header.)
      guard let cells = try? fields(line, separator: separator) else { continue }
      let headers = cells.map { Spelling.key($0).replacing("'", with: " ") }
      var positions: [Column: Int] = [:]
      for column in Column.allCases {
        if let wanted = given[column] {
          if let number = Int(wanted), number >= 1 { positions[column] = number - 1 } else if let at = headers.firstIndex(of: Spelling.key(wanted)) {
            positions[column] = at
          }
        } else if let at = headers.firstIndex(where: { synonyms[column]!.contains($0) }) {
          positions[column] = at
        }
      }
      if positions[.date] != nil, positions[.amount] != nil || (positions[.debit] != nil && positions[.credit] != nil), positions[.label] != nil {
        found = (index, separator, positions)
        break
      }
    }
    guard let header = found, header.positions[.date] != nil, header.positions[.label] != nil,
      header.positions[.amount] != nil || header.positions[.debit] != nil || header.positions[.credit] != nil
    else {
      throw BankFileError.malformed(
        file: file, line: 1, reason: "no header row names a date, a label and an amount (or a debit and a credit) in its first 15 lines; say which with --columns")
    }
    var movements: [BankMovement] = []
    for (offset, line) in lines.enumerated().dropFirst(max(0, header.line + 1)) where !line.trimmingCharacters(in: .whitespaces).isEmpty {
      let number = offset + 1
      let cells: [String]
      do { cells = try fields(line, separator: header.separator) } catch let error as DelimitedTextError {
        throw BankFileError.malformed(file: file, line: number, reason: error.detail)
      }
      func cell(_ column: Column) -> String? { header.positions[column].flatMap { $0 < cells.count ? cells[$0] : nil }.flatMap { $0.isEmpty ? nil : $0 } }
      guard let dateText = cell(.date) else { continue }  // a total or a note under the table
      guard let booked = day(dateText) else { throw BankFileError.malformed(file: file, line: number, reason: "'\(dateText)' is not a day") }
      var value: Cents
      if header.positions[.amount] != nil, let amountText = cell(.amount) {
        guard let parsed = amount(amountText) else { throw BankFileError.malformed(file: file, line: number, reason: "'\(amountText)' is not an amount") }
        value = parsed
      } else {
        let debit = try cell(.debit).map { text -> Cents in
          guard let parsed = amount(text) else { throw BankFileError.malformed(file: file, line: number, reason: "'\(text)' is not an amount") }
          return parsed
        }
        let credit = try cell(.credit).map { text -> Cents in
          guard let parsed = amount(text) else { throw BankFileError.malformed(file: file, line: number, reason: "'\(text)' is not an amount") }
          return parsed
        }
        // A debit written positive is money out.
        value = (credit.map { $0.value < 0 ? -$0 : $0 } ?? .zero) - (debit.map { $0.value < 0 ? -$0 : $0 } ?? .zero)
      }
      movements.append(
        BankMovement(
          bookedOn: booked, valueOn: cell(.valueDate).flatMap(day), amount: value, label: cell(.label) ?? "", bankReference: cell(.reference),
          payer: cell(.payer), line: number))
    }
    guard !movements.isEmpty else { throw BankFileError.malformed(file: file, line: header.line + 1, reason: "the table has no movement") }
    let total = movements.map(\.amount).reduce(.zero, +)
    let days = movements.map(\.bookedOn)
    // A CSV names no account: the profile's, else one for every CSV, so that two overlapping
    // exports (of whatever file name) are one account's movements.
    return [
      BankStatement(
        account: profile.account ?? "CSV", currency: "EUR", opening: .init(day: days.min()!, amount: .zero), closing: .init(day: days.max()!, amount: total),
        movements: movements)
    ]
  }
}
