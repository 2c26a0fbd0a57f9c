import Testing

@testable import OOXML

@Suite struct NumberFormatKindTests {
  @Test(arguments: [
    "dd/mm/yyyy", "DD/MM/YYYY", "d/m/yyyy", "yyyy-mm-dd", "[$-40C]d mmmm yyyy", "h:mm AM/PM", "mm:ss",
    "[Red]dd/mm/yy", "\"le \"dd/mm", "m/d/yy h:mm",
  ])
  func dates(code: String) {
    #expect(NumberFormatKind.classify(code) == .date)
  }

  @Test(arguments: [
    "General", "GENERAL", "0.00", "#,##0.00 \"€\"", "#,##0.00\\ [$€-40C]", "0%", "@", "0.00E+00",
    "\"days\" 0", "_-* #,##0.00_-", "[Red]#,##0;[Blue]dd/mm", "\\d0",
  ])
  func numbers(code: String) {
    #expect(NumberFormatKind.classify(code) == .number)
  }

  @Test(arguments: ["[h]:mm:ss", "[mm]:ss", "[hh]:mm", "[s]"])
  func durations(code: String) {
    #expect(NumberFormatKind.classify(code) == .duration)
  }

  @Test func builtInIDs() {
    for id in [14, 15, 16, 17, 18, 19, 20, 21, 22, 45, 47] { #expect(NumberFormatKind.builtIn(id) == .date) }
    #expect(NumberFormatKind.builtIn(46) == .duration)
    for id in [0, 1, 2, 9, 10, 44, 49] { #expect(NumberFormatKind.builtIn(id) == nil) }
  }

  @Test func stylesMapCellFormatsThroughTheirNumberFormat() {
    let styles = Styles(numberFormats: [164: "DD/MM/YYYY", 165: "#,##0.00 €"], cellFormatNumberFormatIDs: [0, 164, 165, 14, 46])
    #expect(styles.kind(ofStyle: 0) == .number)
    #expect(styles.kind(ofStyle: 1) == .date)
    #expect(styles.kind(ofStyle: 2) == .number)
    #expect(styles.kind(ofStyle: 3) == .date)
    #expect(styles.kind(ofStyle: 4) == .duration)
    #expect(styles.kind(ofStyle: 99) == .number)
  }
}
