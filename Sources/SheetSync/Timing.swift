import Foundation

enum Timing {
  nonisolated(unsafe) static var last = Date()
  static let on = ProcessInfo.processInfo.environment["SUIVI_TIMING"] != nil
  static func mark(_ what: String) {
    guard on else { return }
    let now = Date()
    FileHandle.standardError.write("\(what): \(Int(now.timeIntervalSince(last) * 1000)) ms\n".data(using: .utf8)!)
    last = now
  }
}
