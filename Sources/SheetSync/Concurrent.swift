import Foundation

/// A value computed on another thread while the caller goes on, waited for when needed:
/// a sync reads the sheet on one core while the other loads the ledger's side.
///
/// The work must not share mutable state with the caller until ``value()`` returns.
final class Concurrent<Value>: @unchecked Sendable {
  private var work: (() throws -> Value)?
  private var result: Result<Value, any Error>?
  private let done = DispatchSemaphore(value: 0)

  init(_ work: @escaping () throws -> Value) {
    self.work = work
    let thread = Thread { [self] in
      result = Result { try self.work!() }
      self.work = nil
      done.signal()
    }
    thread.stackSize = 8 << 20
    thread.start()
  }

  /// The value, once computed (waits for it); rethrows the work's error.
  func value() throws -> Value {
    done.wait()
    done.signal()
    return try result!.get()
  }
}

/// A flag one thread raises and another reads (to stop work it no longer needs).
final class StopFlag: @unchecked Sendable {
  private let lock = NSLock()
  private var raised = false

  var isRaised: Bool { lock.withLock { raised } }

  func raise() { lock.withLock { raised = true } }
}

/// Frees a large value on another thread: a run's rows (hundreds of thousands of small
/// allocations) take a fifth of a second to free, which the caller need not wait for.
enum Retire {
  static func later<Value>(_ value: consuming Value) {
    let box = Box(value)
    let thread = Thread { box.drop() }
    thread.start()
  }

  private final class Box<Value>: @unchecked Sendable {
    var value: Value?
    init(_ value: consuming Value) { self.value = value }
    func drop() { value = nil }
  }
}

/// Batches handed from one thread to another in order, at most `capacity` waiting: the
/// sheet's cells, from the thread that parses them to the one that builds rows.
final class Handoff<Item>: @unchecked Sendable {
  private let condition = NSCondition()
  private var waiting: [Item] = []
  private var isClosed = false
  private var isStopped = false
  private let capacity: Int

  init(capacity: Int) { self.capacity = capacity }

  /// Hands `item` over, waiting while `capacity` items wait; `false` when the taker has
  /// stopped (the giver should stop too).
  func put(_ item: Item) -> Bool {
    condition.lock()
    defer { condition.unlock() }
    while waiting.count >= capacity, !isStopped { condition.wait() }
    guard !isStopped else { return false }
    waiting.append(item)
    condition.broadcast()
    return true
  }

  /// No more items will come.
  func close() {
    condition.lock()
    isClosed = true
    condition.broadcast()
    condition.unlock()
  }

  /// The taker wants no more items.
  func stop() {
    condition.lock()
    isStopped = true
    waiting.removeAll()
    condition.broadcast()
    condition.unlock()
  }

  /// The next item, waiting for it; `nil` once closed and empty.
  func take() -> Item? {
    condition.lock()
    defer { condition.unlock() }
    while waiting.isEmpty, !isClosed { condition.wait() }
    guard !waiting.isEmpty else { return nil }
    let item = waiting.removeFirst()
    condition.broadcast()
    return item
  }
}
