import DocumentLibraries
import Wording

/// Cairo, Pango and libcurl, loaded on first use rather than at every start (see
/// DocumentLibraries.h).
enum Libraries {
  /// Loads them, or says which is missing and what to install.
  static func load() throws(LoadFailure) {
    var message = [CChar](repeating: 0, count: 512)
    guard suivi_document_libraries_load(&message, message.count) != 0 else { return }
    let reason = String(decoding: message.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    throw LoadFailure(reason: reason)
  }

  struct LoadFailure: Error {
    let reason: String
    var phrase: Phrase { "\(reason) (install Debian's libcairo2, libpango-1.0-0, libpangocairo-1.0-0 and libcurl4)" }
  }
}
