import GRDB
import CivilDate

/// Corrections of an invoice's own fields (a person fixed the client, the amount or a date
/// in the tracker), each journaled old → new.
public struct InvoiceCorrection: Sendable, Equatable {
  public var clientName: String?
  public var service: String??
  public var issueDate: Day?
  public var dueDate: Day?
  public var ht: Cents?
  public var vatRate: VATRate?
  public var notes: String??

  public init() {}

  public var isEmpty: Bool { self == InvoiceCorrection() }
}

extension LedgerSession {
  /// Applies `correction` to the invoice `number`: the TTC follows HT and VAT; an unknown
  /// client is created with the default terms.
  /// - Throws: ``LedgerError`` when the invoice is unknown, voided, or the amount is not
  ///   positive.
  @discardableResult
  public func correctInvoice(_ number: String, _ correction: InvoiceCorrection) throws -> Invoice {
    var invoice = try invoice(numbered: number)
    try correct(&invoice, correction)
    return invoice
  }

  /// Applies many corrections (a sync's edited rows) with one query for their invoices:
  /// each as ``correctInvoice(_:_:)`` would, or, when it breaks a rule, not at all, with
  /// its error at its index in the result.
  public func correctInvoices(_ corrections: [(number: String, correction: InvoiceCorrection)]) throws -> [Int: LedgerError] {
    let numbers = corrections.map { try? InvoiceNumber.parse($0.number) }
    var invoices: [String: Invoice] = [:]  // by number in capitals
    let sql = "SELECT * FROM invoice WHERE number IN (SELECT value FROM json_each(?))"
    for invoice in try Invoice.fetchAll(db, sql: sql, arguments: [Self.jsonArray(numbers.compactMap { $0?.text })]) {
      invoices[invoice.invoiceNumber.key] = invoice
    }
    var errors: [Int: LedgerError] = [:]
    var unknownNumbers: [String]?
    for (index, item) in corrections.enumerated() {
      do {
        let number = try numbers[index] ?? InvoiceNumber.parse(item.number)
        guard var invoice = invoices[number.key] else {
          // (As ``invoice(numbered:)`` says it, with the nearest numbers.)
          unknownNumbers = try unknownNumbers ?? String.fetchAll(db, sql: "SELECT number FROM invoice")
          throw LedgerError.unknownInvoice(number: number.text, suggestions: NameSuggestions.nearest(number.text, among: unknownNumbers!))
        }
        try correct(&invoice, item.correction)
        invoices[number.key] = invoice
      } catch let error as LedgerError {
        errors[index] = error
      }
    }
    return errors
  }

  /// Corrects `invoice` and stores it, each change journaled. Nothing is written when the
  /// correction is refused.
  private func correct(_ invoice: inout Invoice, _ given: InvoiceCorrection) throws {
    let key = invoice.number
    var correction = given
    correction.service = try given.service.map { try $0.map { try LedgerText.note($0, field: "--service") } }
    correction.notes = try given.notes.map { try $0.map { try LedgerText.note($0, field: "--notes") } }
    if let ht = correction.ht, !ht.isPositive {
      throw LedgerError.invalidAmount(field: "amount HT", text: ht.description, reason: "must be positive")
    }
    if let name = correction.clientName {
      let client = try findClient(named: name) ?? addClient(Client(name: name))
      if client.id != invoice.clientId {
        let old = try Client.fetchOne(db, key: invoice.clientId)?.name
        try journalChange(entity: "invoice", key: key, field: "client", old: old, new: client.name)
        invoice.clientId = client.id!
      }
    }
    if let service = correction.service {
      try journalChange(entity: "invoice", key: key, field: "service", old: invoice.service, new: service)
      invoice.service = service
    }
    if let notes = correction.notes {
      try journalChange(entity: "invoice", key: key, field: "notes", old: invoice.notes, new: notes)
      invoice.notes = notes
    }
    if let day = correction.issueDate {
      try day.requireSupported(field: "--date")
      try journalChange(entity: "invoice", key: key, field: "issueDate", old: invoice.issueDate.description, new: day.description)
      invoice.issueDate = day
      invoice.placeInSeries()  // a series with a period is read with the date
    }
    if let day = correction.dueDate {
      try day.requireSupported(field: "--due")
      try journalChange(entity: "invoice", key: key, field: "dueDate", old: invoice.dueDate.description, new: day.description)
      invoice.dueDate = day
    }
    if correction.ht != nil || correction.vatRate != nil {
      let amounts = try corrected(invoice.amounts, ht: correction.ht, rate: correction.vatRate)
      try journalChange(entity: "invoice", key: key, field: "ht", old: invoice.ht?.description, new: amounts.ht?.description)
      try journalChange(entity: "invoice", key: key, field: "vatRate", old: invoice.vatRate?.description, new: amounts.vatRate?.description)
      if amounts.ttc != invoice.ttc {
        try journalChange(entity: "invoice", key: key, field: "ttc", old: invoice.ttc.description, new: amounts.ttc.description)
      }
      invoice.amounts = amounts
    }
    try invoice.update(db)
  }

  /// `amounts` with a new HT or rate: HT at a known rate computes the VAT and the TTC; an
  /// HT given for an invoice whose rate is unknown keeps the TTC (the VAT is the
  /// difference); a rate given for an invoice whose HT is unknown derives the HT from the TTC.
  func corrected(_ amounts: InvoiceAmounts, ht: Cents?, rate: VATRate?) throws -> InvoiceAmounts {
    if let rate, !(0...10_000).contains(rate.basisPoints) {
      throw LedgerError.invalidValue(field: "TVA", text: "\(rate)", reason: "is not a VAT rate (from 0 to 100 %)")
    }
    if let ht, ht.value.magnitude > Cents.maximum.value.magnitude {
      throw LedgerError.invalidAmount(field: "amount HT", text: ht.description, reason: "is larger than any invoice")
    }
    let newHT = ht ?? amounts.ht
    let newRate = rate ?? amounts.vatRate
    if let newHT, let newRate { return .computed(ht: newHT, rate: newRate) }
    guard let stated = InvoiceAmounts.stated(ht: newHT, rate: newRate, vat: nil, ttc: amounts.ttc) else {
      throw LedgerError.invalidAmount(field: "amount HT", text: newHT?.description ?? "", reason: "is more than the TTC \(amounts.ttc)")
    }
    return stated
  }
}
