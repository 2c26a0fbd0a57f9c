import Wording

// The names people read for the ledger's codes: English here, French through the catalogue
// (the seeds' words, as ``InvoiceStatus/label`` writes them in a sheet). The codes
// (`reglee`, `registered_letter_ar`) are for `--json` and scripts only.

extension InvoiceStatus {
  public var name: Phrase {
    switch self {
    case .draft: "draft"
    case .pending: "pending"
    case .partiallyPaid: "partly paid"
    case .paid: "paid"
    case .late: "late"
    case .toRemind: "to remind"
    case .disputed: "disputed"
    case .voided: "voided"
    }
  }
}

extension PaymentMethod {
  public var name: Phrase {
    switch self {
    case .virement: "bank transfer"
    case .cheque: "cheque"
    case .especes: "cash"
    case .carte: "card"
    case .other: "other method"
    }
  }
}

extension ReminderChannel {
  public var name: Phrase {
    switch self {
    case .phone: "phone"
    case .email: "e-mail"
    case .letter: "letter"
    case .registeredLetter: "registered letter"
    case .registeredLetterAR: "registered letter with acknowledgement of receipt"
    case .court: "court (order for payment)"
    }
  }
}

extension ReminderOutcome {
  public var name: Phrase {
    switch self {
    case .promise: "promise to pay"
    case .disputed: "disputed"
    case .noAnswer: "no answer"
    case .paid: "paid"
    }
  }
}

extension DunningPolicy.Level {
  /// The step's name: the policy's own words when the business renamed it, else the
  /// default step's name in the run's language.
  public var displayName: Phrase { .dunningStep(level: level, name: name) }
}

extension Phrase {
  /// A dunning step's name (``DunningPolicy/Level/displayName``).
  public static func dunningStep(level: Int, name: String) -> Phrase {
    switch (level, name) {
    case (1, "relance cordiale"): "friendly reminder"
    case (2, "lettre recommandée"): "reminder letter (registered)"
    case (3, "mise en demeure"): "formal notice (mise en demeure)"
    case (4, "injonction de payer"): "order for payment (injonction de payer)"
    default: .verbatim(name)
    }
  }
}
