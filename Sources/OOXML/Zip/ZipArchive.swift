import Wording
import CLibZip

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A zip archive opened read-only, owning its libzip handle.
///
/// Opening validates every entry name: absolute names, `..` segments and duplicates
/// (compared as OPC part names are: `\` as `/`, case-insensitively) are refused, since a
/// package with them is ambiguous or hostile. Entries are read through ``ZipEntryStream``,
/// which enforces the ``ZipLimits`` while inflating.
public final class ZipArchive {
  /// The path the archive was opened from, used in every error message.
  public let path: String
  /// The entries, in central-directory order.
  public let entries: [ZipEntry]
  /// The caps applied while reading.
  public let limits: ZipLimits

  let handle: OpaquePointer
  private let lookup: [String: Int]
  private var inflatedTotal: Int64 = 0

  /// Opens the archive at `path` read-only, checking its consistency.
  ///
  /// The corresponding libzip function is `zip_open` with `ZIP_RDONLY`. (Not
  /// `ZIP_CHECKCONS`: it refuses archives that Excel, LibreOffice and every peer read,
  /// such as local headers that differ from the central directory in their extra fields;
  /// damage to an entry's data is still caught by its CRC when it is read.)
  /// - Throws: ``OOXMLError`` (`cannotOpen`, `notAZip`, `corruptArchive`, `unsafeArchive`).
  public init(path: String, limits: ZipLimits = .default) throws {
    self.path = path
    self.limits = limits
    try Self.refuseIfNotAFile(path)
    var code: Int32 = 0
    guard let handle = zip_open(path, ZIP_RDONLY, &code) else {
      throw Self.openError(code: code, path: path)
    }
    self.handle = handle
    do {
      (entries, lookup) = try Self.readEntries(handle, path: path, limits: limits)
    } catch {
      zip_discard(handle)
      throw error
    }
  }

  deinit { zip_discard(handle) }

  /// Refuses a pipe, a socket or a device named like a workbook: opening one blocks, or
  /// reads forever. (A missing file or a folder is said so by whatever opens it.)
  public static func refuseIfNotAFile(_ path: String) throws {
    var status = stat()
    guard stat(path, &status) == 0 else { return }
    let kind = status.st_mode & S_IFMT
    if kind != S_IFREG, kind != S_IFDIR { throw OOXMLError.cannotOpen(file: path, reason: "it is not a file (a pipe or a device)") }
  }

  /// The entry with this part name, compared as OPC does: without a leading `/`,
  /// `\` read as `/`, case-insensitively.
  public func entry(named name: String) -> ZipEntry? {
    lookup[Self.lookupKey(name)].map { entries[$0] }
  }

  /// Reads a whole entry into memory, within the limits.
  ///
  /// - Complexity: O(*n*) in the entry's uncompressed size.
  public func contents(of entry: ZipEntry) throws -> [UInt8] {
    let stream = try openStream(entry)
    var bytes: [UInt8] = []
    // The declared size is only a hint (it comes from outside): capped.
    bytes.reserveCapacity(Int(min(max(entry.declaredSize, 0), 128 << 20)))
    var chunk = [UInt8](repeating: 0, count: 64 << 10)
    while true {
      let count = try chunk.withUnsafeMutableBytes { try stream.read(into: $0) }
      if count == 0 { return bytes }
      bytes.append(contentsOf: chunk[0..<count])
    }
  }

  /// Opens an entry for streaming.
  ///
  /// The corresponding libzip function is `zip_fopen_index`.
  public func openStream(_ entry: ZipEntry) throws -> ZipEntryStream {
    if entry.isEncrypted {
      throw OOXMLError.unsafeArchive(file: path, entry: entry.name, reason: "the entry is encrypted")
    }
    // An entry never inflates past the size its header declares (the stream refuses it as
    // damaged), so a declared size past the limits is refused before anything is inflated:
    // a bomb that tells its size costs nothing, one that lies stops at its lie (fault run
    // F-U9: 1 GB was inflated into memory before the ratio refused a 2 MB entry).
    if entry.declaredSize > limits.maxEntrySize {
      throw OOXMLError.unsafeArchive(file: path, entry: entry.name, reason: "it inflates to more than \(limits.maxEntrySize >> 20) MiB (zip bomb?)")
    }
    if entry.declaredSize > limits.ratioFloor, entry.declaredSize > max(entry.compressedSize, 1) * limits.maxRatio {
      throw OOXMLError.unsafeArchive(
        file: path, entry: entry.name, reason: "it inflates more than \(limits.maxRatio) times its compressed size (zip bomb?)")
    }
    guard let file = zip_fopen_index(handle, zip_uint64_t(entry.index), 0) else {
      throw zipError(zip_get_error(handle), entry: entry.name)
    }
    return ZipEntryStream(archive: self, file: file, entry: entry)
  }

  /// Counts bytes inflated from any entry against ``ZipLimits/maxTotalSize``.
  func account(_ count: Int, entry: ZipEntry) throws {
    inflatedTotal += Int64(count)
    if inflatedTotal > limits.maxTotalSize {
      throw OOXMLError.unsafeArchive(
        file: path, entry: entry.name,
        reason: "the archive inflates to more than \(limits.maxTotalSize >> 20) MiB (zip bomb?)")
    }
  }

  /// Turns a libzip error into an ``OOXMLError`` naming the entry.
  func zipError(_ error: UnsafeMutablePointer<zip_error_t>?, entry: String?) -> OOXMLError {
    guard let error else { return .corruptArchive(file: path, entry: entry, reason: "unknown libzip error") }
    let code = zip_error_code_zip(error)
    let message = String(cString: zip_error_strerror(error))
    switch code {
    case ZIP_ER_ENCRNOTSUPP, ZIP_ER_NOPASSWD, ZIP_ER_WRONGPASSWD:
      return .unsafeArchive(file: path, entry: entry, reason: "the entry is encrypted")
    case ZIP_ER_COMPNOTSUPP:
      return .corruptArchive(file: path, entry: entry, reason: "unsupported compression method")
    default:
      return .corruptArchive(file: path, entry: entry, reason: .verbatim(message.lowercased()))
    }
  }

  static func lookupKey(_ name: String) -> String {
    var key = name.replacingBackslashes()
    while key.hasPrefix("/") { key.removeFirst() }
    return key.lowercased()
  }
}

extension ZipArchive {
  private static func openError(code: Int32, path: String) -> OOXMLError {
    switch code {
    case ZIP_ER_NOENT, ZIP_ER_OPEN, ZIP_ER_READ, ZIP_ER_SEEK:
      var error = zip_error_t()
      zip_error_init_with_code(&error, code)
      defer { zip_error_fini(&error) }
      let reason = errno != 0 ? String(cString: strerror(errno)) : String(cString: zip_error_strerror(&error))
      return .cannotOpen(file: path, reason: .verbatim(reason.lowercased()))
    case ZIP_ER_NOZIP:
      return PackageSniffer.startsLikeZip(path)
        ? .corruptArchive(file: path, entry: nil, reason: "truncated or damaged: no central directory")
        : .notAZip(file: path)
    case ZIP_ER_INCONS:
      return .corruptArchive(file: path, entry: nil, reason: "inconsistent archive (truncated or damaged)")
    case ZIP_ER_EXISTS:
      return .unsafeArchive(file: path, entry: nil, reason: "the archive holds two entries with the same name")
    case ZIP_ER_MEMORY:
      return .unsafeArchive(file: path, entry: nil, reason: "the archive's directory is too large")
    default:
      var error = zip_error_t()
      zip_error_init_with_code(&error, code)
      defer { zip_error_fini(&error) }
      return .corruptArchive(file: path, entry: nil, reason: .verbatim(String(cString: zip_error_strerror(&error)).lowercased()))
    }
  }

  /// Lists and validates every entry.
  ///
  /// The corresponding libzip functions are `zip_get_num_entries` and `zip_stat_index`.
  private static func readEntries(
    _ handle: OpaquePointer, path: String, limits: ZipLimits
  ) throws -> ([ZipEntry], [String: Int]) {
    let count = zip_get_num_entries(handle, 0)
    guard count >= 0 else {
      throw OOXMLError.corruptArchive(file: path, entry: nil, reason: "unreadable central directory")
    }
    guard count <= limits.maxEntries else {
      throw OOXMLError.unsafeArchive(file: path, entry: nil, reason: "the archive lists \(count) entries")
    }
    var entries: [ZipEntry] = []
    var lookup: [String: Int] = [:]
    for index in 0..<Int(count) {
      var stat = zip_stat_t()
      zip_stat_init(&stat)
      guard zip_stat_index(handle, zip_uint64_t(index), 0, &stat) == 0, let cName = stat.name else {
        throw OOXMLError.corruptArchive(file: path, entry: nil, reason: "unreadable entry #\(index)")
      }
      let name = String(cString: cName)
      let entry = ZipEntry(
        index: index, name: name, normalizedName: name.replacingBackslashes(),
        declaredSize: Int64(clamping: stat.size), compressedSize: Int64(clamping: stat.comp_size),
        compressionMethod: stat.comp_method, isEncrypted: stat.encryption_method != 0)
      try validate(entry, path: path)
      let key = lookupKey(name)
      if lookup[key] != nil {
        throw OOXMLError.unsafeArchive(file: path, entry: name, reason: "the archive holds two entries with this name")
      }
      lookup[key] = index
      entries.append(entry)
    }
    return (entries, lookup)
  }

  private static func validate(_ entry: ZipEntry, path: String) throws {
    let name = entry.normalizedName
    let segments = name.split(separator: "/", omittingEmptySubsequences: false)
    let isAbsolute = name.hasPrefix("/") || (name.count >= 2 && name.dropFirst().first == ":")
    if name.isEmpty || isAbsolute || segments.contains("..") {
      throw OOXMLError.unsafeArchive(file: path, entry: entry.name, reason: "an absolute or '..' entry name")
    }
    if name.utf8.contains(0) {
      throw OOXMLError.unsafeArchive(file: path, entry: entry.name, reason: "an entry name with a NUL byte")
    }
  }
}

extension String {
  func replacingBackslashes() -> String {
    utf8.contains(UInt8(ascii: "\\")) ? String(decoding: utf8.map { $0 == UInt8(ascii: "\\") ? UInt8(ascii: "/") : $0 }, as: UTF8.self) : self
  }
}
