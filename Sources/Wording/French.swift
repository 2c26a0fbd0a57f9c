/// The one catalogue of what Suivi tells people, in French: each English sentence (its
/// ``Phrase/key``, `{}` where a value goes) and its French wording (`{}` in the same order,
/// or `{N}` for the N-th value when French orders them otherwise).
///
/// A sentence missing here is told in English and reported by the tests
/// (`SUIVI_CHECK_TRANSLATIONS=1`); `CatalogueTests` checks every sentence of the sources.
enum French {
  static let catalogue: [String: String] = [
    :
  ]
}
