#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Finding a run of bytes in a part's bytes: `memchr` to each occurrence of the first
/// byte, `memcmp` for the rest (no allocation). The generic `firstRange(of:)` took a
/// minute on a 57 MB sheet.
enum ByteSearch {
  /// Whether `needle` occurs in `haystack` (an empty needle always does).
  ///
  /// - Complexity: O(*n* × *m*) at worst, about O(*n*) for text.
  static func contains(_ needle: [UInt8], in haystack: [UInt8]) -> Bool {
    guard let first = needle.first else { return true }
    guard haystack.count >= needle.count else { return false }
    return haystack.withUnsafeBytes { hay in
      needle.withUnsafeBytes { pin in
        guard let base = hay.baseAddress, let pattern = pin.baseAddress else { return false }
        let lastStart = hay.count - pin.count
        var start = 0
        while start <= lastStart {
          guard let found = memchr(base + start, Int32(first), lastStart - start + 1) else { return false }
          if memcmp(found, pattern, pin.count) == 0 { return true }
          start = base.distance(to: UnsafeRawPointer(found)) + 1
        }
        return false
      }
    }
  }
}
