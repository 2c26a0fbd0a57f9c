import Wording

/// How a reminder was sent (*canal de relance*).
public enum ReminderChannel: String, Sendable, Codable, CaseIterable {
  case phone, email, letter
  /// Lettre recommandée.
  case registeredLetter = "registered_letter"
  /// Lettre recommandée avec accusé de réception (LRAR).
  case registeredLetterAR = "registered_letter_ar"
  /// A filing at the court clerk (*requête en injonction de payer*).
  case court

  /// The French label.
  public var label: String {
    switch self {
    case .phone: "téléphone"
    case .email: "e-mail"
    case .letter: "courrier"
    case .registeredLetter: "lettre recommandée"
    case .registeredLetterAR: "LRAR"
    case .court: "greffe (injonction de payer)"
    }
  }

  /// Reads a channel in French or English (`phone`, `téléphone`, `email`, `courrier`,
  /// `lettre`, `recommandé`, `lrar`, `greffe`, `injonction`…).
  ///
  /// - Throws: ``LedgerError/invalidValue(field:text:reason:)``.
  public static func parse(_ text: String, field: Phrase = "--channel") throws -> ReminderChannel {
    switch Spelling.key(text) {
    case "phone", "telephone", "tel", "appel": return .phone
    case "email", "e mail", "mail", "courriel": return .email
    case "letter", "lettre", "courrier", "post": return .letter
    case "registered letter", "registered", "recommande", "lettre recommandee", "lr": return .registeredLetter
    case "registered letter ar", "lrar", "lettre recommandee ar", "recommande ar", "mise en demeure": return .registeredLetterAR
    case "court", "greffe", "injonction", "injonction de payer", "tribunal": return .court
    default:
      throw LedgerError.invalidValue(
        field: field, text: text, reason: "is not a channel (phone, email, letter, registered_letter, lrar, court)")
    }
  }
}

/// What came of a reminder (*résultat de la relance*), for the summary table.
public enum ReminderOutcome: String, Sendable, Codable, CaseIterable {
  /// The outcome in words, in French: `promesse de paiement`, `contestation`, `sans
  /// réponse`, `payée`.
  public var label: String {
    switch self {
    case .promise: "promesse de paiement"
    case .disputed: "contestation"
    case .noAnswer: "sans réponse"
    case .paid: "payée"
    }
  }

  /// The client promised to pay (*promesse de paiement*).
  case promise
  /// The client contests the invoice (*contestation*).
  case disputed
  /// No answer (*sans réponse*).
  case noAnswer = "no_answer"
  /// The invoice was paid after the reminder.
  case paid

  /// Reads `promise`/`promesse`, `disputed`/`contestation`, `no_answer`/`sans réponse`,
  /// `paid`/`payé`.
  ///
  /// - Throws: ``LedgerError/invalidValue(field:text:reason:)``.
  public static func parse(_ text: String) throws -> ReminderOutcome {
    switch Spelling.key(text) {
    case "promise", "promesse": return .promise
    case "disputed", "dispute", "contestation", "litige": return .disputed
    case "no answer", "none", "sans reponse": return .noAnswer
    case "paid", "paye", "payee", "regle", "reglee": return .paid
    default:
      throw LedgerError.invalidValue(field: "--outcome", text: text, reason: "is not an outcome (promise, disputed, no_answer, paid)")
    }
  }
}
