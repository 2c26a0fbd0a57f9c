/// The language of a model sheet's headers, lists and labels.
public enum TemplateLanguage: String, CaseIterable, Sendable {
  case fr, en
}

/// A text in each language; a plain string in the description stands for all of them.
public struct Localized: Decodable, Sendable, Equatable {
  public var fr: String
  public var en: String

  public init(fr: String, en: String) {
    self.fr = fr
    self.en = en
  }

  public init(from decoder: any Decoder) throws {
    if let text = try? decoder.singleValueContainer().decode(String.self) {
      self.init(fr: text, en: text)
      return
    }
    let container = try decoder.container(keyedBy: CodingKeys.self)
    self.init(fr: try container.decode(String.self, forKey: .fr), en: try container.decode(String.self, forKey: .en))
  }

  private enum CodingKeys: String, CodingKey { case fr, en }

  /// The text in `language`.
  public subscript(_ language: TemplateLanguage) -> String { language == .fr ? fr : en }
}

/// A title and a message in each language (a validation's error).
public struct LocalizedPair: Decodable, Sendable {
  public var fr: [String]
  public var en: [String]

  /// The title and message in `language`.
  public subscript(_ language: TemplateLanguage) -> (title: String, message: String) {
    let pair = language == .fr ? fr : en
    return (pair.first ?? "", pair.count > 1 ? pair[1] : "")
  }
}
