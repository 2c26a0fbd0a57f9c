import CivilDate
import Ledger
import SafeXML
import Wording

/// CAMT.053 (ISO 20022 *BankToCustomerStatement*, versions 001.02 to 001.08 and later), read
/// as it streams through the safe XML parser (no network, no entities, no DOCTYPE).
///
/// Each `Stmt` is a statement: its account (`Acct/Id/IBAN` or `Othr/Id`), its opening
/// (`OPBD`, or `PRCD`) and closing (`CLBD`) booked balances, and its booked entries (`Ntry`
/// whose `Sts` is `BOOK`; pending ones are not on the booked balance and are left out). An
/// entry that carries several transactions (`NtryDtls/TxDtls`: a batch of transfers, a
/// remittance of several cheques) becomes one movement per transaction, with the
/// transaction's own amount, payer and remittance; those amounts must add up to the entry's.
/// The remittance is read wherever banks put it: `RmtInf/Ustrd`, `RmtInf/Strd/…/Ref`,
/// `AddtlTxInf`, and the entry's `AddtlNtryInf`. The payer's name and IBAN come from
/// `RltdPties/Dbtr` and `DbtrAcct`; the method from the bank transaction code.
public enum CAMT053 {
  public static func recognises(_ bytes: [UInt8]) -> Bool {
    let head = String(decoding: bytes.prefix(4096), as: UTF8.self)
    return head.contains("BkToCstmrStmt") || head.contains("camt.053")
  }

  public static func parse(_ bytes: [UInt8], file: String) throws -> [BankStatement] {
    guard bytes.count <= 64 << 20 else { throw BankFileError.tooLarge(file: file, bytes: bytes.count) }
    let reader = Reader(file: file)
    let parser = XMLStreamParser(name: file, handler: reader)
    do {
      try bytes.withUnsafeBytes { try parser.parse($0) }
      try parser.finish()
    } catch let error as XMLParseError {
      switch error {
      case let .malformed(line, message): throw BankFileError.malformed(file: file, line: line, reason: "not well-formed XML: \(message)")
      case let .forbiddenDoctype(line): throw BankFileError.malformed(file: file, line: line, reason: "refused: the file declares a DOCTYPE or an entity")
      }
    }
    guard reader.sawDocument, !reader.statements.isEmpty else { throw BankFileError.unknownFormat(file: file) }
    return reader.statements
  }

  /// The transaction codes a payment's method is read from: ISO's domain/family/sub-family
  /// (`PMNT/RCDT/ESCT` a transfer received, `PMNT/RCHQ` a cheque, `PMNT/CCRD` a card…).
  static func method(family: String?) -> PaymentMethod? {
    switch family {
    case "RCDT", "ICDT": .virement
    case "RCHQ", "ICHQ": .cheque
    case "CCRD", "MCRD": .carte
    case "CNTR": .especes
    case "RDDT", "IDDT": .other
    default: nil
    }
  }
}

extension CAMT053 {
  /// One transaction of an entry, as read.
  struct Transaction {
    var amount: Cents?
    var isCredit: Bool?
    var payer: String?
    var payerIBAN: String?
    var remittance: [String] = []
    var information: String?
    var reference: String?
    var endToEnd: String?
  }

  /// One entry (`Ntry`), as read.
  struct Entry {
    var line = 0
    var amount: Cents?
    var isCredit: Bool?
    var status: String?
    var booked: Day?
    var value: Day?
    var reference: String?
    var entryReference: String?
    var information: String?
    var family: String?
    var subFamily: String?
    var proprietaryCode: String?
    var isReversal = false
    var transactions: [Transaction] = []
  }

  /// One balance (`Bal`), as read.
  struct Balance {
    var code: String?
    var amount: Cents?
    var isCredit = true
    var day: Day?
  }

  /// The streaming handler: a stack of element names, the text of the innermost, and the
  /// statement, entry and transaction being read.
  final class Reader: XMLContentHandler, XMLLocating {
    let file: String
    var locator: XMLParserState?
    private(set) var statements: [BankStatement] = []
    private(set) var sawDocument = false
    private var path: [String] = []
    private let text = ByteBuffer()
    private var account: String?
    private var currency: String?
    private var balances: [Balance] = []
    private var balance: Balance?
    private var entries: [Entry] = []
    private var entry: Entry?
    private var transaction: Transaction?
    private var statementLine = 0

    init(file: String) { self.file = file }

    private var line: Int { locator?.currentLine ?? 0 }

    private func refuse(_ reason: Phrase, line: Int? = nil) -> BankFileError {
      .malformed(file: file, line: line ?? self.line, reason: reason)
    }

    func startElement(_ name: XMLName, attributes: XMLAttributes) throws {
      let local = name.localNameString
      if path.isEmpty {
        guard local == "Document", let namespace = name.namespaceString, namespace.contains("camt.053") else {
          throw BankFileError.unknownFormat(file: file)
        }
        sawDocument = true
      }
      path.append(local)
      text.removeAll()
      switch local {
      case "Stmt" where parent == "BkToCstmrStmt":
        account = nil
        currency = nil
        balances = []
        entries = []
        statementLine = line
      case "Bal" where parent == "Stmt": balance = Balance()
      case "Ntry" where parent == "Stmt": entry = Entry(line: line)
      case "TxDtls" where entry != nil: transaction = Transaction()
      case "Amt" where at("Ntry", "Amt") || at("Bal", "Amt") || at("TxDtls", "Amt") || at("TxAmt", "Amt"):
        if let currency = attributes.string("Ccy"), currency != "EUR" {
          throw refuse("an amount in \(currency): Suivi records payments in euros")
        }
      default: break
      }
    }

    private var parent: String? { path.count >= 2 ? path[path.count - 2] : nil }

    /// Whether the path ends with `suffix`.
    private func at(_ suffix: String...) -> Bool {
      path.count >= suffix.count && Array(path.suffix(suffix.count)) == suffix
    }

    func characters(_ bytes: UnsafeBufferPointer<UInt8>) throws { text.append(bytes) }

    func endElement(_ name: XMLName) throws {
      defer {
        path.removeLast()
        text.removeAll()
      }
      let value = text.string.trimmingCharacters(in: [" ", "\n", "\r", "\t"])
      if transaction != nil {
        try endInTransaction(value)
      } else if entry != nil {
        try endInEntry(value)
      } else if balance != nil {
        try endInBalance(value)
      } else if at("Stmt", "Acct", "Id", "IBAN") || at("Stmt", "Acct", "Id", "Othr", "Id") {
        account = value
      } else if at("Stmt", "Acct", "Ccy") {
        currency = value
        if value != "EUR" { throw refuse("the account is in \(value): Suivi records payments in euros") }
      } else if at("BkToCstmrStmt", "Stmt") {
        try finishStatement()
      }
    }

    private func amount(_ value: String) throws -> Cents {
      guard let cents = OFX.amount(value), cents >= .zero else { throw refuse("'\(value)' is not an amount") }
      return cents
    }

    private func day(_ value: String) throws -> Day {
      guard let day = Day.iso(String(value.prefix(10))) else { throw refuse("'\(value)' is not a day") }
      return day
    }

    private func credit(_ value: String) throws -> Bool {
      switch value {
      case "CRDT": return true
      case "DBIT": return false
      default: throw refuse("'\(value)' is neither CRDT nor DBIT")
      }
    }

    private func endInBalance(_ value: String) throws {
      if at("Bal", "Tp", "CdOrPrtry", "Cd") {
        balance?.code = value
      } else if at("Bal", "Amt") {
        balance?.amount = try amount(value)
      } else if at("Bal", "CdtDbtInd") {
        balance?.isCredit = try credit(value)
      } else if at("Bal", "Dt", "Dt") || at("Bal", "Dt", "DtTm") {
        balance?.day = try day(value)
      } else if at("Stmt", "Bal"), let finished = balance {
        balances.append(finished)
        balance = nil
      }
    }

    private func endInEntry(_ value: String) throws {
      if at("Ntry", "Amt") {
        entry?.amount = try amount(value)
      } else if at("Ntry", "CdtDbtInd") {
        entry?.isCredit = try credit(value)
      } else if at("Ntry", "Sts") || at("Ntry", "Sts", "Cd") {
        if !value.isEmpty { entry?.status = value }
      } else if at("Ntry", "BookgDt", "Dt") || at("Ntry", "BookgDt", "DtTm") {
        entry?.booked = try day(value)
      } else if at("Ntry", "ValDt", "Dt") || at("Ntry", "ValDt", "DtTm") {
        entry?.value = try day(value)
      } else if at("Ntry", "RvslInd") {
        entry?.isReversal = value == "true" || value == "1"
      } else if at("Ntry", "AcctSvcrRef") {
        entry?.reference = value
      } else if at("Ntry", "NtryRef") {
        entry?.entryReference = value
      } else if at("Ntry", "AddtlNtryInf") {
        entry?.information = value
      } else if at("BkTxCd", "Domn", "Fmly", "Cd") {
        entry?.family = value
      } else if at("BkTxCd", "Domn", "Fmly", "SubFmlyCd") {
        entry?.subFamily = value
      } else if at("BkTxCd", "Prtry", "Cd") {
        entry?.proprietaryCode = value
      } else if at("Stmt", "Ntry"), let finished = entry {
        entry = nil
        if finished.status == nil || finished.status == "BOOK" { entries.append(finished) }
      }
    }

    private func endInTransaction(_ value: String) throws {
      if at("TxDtls", "Amt") || at("TxDtls", "AmtDtls", "TxAmt", "Amt") {
        transaction?.amount = try amount(value)
      } else if at("TxDtls", "AmtDtls", "InstdAmt", "Amt") {
        if transaction?.amount == nil { transaction?.amount = try amount(value) }
      } else if at("TxDtls", "CdtDbtInd") {
        transaction?.isCredit = try credit(value)
      } else if at("RltdPties", "Dbtr", "Nm") || at("RltdPties", "Dbtr", "Pty", "Nm") {
        transaction?.payer = value
      } else if at("RltdPties", "DbtrAcct", "Id", "IBAN") {
        transaction?.payerIBAN = value.uppercased().filter { $0 != " " }
      } else if at("RmtInf", "Ustrd") || at("RmtInf", "Strd", "CdtrRefInf", "Ref") || at("RmtInf", "Strd", "RfrdDocInf", "Nb")
        || at("RmtInf", "Strd", "AddtlRmtInf")
      {
        if !value.isEmpty { transaction?.remittance.append(value) }
      } else if at("TxDtls", "AddtlTxInf") {
        transaction?.information = value
      } else if at("TxDtls", "Refs", "AcctSvcrRef") {
        transaction?.reference = value
      } else if at("TxDtls", "Refs", "EndToEndId") {
        if value != "NOTPROVIDED" { transaction?.endToEnd = value }
      } else if at("NtryDtls", "TxDtls"), let finished = transaction {
        entry?.transactions.append(finished)
        transaction = nil
      }
    }

    /// The statement's movements from its entries, and its balances checked by the import.
    private func finishStatement() throws {
      let opening = balances.first { $0.code == "OPBD" } ?? balances.first { $0.code == "PRCD" }
      guard let closing = balances.first(where: { $0.code == "CLBD" }) else {
        throw refuse("a statement (Stmt) has no closing booked balance (CLBD)", line: statementLine)
      }
      func signed(_ balance: Balance) throws -> (Day, Cents) {
        guard let amount = balance.amount, let day = balance.day else { throw refuse("a balance (Bal) has no amount or no day", line: statementLine) }
        return (day, balance.isCredit ? amount : -amount)
      }
      let (closingDay, closingAmount) = try signed(closing)
      var movements: [BankMovement] = []
      for entry in entries { movements += try self.movements(of: entry) }
      let total = movements.map(\.amount).reduce(.zero, +)
      let start = try opening.map(signed) ?? (movements.map(\.bookedOn).min() ?? closingDay, closingAmount - total)
      statements.append(
        BankStatement(
          account: account ?? "CAMT", currency: currency ?? "EUR", opening: .init(day: start.0, amount: start.1),
          closing: .init(day: closingDay, amount: closingAmount), movements: movements))
    }

    /// An entry's movements: one per transaction when each gives its amount and they add up
    /// to the entry's, else the entry as one movement with every transaction's details.
    private func movements(of entry: Entry) throws -> [BankMovement] {
      guard let amount = entry.amount, let isCredit = entry.isCredit else {
        throw refuse("an entry (Ntry) has no amount or no credit/debit indicator", line: entry.line)
      }
      guard let booked = entry.booked ?? entry.value else { throw refuse("an entry (Ntry) has no booking day", line: entry.line) }
      let entrySigned = isCredit ? amount : -amount
      let method = CAMT053.method(family: entry.family)
      func movement(_ cents: Cents, _ transactions: [Transaction], index: Int?) -> BankMovement {
        let information = transactions.compactMap(\.information).filter { !$0.isEmpty }
        let label = (information.first ?? entry.information ?? transactions.first?.payer ?? entry.proprietaryCode ?? "")
        var remittance = transactions.flatMap(\.remittance) + information.dropFirst()
        if information.first != nil, let extra = entry.information, !extra.isEmpty { remittance.append(extra) }
        // The bank's reference identifies the movement; a transaction of a batch is that
        // reference and its rank (banks often repeat the entry's reference in each).
        let reference = entry.reference ?? transactions.first?.reference
        let fitid = reference.map { reference in index.map { "\(reference)/\($0 + 1)" } ?? reference }
        var out = BankMovement(
          bookedOn: booked, valueOn: entry.value, amount: cents, label: label, operationCode: entry.proprietaryCode ?? entry.family,
          bankReference: transactions.first?.endToEnd ?? entry.entryReference, payer: transactions.first { $0.payer != nil }?.payer,
          remittance: remittance, line: entry.line, fitid: fitid)
        out.payerIBAN = transactions.first { $0.payerIBAN != nil }?.payerIBAN
        out.method = method
        out.isReversal = entry.isReversal && !isCredit
        return out
      }
      let transactions = entry.transactions
      guard transactions.count > 1, transactions.allSatisfy({ $0.amount != nil }) else {
        return [movement(entrySigned, transactions, index: nil)]
      }
      let split = transactions.map { ($0.isCredit ?? isCredit) ? $0.amount! : -$0.amount! }
      let sum = split.reduce(.zero, +)
      guard sum == entrySigned else {
        throw refuse("an entry of \(entrySigned) holds transactions adding up to \(sum)", line: entry.line)
      }
      return zip(transactions, split).enumerated().map { index, pair in movement(pair.1, [pair.0], index: index) }
    }
  }
}
