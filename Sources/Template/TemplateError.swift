import Wording
/// Why a model sheet could not be written. Each case says where.
public enum TemplateError: Error, Phrased, Equatable {
  /// The output exists and `--force` was not given.
  case outputExists(path: String)
  /// The model's description is inconsistent (a bug in `Templates/model.json`).
  case invalidModel(Phrase)

  public var phrase: Phrase {
    switch self {
    case let .outputExists(path): "\(path): already exists; choose another name or add --force to replace it"
    case let .invalidModel(reason): "Templates/model.json: \(reason)"
    }
  }
}
