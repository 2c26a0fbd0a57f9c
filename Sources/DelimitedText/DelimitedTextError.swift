import Wording

/// Why text from outside (a CSV tracker, a bank's export) cannot be read: what, and on
/// which line when there is one.
public struct DelimitedTextError: Error, Equatable, Sendable {
  /// The 1-based line, when the problem has one.
  public let line: Int?
  /// What is wrong there.
  public let detail: Phrase

  public init(line: Int?, _ detail: Phrase) {
    self.line = line
    self.detail = detail
  }

  /// The line and what is wrong there.
  public var phrase: Phrase { line.map { "line \($0): \(detail)" } ?? detail }
}
