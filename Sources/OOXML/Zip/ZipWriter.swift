import Wording
import CLibZip

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A new zip archive being written, owning its libzip handle.
///
/// Entries copied from another archive keep their compressed bytes (libzip does not
/// inflate them), their name as stored and their time stamp; new contents are deflated.
/// Nothing is written until ``close()``; an archive dropped without it leaves no file.
final class ZipWriter {
  let path: String
  private var handle: OpaquePointer?
  /// Buffers handed to libzip, kept alive until the archive is written.
  private var buffers: [UnsafeMutableRawBufferPointer] = []
  private var owners: [OwnedBytes] = []

  /// Starts a new archive at `path`, which must not exist.
  ///
  /// The corresponding libzip function is `zip_open` with `ZIP_CREATE | ZIP_EXCL`.
  init(path: String) throws {
    self.path = path
    var code: Int32 = 0
    guard let handle = zip_open(path, ZIP_CREATE | ZIP_EXCL, &code) else {
      var error = zip_error_t()
      zip_error_init_with_code(&error, code)
      defer { zip_error_fini(&error) }
      throw OOXMLError.cannotWrite(file: path, reason: .verbatim(String(cString: zip_error_strerror(&error)).lowercased()))
    }
    self.handle = handle
  }

  deinit {
    if let handle { zip_discard(handle) }
    for buffer in buffers { buffer.deallocate() }
  }

  /// Copies `entry` of `archive` as its compressed bytes.
  ///
  /// The corresponding libzip function is `zip_source_zip` with `ZIP_FL_COMPRESSED`.
  func copy(_ entry: ZipEntry, from archive: ZipArchive) throws {
    guard let handle, let source = zip_source_zip(handle, archive.handle, zip_uint64_t(entry.index), zip_flags_t(ZIP_FL_COMPRESSED), 0, -1)
    else { throw failure("cannot copy \(entry.name)") }
    let index = try add(source, name: rawName(entry, in: archive), mtime: mtime(entry, in: archive))
    // Keep the entry's own method: without this, libzip deflates a stored entry anew.
    zip_set_file_compression(handle, zip_uint64_t(index), Int32(entry.compressionMethod), 0)
  }

  /// Adds an entry holding `bytes`, deflated at `level` (1 fastest … 9 smallest).
  ///
  /// The corresponding libzip functions are `zip_source_buffer` and `zip_file_add`.
  func add(name: String, bytes: UnsafeRawBufferPointer, mtime: time_t, level: UInt32 = 6) throws {
    guard let handle else { throw failure("archive already closed") }
    let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: max(bytes.count, 1), alignment: 1)
    if let base = bytes.baseAddress { buffer.baseAddress!.copyMemory(from: base, byteCount: bytes.count) }
    buffers.append(buffer)
    guard let source = zip_source_buffer(handle, buffer.baseAddress, zip_uint64_t(bytes.count), 0) else {
      throw failure("cannot add \(name)")
    }
    let index = try add(source, name: Array(name.utf8), mtime: mtime)
    zip_set_file_compression(handle, zip_uint64_t(index), ZIP_CM_DEFLATE, level)
  }

  /// Adds an entry holding the bytes of `owned` (kept alive, not copied, until the
  /// archive is written), deflated at `level`.
  func add(name: String, owned: OwnedBytes, count: Int, mtime: time_t, level: UInt32 = 6) throws {
    guard let handle else { throw failure("archive already closed") }
    owners.append(owned)
    guard let source = zip_source_buffer(handle, owned.buffer.baseAddress, zip_uint64_t(count), 0) else {
      throw failure("cannot add \(name)")
    }
    let index = try add(source, name: Array(name.utf8), mtime: mtime)
    zip_set_file_compression(handle, zip_uint64_t(index), ZIP_CM_DEFLATE, level)
  }

  /// Adds an entry holding bytes already deflated (by ``ParallelDeflate``): libzip writes
  /// them as they are, with the CRC and size given.
  ///
  /// The corresponding libzip function is `zip_source_function`, with a source whose
  /// stat reports the deflate method, so that `zip_close` does not compress again.
  func add(name: String, deflated: DeflatedBytes, mtime: time_t) throws {
    guard let handle else { throw failure("archive already closed") }
    let state = Unmanaged.passRetained(DeflatedSource(deflated)).toOpaque()
    guard let source = zip_source_function(handle, deflatedSourceCallback, state) else {
      Unmanaged<DeflatedSource>.fromOpaque(state).release()
      throw failure("cannot add \(name)")
    }
    try add(source, name: Array(name.utf8), mtime: mtime)
  }

  /// Writes the archive to ``path``.
  ///
  /// The corresponding libzip function is `zip_close`.
  func close() throws {
    guard let handle else { return }
    if zip_close(handle) != 0 {
      let message = String(cString: zip_strerror(handle)).lowercased()
      throw OOXMLError.cannotWrite(file: path, reason: .verbatim(message))
    }
    self.handle = nil
  }

  @discardableResult
  private func add(_ source: OpaquePointer, name: [UInt8], mtime: time_t) throws -> Int {
    guard let handle else { throw failure("archive already closed") }
    let isASCII = name.allSatisfy { $0 < 0x80 }
    let isUTF8 = String(validating: name, as: UTF8.self) != nil
    let flags = isASCII ? ZIP_FL_ENC_GUESS : (isUTF8 ? ZIP_FL_ENC_UTF_8 : ZIP_FL_ENC_CP437)
    let index = (name + [0]).withUnsafeBufferPointer { buffer in
      buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: buffer.count) {
        zip_file_add(handle, $0, source, zip_flags_t(flags))
      }
    }
    guard index >= 0 else {
      zip_source_free(source)
      throw failure("cannot add \(String(decoding: name, as: UTF8.self))")
    }
    zip_file_set_mtime(handle, zip_uint64_t(index), mtime, 0)
    return Int(index)
  }

  private func rawName(_ entry: ZipEntry, in archive: ZipArchive) -> [UInt8] {
    guard let name = zip_get_name(archive.handle, zip_uint64_t(entry.index), zip_flags_t(ZIP_FL_ENC_RAW)) else {
      return Array(entry.name.utf8)
    }
    return Array(UnsafeBufferPointer(start: UnsafeRawPointer(name).assumingMemoryBound(to: UInt8.self), count: strlen(name)))
  }

  /// The time stamp of an entry of another archive.
  func mtime(_ entry: ZipEntry, in archive: ZipArchive) -> time_t {
    var stat = zip_stat_t()
    zip_stat_init(&stat)
    guard zip_stat_index(archive.handle, zip_uint64_t(entry.index), 0, &stat) == 0, stat.valid & UInt64(ZIP_STAT_MTIME) != 0 else {
      return Self.dosEpoch
    }
    return stat.mtime
  }

  /// 1980-01-01 00:00 local time, the earliest time a zip can hold (what Excel writes).
  static var dosEpoch: time_t {
    var parts = tm()
    parts.tm_year = 80
    parts.tm_mon = 0
    parts.tm_mday = 1
    parts.tm_isdst = -1
    return mktime(&parts)
  }

  private func failure(_ message: String) -> OOXMLError {
    let detail = handle.map { String(cString: zip_strerror($0)).lowercased() } ?? ""
    return .cannotWrite(file: path, reason: .verbatim(detail.isEmpty ? message : "\(message): \(detail)"))
  }
}

/// The state of a libzip source that hands out bytes already deflated.
private final class DeflatedSource {
  let deflated: DeflatedBytes
  /// The read position: a chunk, and an offset in it.
  var chunk = 0
  var offset = 0
  init(_ deflated: DeflatedBytes) { self.deflated = deflated }

  /// Copies up to `length` bytes to `data`, across chunks; returns how many.
  func read(into data: UnsafeMutableRawPointer, length: Int) -> Int {
    var copied = 0
    while copied < length, chunk < deflated.chunks.count {
      let bytes = deflated.chunks[chunk]
      let count = min(length - copied, bytes.count - offset)
      if count > 0 {
        bytes.withUnsafeBytes { (data + copied).copyMemory(from: $0.baseAddress! + offset, byteCount: count) }
      }
      copied += count
      offset += count
      if offset == bytes.count {
        chunk += 1
        offset = 0
      }
    }
    return copied
  }
}

/// The callback of a ``DeflatedSource``: a readable source whose stat says "deflated,
/// this CRC, this size".
private func deflatedSourceCallback(
  _ userdata: UnsafeMutableRawPointer?, _ data: UnsafeMutableRawPointer?, _ length: zip_uint64_t, _ command: zip_source_cmd_t
) -> zip_int64_t {
  guard let userdata else { return -1 }
  let state = Unmanaged<DeflatedSource>.fromOpaque(userdata)
  let source = state.takeUnretainedValue()
  switch command {
  case ZIP_SOURCE_OPEN:
    source.chunk = 0
    source.offset = 0
    return 0
  case ZIP_SOURCE_READ:
    guard let data else { return -1 }
    return zip_int64_t(source.read(into: data, length: Int(min(length, UInt64(Int.max)))))
  case ZIP_SOURCE_CLOSE:
    return 0
  case ZIP_SOURCE_STAT:
    guard let data, length >= UInt64(MemoryLayout<zip_stat_t>.size) else { return -1 }
    let stat = data.assumingMemoryBound(to: zip_stat_t.self)
    zip_stat_init(stat)
    stat.pointee.size = zip_uint64_t(source.deflated.size)
    stat.pointee.comp_size = zip_uint64_t(source.deflated.compressedSize)
    stat.pointee.comp_method = zip_uint16_t(ZIP_CM_DEFLATE)
    stat.pointee.crc = source.deflated.crc
    stat.pointee.encryption_method = zip_uint16_t(ZIP_EM_NONE)
    stat.pointee.valid = zip_uint64_t(ZIP_STAT_SIZE | ZIP_STAT_COMP_SIZE | ZIP_STAT_COMP_METHOD | ZIP_STAT_CRC | ZIP_STAT_ENCRYPTION_METHOD)
    return zip_int64_t(MemoryLayout<zip_stat_t>.size)
  case ZIP_SOURCE_ERROR:
    guard let data, length >= UInt64(2 * MemoryLayout<Int32>.size) else { return -1 }
    data.assumingMemoryBound(to: Int32.self)[0] = 0
    data.assumingMemoryBound(to: Int32.self)[1] = 0
    return zip_int64_t(2 * MemoryLayout<Int32>.size)
  case ZIP_SOURCE_FREE:
    state.release()
    return 0
  case ZIP_SOURCE_SUPPORTS:
    let commands = [ZIP_SOURCE_OPEN, ZIP_SOURCE_READ, ZIP_SOURCE_CLOSE, ZIP_SOURCE_STAT, ZIP_SOURCE_ERROR, ZIP_SOURCE_FREE, ZIP_SOURCE_SUPPORTS]
    return commands.reduce(0) { $0 | (zip_int64_t(1) << zip_int64_t($1.rawValue)) }
  default:
    return -1
  }
}
