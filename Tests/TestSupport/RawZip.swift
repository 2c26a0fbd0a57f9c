import CLibZip
import Foundation

/// Reads a zip's entries as stored (compressed bytes, CRC, method), to check that a
/// writer copied them untouched.
public enum RawZip {
  public struct Entry: Sendable {
    public let name: String
    public let method: UInt16
    public let crc: UInt32
    public let compressed: [UInt8]
  }

  public static func entries(_ path: String) throws -> [Entry] {
    var code: Int32 = 0
    guard let archive = zip_open(path, ZIP_RDONLY, &code) else { throw FixtureError("cannot open \(path)") }
    defer { zip_discard(archive) }
    var result: [Entry] = []
    for index in 0..<zip_get_num_entries(archive, 0) {
      var stat = zip_stat_t()
      zip_stat_init(&stat)
      guard zip_stat_index(archive, zip_uint64_t(index), 0, &stat) == 0,
        let file = zip_fopen_index(archive, zip_uint64_t(index), zip_flags_t(ZIP_FL_COMPRESSED))
      else { throw FixtureError("cannot read entry \(index)") }
      var bytes = [UInt8](repeating: 0, count: Int(stat.comp_size))
      let read = bytes.withUnsafeMutableBytes { zip_fread(file, $0.baseAddress, zip_uint64_t($0.count)) }
      zip_fclose(file)
      guard read == Int64(stat.comp_size) else { throw FixtureError("short read of entry \(index)") }
      result.append(Entry(name: String(cString: stat.name!), method: stat.comp_method, crc: stat.crc, compressed: bytes))
    }
    return result
  }
}
