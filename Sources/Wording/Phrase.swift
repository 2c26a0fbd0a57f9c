import CivilDate

/// A sentence for people, kept as its English wording (the key of the catalogue) and its
/// typed values, so that it can be told in English or in French with each value written
/// the language's way (`2024-11-02` / `02/11/2024`, `1234.56` / `1 234,56 €`).
///
/// Written as a string literal: `"is before the invoice date \(day)"` has the key
/// `is before the invoice date {}` and the day as its one value. ``description`` is the
/// English sentence; ``rendered(in:)`` tells it in a ``Language``, through the one
/// catalogue (``French``).
public struct Phrase: Hashable, Sendable, CustomStringConvertible, ExpressibleByStringInterpolation {
  /// A value in a sentence, written the way its language writes it.
  public indirect enum Value: Hashable, Sendable {
    /// Text shown as it is (a name, a file, a number of an invoice).
    case text(String)
    /// A civil day.
    case day(Day)
    /// An amount of money in euro cents.
    case amount(Int64)
    /// A count, a level, a row.
    case integer(Int)
    /// A decimal number written with a point (`5.5`, a rate, a DSO).
    case decimal(String)
    /// Another sentence (a label, a reason), told in the same language.
    case phrase(Phrase)
  }

  /// The English wording with `{}` where each value goes (`{{` and `}}` for braces).
  public let key: String
  /// The values, in the order of the key's `{}`.
  public let values: [Value]

  public init(key: String, values: [Value]) {
    self.key = key
    self.values = values
  }

  public init(stringLiteral text: String) {
    key = Self.escaped(text)
    values = []
  }

  public init(stringInterpolation: StringInterpolation) {
    key = stringInterpolation.key
    values = stringInterpolation.values
  }

  /// Text shown as it is, in every language (a file's content, a name).
  public static func verbatim(_ text: String) -> Phrase { Phrase(key: "{}", values: [.text(text)]) }

  /// The English sentence.
  public var description: String { rendered(in: .english) }

  /// The sentence told in `language`: its catalogue's wording (English when the catalogue
  /// has none, reported by ``Language/missing``), each value written that language's way.
  public func rendered(in language: Language) -> String {
    let template: String
    switch language {
    case .english: template = key
    case .french:
      if let french = French.catalogue[key] {
        template = french
      } else {
        if key.contains(where: \.isLowercase), !key.hasPrefix("-") { Language.reportMissing(key) }
        template = key
      }
    }
    return Self.fill(template, values.map { $0.rendered(in: language) })
  }

  /// `template` with its `{}` (in order) or `{N}` (the N-th value, from 1) replaced.
  static func fill(_ template: String, _ values: [String]) -> String {
    var out = ""
    var next = 0
    var index = template.startIndex
    while index < template.endIndex {
      let character = template[index]
      let after = template.index(after: index)
      if character == "{", after < template.endIndex, template[after] == "{" {
        out.append("{")
        index = template.index(after: after)
      } else if character == "}", after < template.endIndex, template[after] == "}" {
        out.append("}")
        index = template.index(after: after)
      } else if character == "{", let close = template[after...].firstIndex(of: "}") {
        let inside = template[after..<close]
        let position = inside.isEmpty ? next : (Int(inside) ?? 0) - 1
        if inside.isEmpty { next += 1 }
        out += values.indices.contains(position) ? values[position] : ""
        index = template.index(after: close)
      } else {
        out.append(character)
        index = after
      }
    }
    return out
  }

  static func escaped(_ text: String) -> String {
    guard text.contains(where: { $0 == "{" || $0 == "}" }) else { return text }
    return text.replacing("{", with: "{{").replacing("}", with: "}}")
  }

  /// Builds a phrase from a literal with values.
  public struct StringInterpolation: StringInterpolationProtocol {
    var key = ""
    var values: [Value] = []

    public init(literalCapacity: Int, interpolationCount: Int) {
      key.reserveCapacity(literalCapacity + 2 * interpolationCount)
    }

    public mutating func appendLiteral(_ literal: String) { key += Phrase.escaped(literal) }

    /// A value of any kind.
    public mutating func appendValue(_ value: Value) {
      key += "{}"
      values.append(value)
    }

    public mutating func appendInterpolation(_ text: String) { appendValue(.text(text)) }
    public mutating func appendInterpolation(_ text: Substring) { appendValue(.text(String(text))) }
    public mutating func appendInterpolation(_ day: Day) { appendValue(.day(day)) }
    public mutating func appendInterpolation(_ count: Int) { appendValue(.integer(count)) }
    public mutating func appendInterpolation(_ count: Int64) { appendValue(.integer(Int(count))) }
    public mutating func appendInterpolation(_ phrase: Phrase) { appendValue(.phrase(phrase)) }
    /// A decimal number written with a point (`12.5`), with a comma in French.
    public mutating func appendInterpolation(decimal text: String) { appendValue(.decimal(text)) }
    public mutating func appendInterpolation(_ value: some CustomStringConvertible) { appendValue(.text(value.description)) }
    /// An error: its sentence when it has one (``Phrased``), its text otherwise.
    public mutating func appendInterpolation(_ error: any Error) {
      appendValue((error as? any Phrased).map { .phrase($0.phrase) } ?? .text(String(describing: error)))
    }
  }
}

extension Phrase.Value {
  func rendered(in language: Language) -> String {
    switch self {
    case .text(let text): text
    case .day(let day): language == .french ? Numerals.frenchDay(day) : day.description
    case .amount(let cents): language == .french ? Numerals.frenchAmount(cents) : Numerals.englishAmount(cents)
    case .integer(let count): String(count)
    case .decimal(let text): language == .french ? text.replacing(".", with: ",") : text
    case .phrase(let phrase): phrase.rendered(in: language)
    }
  }
}

extension Phrase {
  /// This sentence, then `next` (no `+`: it would make every concatenation of string
  /// literals ambiguous).
  public func followed(by next: Phrase) -> Phrase {
    Phrase(key: "{}{}", values: [.phrase(self), .phrase(next)])
  }
}

extension Sequence where Element == Phrase {
  /// The phrases with `separator` between them (`, ` by default).
  public func joined(separator: String = ", ") -> Phrase {
    let items = Array(self)
    return Phrase(key: Array(repeating: "{}", count: items.count).joined(separator: Phrase.escaped(separator)), values: items.map { .phrase($0) })
  }
}

/// An error that can say what went wrong in either language.
public protocol Phrased: CustomStringConvertible {
  /// What went wrong and where, in one sentence.
  var phrase: Phrase { get }
}

extension Phrased {
  public var description: String { phrase.description }
}
