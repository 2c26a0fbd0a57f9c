import Ledger
import OOXML

/// A cell's value as the sync knows it: parsed once from what the cell shows
/// (``CellNormalizer``), by its column's kind, and used typed from then on.
///
/// Rows keep their values typed, in compact bytes (``RowValues``); the canonical text
/// (``canonical``: `2024-11-02`, `1234.56`, `2000`, `reglee`) is the form a conflict's
/// values are stored and identified in (``Merge/Cell/conflictID``), read back by
/// ``init(canonical:kind:)`` only there.
package enum SyncValue: Hashable, Sendable {
  case text(String)
  case day(Day)
  case amount(Cents)
  case rate(VATRate)
  case status(InvoiceStatus)
  case method(PaymentMethod)
  /// What a cell shows that cannot be read as its column's kind (a date column holding
  /// "bientôt"): kept as shown, never taken as a value.
  case unreadable(String)

  /// The value in canonical text.
  package var canonical: String {
    switch self {
    case let .text(text): text
    case let .day(day): day.description
    case let .amount(cents): CentsText.text(cents.value)
    case let .rate(rate): String(rate.basisPoints)
    case let .status(status): status.rawValue
    case let .method(method): method.rawValue
    case let .unreadable(shown): CellNormalizer.unreadable(shown)
    }
  }

  /// The value whose canonical text in a column of `kind` is `canonical`; `nil` for no
  /// value. (A text that is no canonical text of its kind is unreadable.)
  package init?(canonical: String?, kind: SyncColumn.Kind) {
    guard let canonical else { return nil }
    if CellNormalizer.isUnreadable(canonical) {
      self = .unreadable(CellNormalizer.shown(canonical))
      return
    }
    let value: SyncValue? =
      switch kind {
      case .text: .text(canonical)
      case .date: Day.iso(canonical).map(SyncValue.day)
      case .amount: Self.canonicalCents(canonical).map { .amount(Cents($0)) }
      case .rate: Int64(canonical).map { .rate(VATRate(basisPoints: $0)) }
      case .status: InvoiceStatus(rawValue: canonical).map(SyncValue.status)
      case .method: PaymentMethod(rawValue: canonical).map(SyncValue.method)
      }
    self = value ?? .unreadable(canonical)
  }

  private static func canonicalCents(_ text: String) -> Int64? {
    var text = text
    return text.withUTF8 { CentsText.canonicalCents($0) }
  }

  package var day: Day? { if case let .day(day) = self { day } else { nil } }
  package var cents: Cents? { if case let .amount(cents) = self { cents } else { nil } }
  package var rate: VATRate? { if case let .rate(rate) = self { rate } else { nil } }
  package var status: InvoiceStatus? { if case let .status(status) = self { status } else { nil } }
  package var method: PaymentMethod? { if case let .method(method) = self { method } else { nil } }
  package var text: String? { if case let .text(text) = self { text } else { nil } }
  package var isUnreadable: Bool { if case .unreadable = self { true } else { false } }
}

extension RowValues {
  /// The typed value of `column` (``SyncValue``).
  package func value(_ column: SyncColumn) -> SyncValue? { self[column] }

  package func day(_ column: SyncColumn) -> Day? { self[column]?.day }
  package func cents(_ column: SyncColumn) -> Cents? { self[column]?.cents }
  package func text(_ column: SyncColumn) -> String? { self[column]?.text }
  package var status: InvoiceStatus? { self[.status]?.status }
  package var method: PaymentMethod? { self[.paymentMethod]?.method }
  package var rate: VATRate? { self[.vat]?.rate }
}
