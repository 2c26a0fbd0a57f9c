import Ledger

@testable import SheetSync

// Values written in tests as their canonical texts (`"500.00"`, `"reglee"`,
// `"2024-11-02"`), read by their column's kind (``SyncValue/init(canonical:kind:)``): short
// to write, and a test still compares typed values.

extension RowValues: ExpressibleByDictionaryLiteral {
  public init(dictionaryLiteral elements: (SyncColumn, String)...) {
    self.init(elements.compactMap { column, text in SyncValue(canonical: text, kind: column.kind).map { (key: column, value: $0) } })
  }

  /// A column's value as canonical text.
  subscript(text column: SyncColumn) -> String? {
    get { self[column]?.canonical }
    set { self[column] = SyncValue(canonical: newValue, kind: column.kind) }
  }
}

extension Merge.Cell {
  init(number: String, column: SyncColumn, base: String?, ledger: String?, sheet: String?) {
    self.init(
      number: number, column: column, base: SyncValue(canonical: base, kind: column.kind),
      ledger: SyncValue(canonical: ledger, kind: column.kind), sheet: SyncValue(canonical: sheet, kind: column.kind))
  }
}

/// Whether a value's canonical text is `text`.
func == (value: SyncValue?, text: String) -> Bool { value?.canonical == text }
func != (value: SyncValue?, text: String) -> Bool { !(value == text) }
