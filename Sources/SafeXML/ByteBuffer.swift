/// A growable buffer of bytes that owns its memory, for collecting text between SAX
/// events: appending and clearing it costs no copy-on-write checks and no reallocation
/// once it has grown to the longest text seen.
package final class ByteBuffer {
  @usableFromInline var storage: UnsafeMutablePointer<UInt8>
  @usableFromInline var capacity: Int
  /// The number of bytes held.
  @usableFromInline package private(set) var count = 0

  package init(capacity: Int = 256) {
    self.capacity = capacity
    storage = .allocate(capacity: capacity)
  }

  deinit { storage.deallocate() }

  /// Whether the buffer holds no bytes.
  package var isEmpty: Bool { count == 0 }

  /// The bytes held, valid until the next change.
  package var bytes: UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(start: storage, count: count) }

  /// Appends `text`.
  @inlinable
  package func append(_ text: UnsafeBufferPointer<UInt8>) {
    guard let base = text.baseAddress, text.count > 0 else { return }
    if count + text.count > capacity { grow(to: count + text.count) }
    (storage + count).update(from: base, count: text.count)
    count += text.count
  }

  /// Empties the buffer, keeping its memory.
  @inlinable
  package func removeAll() { count = 0 }

  /// The bytes as a string (invalid UTF-8 repaired).
  package var string: String { String(decoding: bytes, as: UTF8.self) }

  @usableFromInline func grow(to needed: Int) {
    var newCapacity = capacity * 2
    while newCapacity < needed { newCapacity *= 2 }
    let newStorage = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
    newStorage.update(from: storage, count: count)
    storage.deallocate()
    storage = newStorage
    capacity = newCapacity
  }
}
