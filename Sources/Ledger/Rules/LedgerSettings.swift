/// The ledger's configuration, stored in its `setting` table, with documented defaults.
///
/// | key | default | meaning |
/// | --- | --- | --- |
/// | `invoice.prefix` | `FA` | the series letters of new invoices (when set, new invoices are `PREFIX-YYNNNN` whatever the tracker's series) |
/// | `credit_note.prefix` | `AV` | the series letters of credit notes |
/// | `dunning.levels` | `4` | how many dunning levels (1–4) |
/// | `dunning.first_delay_days` | `1` | days after the due date before level 1 |
/// | `dunning.spacing_days` | `15` | days between two reminders of one invoice |
/// | `dunning.level.N.channel` | see ``DunningPolicy/standard`` | level N's channel |
/// | `dunning.level.N.delay_days` | first delay or spacing | level N's own delay |
/// | `penalty.ecb_rate` | `2.15` | ECB main refinancing rate, % (1 July 2025 reference) |
/// | `penalty.margin` | `10` | points added to the ECB rate (L441-10: ECB + 10) |
/// | `penalty.rate` | unset | a contractual rate, %, instead of ECB + margin |
/// | `penalty.indemnity` | `40.00` | fixed recovery indemnity per late invoice (D441-5) |
public struct LedgerSettings: Sendable, Equatable {
  public var invoicePrefix = "FA"
  public var creditNotePrefix = "AV"
  public var dunning = DunningPolicy.standard
  /// The ECB main refinancing rate in basis points (215 = 2.15 %).
  public var ecbRateBasisPoints: Int64 = 215
  /// The points added to the ECB rate, in basis points (1000 = 10 points).
  public var penaltyMarginBasisPoints: Int64 = 1000
  /// A contractual penalty rate that replaces ECB + margin, in basis points.
  public var contractualRateBasisPoints: Int64?
  public var indemnity = Cents(euros: 40)

  public init() {}

  /// The late-payment penalty rate in basis points: the contractual rate if set, else
  /// the ECB rate plus the margin (12.15 % by default).
  public var penaltyRateBasisPoints: Int64 { contractualRateBasisPoints ?? ecbRateBasisPoints + penaltyMarginBasisPoints }

  /// Every key ``apply(key:value:)`` accepts.
  public static let keys = [
    "invoice.prefix", "credit_note.prefix", "dunning.levels", "dunning.first_delay_days", "dunning.spacing_days",
    "dunning.level.N.channel", "dunning.level.N.delay_days", "penalty.ecb_rate", "penalty.margin", "penalty.rate",
    "penalty.indemnity",
  ]

  /// Sets one key from its text, checking the value.
  ///
  /// - Throws: ``LedgerError/invalidValue(field:text:reason:)`` for an unknown key or a bad value.
  public mutating func apply(key: String, value: String) throws {
    func refuse(_ reason: String) -> LedgerError { .invalidValue(field: key, text: value, reason: reason) }
    func days() throws -> Int {
      guard let days = Int(value), (0...3650).contains(days) else { throw refuse("is not a number of days (0–3650)") }
      return days
    }
    func percent() throws -> Int64 {
      guard let hundredths = try? Cents.parse(value, field: key, requirePositive: false), hundredths.value <= 10_000 else {
        throw refuse("is not a percentage (0–100, at most two decimals)")
      }
      return hundredths.value
    }
    switch key {
    case "invoice.prefix", "credit_note.prefix":
      guard NumberSeries.isStandardPrefix(value) else { throw refuse("is not a prefix (1 to 8 capital letters)") }
      if key == "invoice.prefix" { invoicePrefix = value } else { creditNotePrefix = value }
    case "dunning.levels":
      guard let count = Int(value), (1...DunningPolicy.standard.levels.count).contains(count) else { throw refuse("is not 1 to 4") }
      dunning.levelCount = count
    case "dunning.first_delay_days": dunning.firstDelayDays = try days()
    case "dunning.spacing_days": dunning.spacingDays = try days()
    case "penalty.ecb_rate": ecbRateBasisPoints = try percent()
    case "penalty.margin": penaltyMarginBasisPoints = try percent()
    case "penalty.rate": contractualRateBasisPoints = value.isEmpty ? nil : try percent()
    case "penalty.indemnity": indemnity = try Cents.parse(value, field: key, requirePositive: false)
    default: try applyLevel(key: key, value: value, refuse: refuse)
    }
  }

  private mutating func applyLevel(key: String, value: String, refuse: (String) -> LedgerError) throws {
    let parts = key.split(separator: ".")
    guard parts.count == 4, parts[0] == "dunning", parts[1] == "level", let level = Int(parts[2]),
      (1...DunningPolicy.standard.levels.count).contains(level)
    else { throw refuse("is not a setting (known: \(Self.keys.joined(separator: ", ")))") }
    switch parts[3] {
    case "channel": dunning.levels[level - 1].channel = try ReminderChannel.parse(value, field: key)
    case "delay_days":
      guard let days = Int(value), (0...3650).contains(days) else { throw refuse("is not a number of days (0–3650)") }
      dunning.levels[level - 1].delayDays = days
    default: throw refuse("is not a setting (known: \(Self.keys.joined(separator: ", ")))")
    }
  }
}
