import Template

extension ExitStatus {
  /// The status for a model-sheet failure: 40 when the output exists (without
  /// `--force`), 70 for an inconsistent embedded description (a bug).
  init(_ error: TemplateError) {
    switch error {
    case .outputExists: self = .outputExists
    case .invalidModel: self = .internalError
    }
  }
}
