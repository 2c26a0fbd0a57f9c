import Foundation

package enum Timing {
  nonisolated(unsafe) static var last = Date()
  static let on = ProcessInfo.processInfo.environment["SUIVI_TIMING"] != nil
  package static func mark(_ what: String) {
    guard on else { return }
    let now = Date()
    let statm = (try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8)) ?? ""
    let resident = statm.split(separator: " ").dropFirst().first.flatMap { Int($0) }.map { $0 * 4096 / 1_048_576 } ?? 0
    FileHandle.standardError.write("\(what): \(Int(now.timeIntervalSince(last) * 1000)) ms, \(resident) MB\n".data(using: .utf8)!)
    last = now
  }
}

extension Timing {
  /// Runs `body`, and with SUIVI_TIMING prints how long it took (from any thread).
  static func measure<T>(_ what: String, _ body: () throws -> T) rethrows -> T {
    guard on else { return try body() }
    let start = Date()
    defer { FileHandle.standardError.write("  [\(what): \(Int(Date().timeIntervalSince(start) * 1000)) ms]\n".data(using: .utf8)!) }
    return try body()
  }
}
