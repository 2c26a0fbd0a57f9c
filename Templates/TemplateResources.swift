/// The model sheet's description (`model.json` beside this file), embedded in the binary
/// at build time so that an installed `suivi` needs no source tree.
public enum TemplateResources {
  /// The bytes of `model.json`.
  public static var model: [UInt8] { PackageResources.model_json }
}

/// The documents' texts (`documents/*.mustache`), by name (`letter-1.fr`), embedded in the
/// binary like the model sheet.
public enum DocumentResources {
  public static let templates: [String: [UInt8]] = [
    "claim.en": PackageResources.claim_en_mustache,
    "claim.fr": PackageResources.claim_fr_mustache,
    "letter-1.en": PackageResources.letter_1_en_mustache,
    "letter-1.fr": PackageResources.letter_1_fr_mustache,
    "letter-2.en": PackageResources.letter_2_en_mustache,
    "letter-2.fr": PackageResources.letter_2_fr_mustache,
    "letter-3.en": PackageResources.letter_3_en_mustache,
    "letter-3.fr": PackageResources.letter_3_fr_mustache,
    "mail.en": PackageResources.mail_en_mustache,
    "mail.fr": PackageResources.mail_fr_mustache,
    "recap.en": PackageResources.recap_en_mustache,
    "recap.fr": PackageResources.recap_fr_mustache,
    "receipt.en": PackageResources.receipt_en_mustache,
    "receipt.fr": PackageResources.receipt_fr_mustache,
    "statement.en": PackageResources.statement_en_mustache,
    "statement.fr": PackageResources.statement_fr_mustache,
  ]
}
