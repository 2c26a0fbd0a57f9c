import Wording
import CivilDate

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
/// | `rate.ecb.YYYY-HN` | ``DatedRates/ecbMainRefinancing`` | the ECB main refinancing rate, %, in force on 1 January (H1) or 1 July (H2): a half-year the shipped table lacks, or a correction |
/// | `rate.legal.YYYY-HN` | ``DatedRates/legalInterestProfessional`` | the taux de l'intérêt légal (professional creditor), %, of the half-year |
/// | `penalty.margin` | `10` | points added to the ECB rate (L441-10: ECB + 10) |
/// | `penalty.rate` | unset | a contractual rate, %, instead of ECB + margin: at least three times the legal interest rate (L441-10 II) |
/// | `penalty.indemnity` | `40.00` | fixed recovery indemnity per late invoice (D441-5) |
/// | `documents.templates` | unset | a folder of templates replacing the built-in ones of the same name |
/// | `documents.language` | `fr` | the language of the documents (`fr` or `en`) |
/// | `smtp.url`, `smtp.user`, `smtp.ca_file` | unset | the mail server `suivi send` sends through (TLS required but on loopback; the password from `SUIVI_SMTP_PASSWORD`, never stored) |
/// | `business.*` | unset | who the business is, on its documents (``BusinessIdentity``) |
/// | `vat.franchise` | `off` | `on`: the business is under the franchise en base de TVA (art. 293 B du CGI): its invoices carry no VAT and the mention *TVA non applicable, art. 293 B du CGI* |
public struct LedgerSettings: Sendable, Equatable {
  public var invoicePrefix = "FA"
  public var creditNotePrefix = "AV"
  public var dunning = DunningPolicy.standard
  /// The ECB main refinancing rate by half-year.
  public var ecbRates = DatedRates.ecbMainRefinancing
  /// The legal interest rate (professional creditor) by half-year.
  public var legalRates = DatedRates.legalInterestProfessional
  /// The points added to the ECB rate, in basis points (1000 = 10 points).
  public var penaltyMarginBasisPoints: Int64 = 1000
  /// A contractual penalty rate that replaces ECB + margin, in basis points.
  public var contractualRateBasisPoints: Int64?
  public var indemnity = Cents(euros: 40)
  /// Whether the business is under the franchise en base de TVA (art. 293 B du CGI).
  public var vatFranchise = false
  /// Who the business is, for its documents (``BusinessIdentity``: `business.*`).
  public var business = BusinessIdentity()
  /// A folder of the assistant's own templates, each replacing the built-in one of its name.
  public var documentTemplates = ""
  /// The language of the documents: `fr` (the default) or `en`.
  public var documentLanguage = "fr"
  /// The mail server documents are sent through (`smtp://host:587`, `smtps://host:465`), if any;
  /// without one, `suivi send` leaves the message in the outbox for the mail client.
  public var smtpURL = ""
  public var smtpUser = ""
  /// A certificate authority's file to trust for the mail server.
  public var smtpCAFile = ""

  public init() {}

  /// What a penalty claim depends on (``LatePaymentPenalty``), for a client who is a
  /// consumer or not, with the day of its mise en demeure.
  public func penaltyTerms(isConsumer: Bool = false, miseEnDemeure: Day? = nil) -> LatePaymentPenalty.Terms {
    LatePaymentPenalty.Terms(
      isConsumer: isConsumer, marginBasisPoints: penaltyMarginBasisPoints, contractualBasisPoints: contractualRateBasisPoints, ecb: ecbRates,
      legal: legalRates, indemnity: indemnity, miseEnDemeure: miseEnDemeure)
  }

  /// A professional client's penalty rate for the days of `half`: the contractual rate if
  /// set (never below three times the legal rate), else the ECB rate plus the margin.
  public func penaltyRate(in half: HalfYear) -> DatedRates.Applied { penaltyTerms().rate(in: half) }

  /// Every key ``apply(key:value:)`` accepts.
  public static let keys = [
    "invoice.prefix", "credit_note.prefix", "dunning.levels", "dunning.first_delay_days", "dunning.spacing_days",
    "dunning.level.N.channel", "dunning.level.N.delay_days", "rate.ecb.YYYY-HN", "rate.legal.YYYY-HN", "penalty.margin", "penalty.rate",
    "penalty.indemnity", "vat.franchise", "documents.templates", "documents.language", "smtp.url", "smtp.user", "smtp.ca_file",
  ] + BusinessIdentity.keys

  /// Sets one key from its text, checking the value.
  ///
  /// - Throws: ``LedgerError/invalidValue(field:text:reason:)`` for an unknown key or a bad value.
  public mutating func apply(key: String, value: String) throws {
    func refuse(_ reason: Phrase) -> LedgerError { .invalidValue(field: .verbatim(key), text: value, reason: reason) }
    func days() throws -> Int {
      guard let days = Int(value), (0...3650).contains(days) else { throw refuse("is not a number of days (0–3650)") }
      return days
    }
    func percent() throws -> Int64 {
      guard let hundredths = try? Cents.parse(value, field: .verbatim(key), requirePositive: false), hundredths.value <= 10_000 else {
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
    case "penalty.ecb_rate":
      throw refuse("the ECB rate is fixed by half-year: set rate.ecb.YYYY-H1 or rate.ecb.YYYY-H2 (the rate in force on 1 January or 1 July)")
    case "penalty.margin": penaltyMarginBasisPoints = try percent()
    case "penalty.rate": contractualRateBasisPoints = value.isEmpty ? nil : try percent()
    case "penalty.indemnity": indemnity = try Cents.parse(value, field: .verbatim(key), requirePositive: false)
    case "vat.franchise":
      switch value.lowercased() {
      case "on", "oui", "yes", "true", "1": vatFranchise = true
      case "off", "non", "no", "false", "0": vatFranchise = false
      default: throw refuse("is not on or off")
      }
    case _ where key.hasPrefix("rate.ecb.") || key.hasPrefix("rate.legal."):
      let isECB = key.hasPrefix("rate.ecb.")
      guard let half = HalfYear(key.dropFirst(isECB ? 9 : 11)), (1999...9999).contains(half.year) else {
        throw refuse("is not a half-year's rate (rate.ecb.2026-H2, rate.legal.2026-H2)")
      }
      let rate = try percent()
      if isECB { ecbRates.set(half, basisPoints: rate, source: "réglage \(key)") } else { legalRates.set(half, basisPoints: rate, source: "réglage \(key)") }
    case "documents.templates": documentTemplates = value
    case "smtp.url":
      guard value.isEmpty || value.hasPrefix("smtp://") || value.hasPrefix("smtps://") else {
        throw refuse("is not a mail server (smtp://HOST:PORT, or smtps://HOST:PORT for TLS from the start)")
      }
      smtpURL = value
    case "smtp.user": smtpUser = value
    case "smtp.ca_file": smtpCAFile = value
    case "documents.language":
      guard ["fr", "en", ""].contains(value) else { throw refuse("is not fr or en") }
      documentLanguage = value.isEmpty ? "fr" : value
    case _ where key.hasPrefix("business."):
      guard try business.apply(key: key, value: value, refuse: refuse) else {
        throw refuse("is not a setting (known: \(Self.keys.joined(separator: ", ")))")
      }
    default: try applyLevel(key: key, value: value, refuse: refuse)
    }
  }

  private mutating func applyLevel(key: String, value: String, refuse: (Phrase) -> LedgerError) throws {
    let parts = key.split(separator: ".")
    guard parts.count == 4, parts[0] == "dunning", parts[1] == "level", let level = Int(parts[2]),
      (1...DunningPolicy.standard.levels.count).contains(level)
    else { throw refuse("is not a setting (known: \(Self.keys.joined(separator: ", ")))") }
    switch parts[3] {
    case "channel": dunning.levels[level - 1].channel = try ReminderChannel.parse(value, field: .verbatim(key))
    case "delay_days":
      guard let days = Int(value), (0...3650).contains(days) else { throw refuse("is not a number of days (0–3650)") }
      dunning.levels[level - 1].delayDays = days
    default: throw refuse("is not a setting (known: \(Self.keys.joined(separator: ", ")))")
    }
  }
}
