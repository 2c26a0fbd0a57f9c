import Ledger
import OOXML

/// A cell's value as the sync knows it: parsed once from what the cell shows
/// (``CellNormalizer``), by its column's kind, and used typed from then on.
///
/// Rows keep their values in one canonical text each (``canonical``: `2024-11-02`,
/// `1234.56`, `2000`, `reglee`; see ``RowValues``), the encoding the base is stored and
/// compared in without decoding, which a tracker of 100,000 rows needs; a value read back
/// from it (``init(canonical:kind:)``, or ``RowValues/value(_:)``) is the value parsed,
/// never the person's text parsed again.
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
  package func value(_ column: SyncColumn) -> SyncValue? { SyncValue(canonical: self[column], kind: column.kind) }

  package func day(_ column: SyncColumn) -> Day? { value(column)?.day }
  package func cents(_ column: SyncColumn) -> Cents? { value(column)?.cents }
  package var status: InvoiceStatus? { value(.status)?.status }
  package var method: PaymentMethod? { value(.paymentMethod)?.method }
  package var rate: VATRate? { value(.vat)?.rate }
}

extension Merge.Cell {
  /// The typed values of the cell's three sides.
  package var sheetValue: SyncValue? { SyncValue(canonical: sheet, kind: column.kind) }
  package var ledgerValue: SyncValue? { SyncValue(canonical: ledger, kind: column.kind) }
  package var baseValue: SyncValue? { SyncValue(canonical: base, kind: column.kind) }
}
