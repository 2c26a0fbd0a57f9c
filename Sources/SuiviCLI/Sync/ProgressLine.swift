import Wording
#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// One line on standard error that long work rewrites in place (`\r`), cleared at the end:
/// only when standard error is a terminal.
final class ProgressLine: Sendable {
  /// A line when standard error is a terminal and `enabled`, else `nil`.
  static func forStandardError(enabled: Bool) -> ProgressLine? {
    enabled && isatty(STDERR_FILENO) == 1 ? ProgressLine() : nil
  }

  func show(_ text: Phrase) { StandardError.write("\r\u{1B}[2Ksuivi: \(text.told)…") }

  func clear() { StandardError.write("\r\u{1B}[2K") }
}
