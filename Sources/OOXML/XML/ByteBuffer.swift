/// A growable buffer of bytes that owns its memory, for collecting text between SAX
/// events: appending and clearing it costs no copy-on-write checks and no reallocation
/// once it has grown to the longest text seen.
final class ByteBuffer {
  private var storage: UnsafeMutablePointer<UInt8>
  private var capacity: Int
  /// The number of bytes held.
  private(set) var count = 0

  init(capacity: Int = 256) {
    self.capacity = capacity
    storage = .allocate(capacity: capacity)
  }

  deinit { storage.deallocate() }

  /// Whether the buffer holds no bytes.
  var isEmpty: Bool { count == 0 }

  /// The bytes held, valid until the next change.
  var bytes: UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(start: storage, count: count) }

  /// Appends `text`.
  @inline(__always)
  func append(_ text: UnsafeBufferPointer<UInt8>) {
    guard let base = text.baseAddress, text.count > 0 else { return }
    if count + text.count > capacity { grow(to: count + text.count) }
    (storage + count).update(from: base, count: text.count)
    count += text.count
  }

  /// Empties the buffer, keeping its memory.
  @inline(__always)
  func removeAll() { count = 0 }

  /// The bytes as a string (invalid UTF-8 repaired).
  var string: String { String(decoding: bytes, as: UTF8.self) }

  private func grow(to needed: Int) {
    var newCapacity = capacity * 2
    while newCapacity < needed { newCapacity *= 2 }
    let newStorage = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
    newStorage.update(from: storage, count: count)
    storage.deallocate()
    storage = newStorage
    capacity = newCapacity
  }
}
