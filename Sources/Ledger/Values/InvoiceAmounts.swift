/// An invoice's amounts as the ledger knows them: the TTC always (what the client owes);
/// the HT, the VAT and its rate when they are known.
///
/// | how the amounts came | HT | VAT | rate | TTC |
/// | --- | --- | --- | --- | --- |
/// | an invoice Suivi issues (HT at a rate) | given | HT × rate, half up | given | HT + VAT |
/// | a tracker with HT and TTC | given | TTC − HT | derived from them | given |
/// | a tracker with TTC and a rate | TTC − VAT | TTC × rate / (1 + rate) | given | given |
/// | a tracker with one amount | unknown | unknown | unknown | given |
///
/// Never invented: a tracker's TTC is kept to the cent, and a VAT the tracker does not
/// give is unknown, not 20 % (a micro-entrepreneur charges none: *TVA non applicable,
/// art. 293 B du CGI*). When HT is known, `ttc == ht + vat`.
public struct InvoiceAmounts: Sendable, Equatable {
  public var ht: Cents?
  public var vatRate: VATRate?
  public var vat: Cents?
  public var ttc: Cents

  public init(ht: Cents?, vatRate: VATRate?, vat: Cents?, ttc: Cents) {
    self.ht = ht
    self.vatRate = vatRate
    self.vat = vat
    self.ttc = ttc
  }

  /// A TTC whose HT, VAT and rate are unknown.
  public static func ttcOnly(_ ttc: Cents) -> InvoiceAmounts { InvoiceAmounts(ht: nil, vatRate: nil, vat: nil, ttc: ttc) }

  /// The amounts of a business under the franchise en base de TVA (art. 293 B du CGI): no
  /// VAT rate, a VAT of zero, the TTC its HT.
  public static func withoutVAT(_ ht: Cents) -> InvoiceAmounts { InvoiceAmounts(ht: ht, vatRate: nil, vat: .zero, ttc: ht) }

  /// Amounts computed from `ht` at `rate`: the VAT rounded half up, the TTC their sum.
  public static func computed(ht: Cents, rate: VATRate) -> InvoiceAmounts {
    let vat = rate.tax(on: ht)
    return InvoiceAmounts(ht: ht, vatRate: rate, vat: vat, ttc: ht + vat)
  }

  /// The amounts a tracker states (any of them may be missing), completed only by
  /// arithmetic on what is given; `nil` when they do not give a TTC (an HT without a rate
  /// or a VAT amount), or give inconsistent ones (a HT above the TTC).
  ///
  /// - HT and TTC: kept as given; the VAT is their difference, its rate derived.
  /// - HT and a rate, or HT and a VAT amount: the TTC follows.
  /// - TTC and a rate, or TTC and a VAT amount: the HT follows.
  /// - TTC alone: HT, VAT and rate unknown.
  public static func stated(ht: Cents?, rate: VATRate?, vat: Cents?, ttc: Cents?) -> InvoiceAmounts? {
    switch (ht, ttc) {
    case let (ht?, ttc?):
      guard ht <= ttc else { return nil }
      let vat = ttc - ht
      return InvoiceAmounts(ht: ht, vatRate: derivedRate(ht: ht, vat: vat) ?? rate, vat: vat, ttc: ttc)
    case let (ht?, nil):
      if let rate { return computed(ht: ht, rate: rate) }
      if let vat { return InvoiceAmounts(ht: ht, vatRate: derivedRate(ht: ht, vat: vat), vat: vat, ttc: ht + vat) }
      return nil
    case let (nil, ttc?):
      if let vat, vat <= ttc {
        return InvoiceAmounts(ht: ttc - vat, vatRate: derivedRate(ht: ttc - vat, vat: vat), vat: vat, ttc: ttc)
      }
      if let rate {
        let ht = Cents(Rounding.divideHalfUp(ttc.value * 10_000, by: 10_000 + rate.basisPoints))
        return InvoiceAmounts(ht: ht, vatRate: rate, vat: ttc - ht, ttc: ttc)
      }
      return InvoiceAmounts(ht: nil, vatRate: nil, vat: nil, ttc: ttc)
    case (nil, nil):
      return nil
    }
  }

  /// The rate that gives `vat` on `ht`: a rate of the French table when one gives it to
  /// the cent, else the ratio in basis points; `nil` when `ht` is zero or the ratio is
  /// over 100 %.
  public static func derivedRate(ht: Cents, vat: Cents) -> VATRate? {
    guard ht.value > 0, vat.value >= 0 else { return nil }
    if let known = VATRate.french.first(where: { $0.tax(on: ht) == vat }) { return known }
    let basisPoints = Rounding.divideHalfUp(vat.value * 10_000, by: ht.value)
    return basisPoints <= 10_000 ? VATRate(basisPoints: basisPoints) : nil
  }

  /// Whether the amounts are HT at a rate, computed (the VAT is the rate's to the cent).
  public var isComputed: Bool {
    guard let ht, let vatRate, let vat else { return false }
    return vatRate.tax(on: ht) == vat
  }
}

extension VATRate {
  /// The rates of French VAT, mainland, Corsica and overseas departments (CGI art. 278
  /// to 281 nonies, 296, 297), most common first.
  public static let french: [VATRate] = [2000, 1000, 550, 0, 210, 850, 1300, 175, 105, 90].map(VATRate.init(basisPoints:))
}
