import ArgumentParser
import OOXML

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The exit statuses of `suivi`, documented in the README. Scripts rely on them: never
/// renumber one.
public enum ExitStatus: Int32, CaseIterable, Sendable {
  case success = 0
  case notAWorkbook = 10
  case encrypted = 11
  case corruptArchive = 12
  case unsafeArchive = 13
  case invalidPackage = 14
  case hostileXML = 15
  case malformedXML = 16
  case invalidCell = 17
  case sheetNotFound = 18
  case cannotOpen = 19
  case editRefused = 20
  case cannotWrite = 73
  case busy = 75
  case usage = 64
  case internalError = 70

  /// The status for a reading failure.
  public init(_ category: OOXMLError.Category) {
    switch category {
    case .cannotOpen: self = .cannotOpen
    case .notAWorkbook: self = .notAWorkbook
    case .encrypted: self = .encrypted
    case .corruptArchive: self = .corruptArchive
    case .unsafeArchive: self = .unsafeArchive
    case .invalidPackage: self = .invalidPackage
    case .hostileXML: self = .hostileXML
    case .malformedXML: self = .malformedXML
    case .invalidCell: self = .invalidCell
    case .sheetNotFound: self = .sheetNotFound
    case .editRefused: self = .editRefused
    case .busy: self = .busy
    case .cannotWrite: self = .cannotWrite
    }
  }
}

/// Runs `body`, turning library errors into one line on standard error and the
/// documented exit status.
func reportingErrors(_ body: () throws -> Void) throws {
  do {
    try body()
  } catch let error as OOXMLError {
    StandardError.write("suivi: error: \(error)\n")
    throw ExitCode(ExitStatus(error.category).rawValue)
  } catch let error as OutputError {
    StandardError.write("suivi: error: \(error)\n")
    throw ExitCode(ExitStatus.cannotOpen.rawValue)
  }
}

enum StandardError {
  static func write(_ text: String) {
    var text = text
    text.withUTF8 { try? OutputWriter.writeAll(UnsafeRawBufferPointer($0), to: STDERR_FILENO) }
  }
}
