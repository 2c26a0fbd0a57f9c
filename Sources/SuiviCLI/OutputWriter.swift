import Wording
#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A failure to write the command's output (a closed pipe, a full disk).
struct OutputError: Error, Phrased {
  let phrase: Phrase
}

/// Buffered writes to standard output, so that printing a large sheet is not one system
/// call per cell.
final class OutputWriter {
  private var buffer: [UInt8] = []
  private let capacity = 1 << 16

  init() { buffer.reserveCapacity(capacity) }

  deinit { try? flush() }

  func write(_ text: String) throws {
    buffer.append(contentsOf: text.utf8)
    if buffer.count >= capacity { try flush() }
  }

  func flush() throws {
    guard !buffer.isEmpty else { return }
    defer { buffer.removeAll(keepingCapacity: true) }
    try buffer.withUnsafeBytes { try Self.writeAll($0, to: STDOUT_FILENO) }
  }

  /// Writes every byte to a file descriptor, resuming after partial writes and signals.
  static func writeAll(_ bytes: UnsafeRawBufferPointer, to descriptor: Int32) throws {
    var offset = 0
    while offset < bytes.count {
      let written = Glibc.write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
      if written < 0 {
        if errno == EINTR { continue }
        throw OutputError(phrase: "cannot write the output: \(String(cString: strerror(errno)))")
      }
      offset += written
    }
  }
}
