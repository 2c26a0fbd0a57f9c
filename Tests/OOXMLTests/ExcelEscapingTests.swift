import Testing

@testable import OOXML

@Suite struct ExcelEscapingTests {
  @Test(arguments: [
    ("ligne 1_x000D_\nligne 2", "ligne 1\r\nligne 2"),
    ("_x005F_x000D_", "_x000D_"),
    ("tab_x0009_here", "tab\there"),
    ("lower_x000d_", "lower\r"),
    ("_xD83D__xDE00_", "😀"),
    ("not_x00_an escape", "not_x00_an escape"),
    ("_xZZZZ_", "_xZZZZ_"),
    ("lone_xD83D_", "lone_xD83D_"),
    ("plain text", "plain text"),
    ("Dumont & co", "Dumont & co"),
  ])
  func decodes(escaped: String, plain: String) {
    #expect(ExcelEscaping.decode(escaped) == plain)
  }
}
