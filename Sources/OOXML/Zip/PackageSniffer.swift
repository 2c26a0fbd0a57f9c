#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Tells, from a file's first bytes, what kind of container it is, so that an `.xls`, an
/// encrypted workbook or a stray text file gets an error that names what it really is.
enum PackageSniffer {
  enum Kind: Equatable {
    case zip, legacyExcel, encryptedPackage, otherCompoundFile, xmlSpreadsheet, unknown
  }

  /// The OLE2/CFB signature, used by `.xls` files and by encrypted OOXML packages.
  static let compoundFileMagic: [UInt8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]

  /// Classifies the file at `path`; `nil` when it cannot be read.
  static func kind(of path: String) -> Kind? {
    guard let head = readPrefix(path, count: 8) else { return nil }
    if head.starts(with: [0x50, 0x4B]) { return .zip }
    if head.starts(with: compoundFileMagic) { return compoundKind(path) }
    if head.starts(with: Array("<?xml".utf8)) || head.starts(with: [0xEF, 0xBB, 0xBF, 0x3C]) {
      return .xmlSpreadsheet
    }
    return .unknown
  }

  /// Whether the file starts with a zip local-header or end-of-directory signature.
  static func startsLikeZip(_ path: String) -> Bool {
    readPrefix(path, count: 2).map { $0.starts(with: [0x50, 0x4B]) } ?? false
  }

  /// An encrypted OOXML package is a CFB container with an `EncryptionInfo` stream; a
  /// legacy workbook has a `Workbook` (or `Book`) stream. Directory entry names are
  /// UTF-16LE, so search for them as such.
  private static func compoundKind(_ path: String) -> Kind {
    guard let bytes = readPrefix(path, count: 64 << 20) else { return .otherCompoundFile }
    func utf16(_ text: String) -> [UInt8] { text.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] } }
    if contains(bytes, utf16("EncryptionInfo")) || contains(bytes, utf16("EncryptedPackage")) {
      return .encryptedPackage
    }
    if contains(bytes, utf16("Workbook")) || contains(bytes, utf16("Book")) { return .legacyExcel }
    return .otherCompoundFile
  }

  private static func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
    guard let first = needle.first, haystack.count >= needle.count else { return false }
    var index = 0
    let last = haystack.count - needle.count
    while index <= last {
      if haystack[index] == first, haystack[index..<index + needle.count].elementsEqual(needle) { return true }
      index += 1
    }
    return false
  }

  private static func readPrefix(_ path: String, count: Int) -> [UInt8]? {
    guard (try? ZipArchive.refuseIfNotAFile(path)) != nil else { return nil }
    guard let file = fopen(path, "rb") else { return nil }
    defer { fclose(file) }
    guard fseek(file, 0, SEEK_END) == 0 else { return nil }
    let size = ftell(file)
    guard size >= 0, fseek(file, 0, SEEK_SET) == 0 else { return nil }
    let wanted = min(count, size)
    var bytes = [UInt8](repeating: 0, count: wanted)
    let read = bytes.withUnsafeMutableBytes { fread($0.baseAddress, 1, wanted, file) }
    if read < wanted && ferror(file) != 0 { return nil }
    return Array(bytes[0..<read])
  }
}
