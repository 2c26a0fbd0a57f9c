import Foundation

/// The project's read-only `shared/` folder (the corpus, the tracker maker): `SUIVI_SHARED`,
/// or the folder beside the repository.
public enum SharedFolder {
  public static var url: URL {
    if let path = ProcessInfo.processInfo.environment["SUIVI_SHARED"], !path.isEmpty {
      return URL(fileURLWithPath: path)
    }
    return URL(fileURLWithPath: #filePath)
      .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent().appendingPathComponent("shared")
  }

  public static var corpus: URL { url.appendingPathComponent("corpus/xlsx") }

  /// The repository's root folder.
  public static var repository: URL {
    URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
  }
}
