import Wording

extension Phrase.StringInterpolation {
  /// An amount, written `1234.56` in English and `1 234,56 €` in French.
  public mutating func appendInterpolation(_ amount: Cents) { appendValue(.amount(amount.value)) }
  /// A rate, written `5.5` in English and `5,5` in French.
  public mutating func appendInterpolation(_ rate: VATRate) { appendValue(.decimal(rate.description)) }
}
