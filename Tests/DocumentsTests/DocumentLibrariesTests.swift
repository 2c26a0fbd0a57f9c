import Foundation
import Testing
import TestSupport

/// Documents declares the part of cairo's, Pango's and libcurl's interfaces it calls
/// (DocumentLibraries.h), so that they are loaded only when a document is made: each value it
/// declares must be the libraries' own, read here from their headers (pkg-config and the C
/// compiler, both installed by the set-up).
@Suite struct DocumentLibrariesTests {
  @Test func everyValueDeclaredIsTheLibrariesOwn() throws {
    let header = try String(
      contentsOf: SharedFolder.repository.appendingPathComponent("Sources/DocumentLibraries/include/DocumentLibraries.h"), encoding: .utf8)
    // `NAME = VALUE` in an enumeration, `#define NAME VALUE`.
    var declared: [(String, String)] = []
    for line in header.split(separator: "\n") {
      let words = line.replacing(",", with: " ").replacing("{", with: " ").replacing("}", with: " ").split(separator: " ").map(String.init)
      for (index, word) in words.enumerated() where index + 2 < words.count && words[index + 1] == "=" && word.uppercased() == word {
        declared.append((word, words[index + 2]))
      }
      if words.first == "#define", words.count == 3, Int(words[2]) != nil { declared.append((words[1], words[2])) }
    }
    #expect(declared.count > 40, "\(declared)")
    let program = """
      #include <cairo.h>
      #include <cairo-pdf.h>
      #include <pango/pangocairo.h>
      #include <curl/curl.h>
      #include <stdio.h>
      int main(void) {
      \(declared.map { "  printf(\"%s %ld\\n\", \"\($0.0)\", (long)(\($0.0)));" }.joined(separator: "\n"))
        printf("PANGO_SCALE %d\\n", PANGO_SCALE);
        return 0;
      }
      """
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("suivi-abi-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    try program.write(to: folder.appendingPathComponent("abi.c"), atomically: true, encoding: .utf8)
    let flags = try Subprocess.run("/usr/bin/env", ["pkg-config", "--cflags", "--libs", "pangocairo", "libcurl"])
    try #require(flags.status == 0, "pkg-config: \(flags.stderr)")
    let compiled = try Subprocess.run(
      "/usr/bin/env", ["clang", folder.appendingPathComponent("abi.c").path, "-o", folder.appendingPathComponent("abi").path] + flags.stdout.split(whereSeparator: \.isWhitespace).map(String.init))
    try #require(compiled.status == 0, "clang: \(compiled.stderr)")
    let actual = try Subprocess.run(folder.appendingPathComponent("abi").path, []).stdout
    for (name, value) in declared {
      #expect(actual.contains("\n\(name) \(value)\n") || actual.hasPrefix("\(name) \(value)\n"), "\(name) is \(value) in DocumentLibraries.h, not in the library's header: \(actual)")
    }
    #expect(actual.contains("PANGO_SCALE 1024"), "suivi_pango_scale returns 1024")
  }
}
