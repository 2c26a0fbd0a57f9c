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
