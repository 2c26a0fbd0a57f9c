import Wording
#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Reading a small text file (an edits file) whole, with a size cap.
enum TextFile {
  /// Larger files are refused: an edits file of 256 MB is a mistake.
  static let maximumSize = 256 << 20

  /// The file's text (invalid UTF-8 repaired).
  /// - Throws: ``TextFileError`` with the system's reason.
  static func read(_ path: String) throws -> String {
    let descriptor = open(path, O_RDONLY | O_CLOEXEC)
    guard descriptor >= 0 else { throw TextFileError(reason: .verbatim(String(cString: strerror(errno)).lowercased())) }
    defer { close(descriptor) }
    return try readAll(descriptor)
  }

  /// Everything on `descriptor` until its end.
  static func readAll(_ descriptor: Int32) throws -> String {
    var bytes: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 1 << 16)
    while true {
      let count = chunk.withUnsafeMutableBytes { systemRead(descriptor, $0.baseAddress, $0.count) }
      if count < 0 {
        if errno == EINTR { continue }
        throw TextFileError(reason: .verbatim(String(cString: strerror(errno)).lowercased()))
      }
      if count == 0 { break }
      bytes.append(contentsOf: chunk[..<count])
      if bytes.count > maximumSize { throw TextFileError(reason: "larger than \(maximumSize >> 20) MB") }
    }
    return String(decoding: bytes, as: UTF8.self)
  }
}

enum StandardInput {
  static func readAll() throws -> String { try TextFile.readAll(STDIN_FILENO) }
}

struct TextFileError: Error, Phrased {
  let reason: Phrase
  var phrase: Phrase { reason }
}

#if canImport(Glibc)
  private let systemRead = Glibc.read
#elseif canImport(Darwin)
  private let systemRead = Darwin.read
#endif
