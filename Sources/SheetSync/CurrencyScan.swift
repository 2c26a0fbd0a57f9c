import OOXML

/// The currency a tracker's rows state for their amounts when it is not the euro: a
/// currency column (`Devise`, `Currency`, `Currency Code`) or an amount cell's number
/// format (`[$$-409]#,##0.00`, `"$"#,##0.00`, `#,##0.00 £`). Suivi keeps amounts in euros
/// and never reads another currency as euros: such a row is not adopted, with its reason.
/// (A text amount's own symbol, `9.00 $`, is ``CellNormalizer/foreignCurrency(_:)``'s.)
enum CurrencyScan {
  /// The header texts of a currency column, compared by ``HeaderText/key(_:)``.
  static let headers: Set<String> = Set(
    ["Devise", "Monnaie", "Currency", "Currency code", "Currency symbol", "Code devise", "Devise de la facture"].map(HeaderText.key))

  /// The foreign currency of each row among `rows` (row number → currency as the sheet
  /// names it), read from `table`'s sheet in `workbook`.
  static func foreignCurrencies(_ workbook: Workbook, table: TrackerTable, rows: Set<Int>) throws -> [Int: String] {
    guard table.sheet != nil, !rows.isEmpty else { return [:] }
    let currencyColumn = table.headerTexts.first { headers.contains(HeaderText.key($0.value)) }?.key
    let styles = workbook.styles
    // The cell formats that show another currency (few workbooks have any): without them
    // and without a currency column, no row says another currency, and nothing is read.
    let foreignStyles = Set(styles.cellFormatNumberFormatIDs.indices.filter { styles.formatCode(ofStyle: $0).flatMap(foreign(inFormat:)) != nil })
    guard currencyColumn != nil || !foreignStyles.isEmpty else { return [:] }
    let amountColumns = Set([SyncColumn.amountTTC, .amountHT, .vatAmount, .amountPaid, .balance].compactMap { table.columns[$0] })
    var found: [Int: String] = [:]
    // Each sheet of the table (its period sheets), its rows by their own numbers.
    var bySheet: [String: [Int: Int]] = [:]  // sheet → its row → the table's row
    for row in rows {
      let (sheet, local) = table.locate(row)
      if let sheet { bySheet[sheet, default: [:]][local] = row }
    }
    for (sheetName, wanted) in bySheet {
      let last = wanted.keys.max() ?? 0
      let reader = try workbook.cells(of: workbook.requireSheet(named: sheetName))
      while let (local, cells) = try reader.nextRow() {
        if local > last { break }
        guard let row = wanted[local] else { continue }
        for cell in cells {
          if cell.reference.column == currencyColumn, case let .string(text) = cell.value, let currency = foreign(named: text) {
            found[row] = currency
          } else if amountColumns.contains(cell.reference.column), case .number = cell.value, foreignStyles.contains(cell.styleIndex),
            let code = styles.formatCode(ofStyle: cell.styleIndex), let currency = foreign(inFormat: code)
          {
            found[row] = found[row] ?? currency
          }
        }
      }
    }
    return found
  }

  /// `text` as a currency other than the euro (`USD`, `$`, `ILS`); `nil` for the euro or
  /// nothing.
  static func foreign(named text: String) -> String? {
    let trimmed = CellNormalizer.collapsed(text)
    guard !trimmed.isEmpty else { return nil }
    let key = HeaderText.key(trimmed)
    return trimmed == "€" || ["eur", "euro", "euros"].contains(key) ? nil : trimmed
  }

  /// The currency a number format shows when it is not the euro: the symbol of a
  /// `[$symbol-locale]` part, else a currency sign outside quotes and brackets (`$`, `£`,
  /// `¥`, `₹`); `nil` for a format without one, or the euro's.
  static func foreign(inFormat code: String) -> String? {
    var inQuotes = false
    var bracket: String?
    var quoted = ""
    var found: String?
    for character in code {
      if var open = bracket {
        if character == "]" {
          bracket = nil
          if open.hasPrefix("$") {
            let symbol = open.dropFirst().prefix { $0 != "-" }
            if !symbol.isEmpty { found = found ?? String(symbol) }
          }
        } else {
          open.append(character)
          bracket = open
        }
        continue
      }
      if inQuotes {
        if character == "\"" {
          inQuotes = false
          if let sign = quoted.first(where: { "$£¥₹€".contains($0) }) { found = found ?? String(sign) }
          quoted = ""
        } else {
          quoted.append(character)
        }
        continue
      }
      switch character {
      case "\"": inQuotes = true
      case "[": bracket = ""
      case "$", "£", "¥", "₹", "€": found = found ?? String(character)
      default: break
      }
    }
    guard let found, found != "€", !found.uppercased().hasPrefix("EUR") else { return nil }
    return found
  }
}
