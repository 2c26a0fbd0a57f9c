import Ledger
import OOXML

/// What a row's cells state as facts about its invoice: the one translator from sheet
/// edits to ledger facts, for a row adopted (no fact recorded yet) and for a row a later
/// pull finds changed.
///
/// A fact is taken only as the sheet states it: *Réglée* is a payment of the balance on the
/// day *Réglé le* gives, by the *Type de règlement* given (else *autre*); a higher
/// *Montant réglé* a payment of the difference; *Litige* a dispute; a reminder date a
/// reminder. Never a payment dated today: *Réglée* with no day is an open conflict on *Réglé
/// le*, no payment recorded until its day is given. Never a payment over one the ledger
/// recorded since the last sync: both sides changed what is paid, a conflict. What cannot
/// be a fact (un-paying, *Annulée*, *Partiellement réglée* with no amount) is a conflict.
struct RowFacts {
  enum Fact: Equatable {
    /// A payment allocated to this invoice: `amount`, or its whole balance when `nil`.
    case payment(amount: Cents?, on: Day, method: PaymentMethod, note: String)
    case dispute
    case endDispute
    case reminder(level: Int, on: Day)
  }

  /// The ledger's side of the invoice, when it has one.
  struct LedgerSide: Equatable {
    var paid: Cents
    var balance: Cents
    var status: InvoiceStatus
    /// Whether the invoice is in dispute (whatever status the days give it).
    var disputed = false
    var reminderLevels: Set<Int>
    /// What the ledger had recorded as paid at the last sync (`nil`: not known).
    var paidAtBase: Cents?
  }

  var facts: [Fact] = []
  /// Cells that state what the ledger cannot take, or not without a person's word.
  var conflicts: [(column: SyncColumn, kind: SyncConflict.Kind)] = []
  /// Cells changed that made no fact (their conflict is on another cell of the row).
  var unapplied: Set<SyncColumn> = []
  /// Cells whose statement the ledger already holds in full (*Réglée* for an invoice it
  /// has settled, *Partiellement réglée* for one it has payments on): they show the
  /// ledger's value from now on.
  var covered: Set<SyncColumn> = []

  /// Whether the invoice cannot take what the row states whatever a person decides (it
  /// was voided).
  var refusedOutright = false

  static let typedPaymentNote = "Montant réglé saisi dans le tableau"
  static let paidStatusNote = "Réglée d'après le tableau"

  /// The facts of `values`, whose cells in `changed` are the sheet's edits (every cell of
  /// a row new in the sheet). `ledger` is `nil` for a row adopted now. `decided`: a person
  /// said the sheet is right about what is paid (`suivi resolve --keep-sheet`).
  static func of(_ values: RowValues, changed: Set<SyncColumn>, ledger: LedgerSide?, decided: Bool = false) -> RowFacts {
    var result = RowFacts()
    let day = values.day(.paidOn)
    let method = values.method ?? .other
    let paid = ledger?.paid ?? .zero
    let balanceKnown = ledger?.balance
    // The ledger recorded a payment (or removed one) since the last sync: what the sheet
    // now says is paid is one side's word against the other's.
    let ledgerPaidChanged = !decided && ledger.map { side in side.paidAtBase.map { $0 != side.paid } ?? (side.paid != .zero) } == true
    let status = values.status
    var paymentStated = false
    // The cells that state a payment wait with its conflict.
    let paymentCells = changed.intersection(SyncColumn.paymentColumns)

    if changed.contains(.amountPaid), let typed = values.cents(.amountPaid) {
      let difference = typed.value - paid.value
      if difference > 0 {
        paymentStated = true
        if ledgerPaidChanged {
          result.conflicts.append((.amountPaid, .bothChanged))
          result.unapplied.formUnion(paymentCells)
        } else if let day {
          result.facts.append(.payment(amount: Cents(difference), on: day, method: method, note: typedPaymentNote))
        } else {
          result.conflicts.append((.paidOn, .undatedPayment))
          result.unapplied.formUnion(paymentCells)
        }
      } else if difference < 0 {
        result.conflicts.append((.amountPaid, .notApplicable))  // un-paying is not a fact
      }
    }
    if let status, ledger?.status == .voided, status != .voided, !changed.isDisjoint(with: SyncColumn.paymentColumns) {
      // A voided invoice counts for nothing: the sheet can neither pay, dispute nor reopen it.
      result.conflicts.append((.status, .notApplicable))
      result.unapplied.formUnion(paymentCells)
      result.refusedOutright = true
      return result
    }
    if let status, !changed.isDisjoint(with: [.status, .paidOn, .paymentMethod]) {
      switch status {
      case .paid where !paymentStated && (balanceKnown.map(\.isPositive) ?? true):
        paymentStated = true
        if ledgerPaidChanged {
          result.conflicts.append((.status, .bothChanged))
          result.unapplied.formUnion(paymentCells)
        } else if let day {
          result.facts.append(.payment(amount: nil, on: day, method: method, note: paidStatusNote))
        } else {
          result.conflicts.append((.paidOn, .undatedPayment))
          result.unapplied.formUnion(paymentCells)
        }
      case .paid: if changed.contains(.status) { result.covered.insert(.status) }
      case .disputed where changed.contains(.status):
        if ledger?.disputed == true || ledger?.status == .disputed { break }
        if let ledger, !ledger.balance.isPositive {
          // Disputed in the sheet, settled in the ledger: nothing is left to dispute.
          result.conflicts.append((.status, ledgerPaidChanged ? .bothChanged : .notApplicable))
        } else {
          result.facts.append(.dispute)
        }
      case .voided where changed.contains(.status): result.conflicts.append((.status, .notApplicable))  // a credit note cancels
      case .partiallyPaid where changed.contains(.status) && !paymentStated:
        // A partial payment of no amount: nothing to record, and not to be forgotten
        // unless the ledger has payments on the invoice.
        if let ledger, ledger.paid.isPositive {
          result.covered.insert(.status)
        } else {
          result.conflicts.append((.status, .notApplicable))
        }
      case .pending, .late, .toRemind, .draft, .partiallyPaid, .disputed, .voided:
        guard changed.contains(.status), let ledger else { break }
        if ledger.disputed || ledger.status == .disputed, status != .disputed, status != .draft {
          result.facts.append(.endDispute)
        } else if ledger.status == .paid, status != .partiallyPaid {
          result.conflicts.append((.status, .notApplicable))  // un-paying is not a fact
        }
      }
    }
    // A payment's day or method corrected, with no payment stated: the ledger keeps its own.
    if ledger != nil, !paymentStated {
      for column in [SyncColumn.paidOn, .paymentMethod] where changed.contains(column) {
        result.conflicts.append((column, .notApplicable))
      }
    }
    for column in SyncColumn.reminderColumns where changed.contains(column) {
      guard let level = column.reminderLevel else { continue }
      if let day = values.day(column), ledger?.reminderLevels.contains(level) != true {
        result.facts.append(.reminder(level: level, on: day))
      } else if ledger != nil {
        result.conflicts.append((column, .notApplicable))
      }
    }
    return result
  }
}
