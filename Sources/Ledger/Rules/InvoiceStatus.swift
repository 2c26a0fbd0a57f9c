import CivilDate

/// An invoice's status (*état*), derived from its facts as of a day and never stored.
///
/// The raw values are the stable codes of the JSON output; ``label`` is the French
/// wording of the seeds.
public enum InvoiceStatus: String, Sendable, Codable, CaseIterable {
  case draft
  case pending = "en_attente"
  case partiallyPaid = "partiellement_reglee"
  case paid = "reglee"
  case late = "en_retard"
  case toRemind = "a_relancer"
  case disputed = "litige"
  case voided = "annulee"

  /// The French wording: `En attente`, `Partiellement réglée`, `Réglée`…
  public var label: String {
    switch self {
    case .draft: "Brouillon"
    case .pending: "En attente"
    case .partiallyPaid: "Partiellement réglée"
    case .paid: "Réglée"
    case .late: "En retard"
    case .toRemind: "À relancer"
    case .disputed: "Litige"
    case .voided: "Annulée"
    }
  }

  /// Reads a code or a French label (`a_relancer`, `À relancer`, `reglee`, `payée`…).
  public static func parse(_ text: String) throws -> InvoiceStatus {
    let key = Spelling.key(text)
    if let status = allCases.first(where: { Spelling.key($0.rawValue) == key || Spelling.key($0.label) == key }) { return status }
    switch key {
    case "paid", "payee", "paye", "regle": return .paid
    case "brouillon": return .draft
    case "pending", "unpaid": return .pending
    case "overdue": return .late
    case "annule", "void", "voided": return .voided
    default:
      throw LedgerError.invalidValue(
        field: "--status", text: text, reason: "is not a status (\(allCases.map(\.rawValue).joined(separator: ", ")))")
    }
  }

  /// The status of an invoice with `facts` as of `day`, in this order of precedence:
  ///
  /// 1. voided on or before `day`, or cancelled by credit notes (nothing left to pay and
  ///    nothing paid: *annulée par avoir*) → *annulée*;
  /// 2. a credit note, or nothing left to pay → *réglée*;
  /// 3. contested → *litige*;
  /// 4. not yet issued, or awaiting validation (less than 48 hours, no answer) → draft;
  /// 5. within its terms → *partiellement réglée* if something was paid, else *en attente*;
  /// 6. past due with a reminder to send → *à relancer*; else *en retard*.
  public static func derive(_ facts: InvoiceFacts, asOf day: Day, policy: DunningPolicy) -> InvoiceStatus {
    if facts.isVoided(asOf: day) { return .voided }
    // (The balance once: every invoice of a tracker is given its status on every sync.)
    let balance = facts.balance(asOf: day)
    if facts.kind == .invoice, !balance.isPositive, facts.paid(asOf: day) == .zero, facts.credited(asOf: day).isPositive { return .voided }
    if facts.kind == .creditNote || !balance.isPositive { return .paid }
    if facts.isDisputed(asOf: day) { return .disputed }
    if facts.isDraft(asOf: day) { return .draft }
    if day <= facts.dueDate { return balance < facts.ttc ? .partiallyPaid : .pending }
    return policy.nextStep(for: facts, asOf: day) != nil ? .toRemind : .late
  }
}
