// swift-tools-version:6.2
import PackageDescription

let package = Package(
  name: "Suivi",
  platforms: [.macOS(.v13)],
  products: [
    .executable(name: "suivi", targets: ["suivi"]),
    .library(name: "OOXML", targets: ["OOXML"]),
    .library(name: "Ledger", targets: ["Ledger"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
    .package(url: "https://github.com/x-sheep/swift-property-based", from: "2.0.1"),
    .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
  ],
  targets: [
    // C shims: a module map and a header, nothing else.
    .systemLibrary(
      name: "CLibZip",
      pkgConfig: "libzip",
      providers: [.apt(["libzip-dev"]), .brew(["libzip"])]
    ),
    // zlib itself, for deflating a large rewritten part on every core (libzip deflates
    // on one); libzip then stores the compressed bytes as they are.
    .systemLibrary(
      name: "CZlib",
      pkgConfig: "zlib",
      providers: [.apt(["zlib1g-dev"]), .brew(["zlib"])]
    ),
    // The C library's extended attributes (a workbook's access control list, kept on save).
    .systemLibrary(name: "CSystem"),
    .systemLibrary(
      name: "CLibXML2",
      pkgConfig: "libxml-2.0",
      providers: [.apt(["libxml2-dev"]), .brew(["libxml2"])]
    ),
    // The civil day (no time, no zone) and its one ISO reader: below both the workbook
    // and the ledger.
    .target(name: "CivilDate"),
    // What Suivi tells people, in English or French: sentences with typed values, and the
    // one catalogue of their French wording.
    .target(name: "Wording", dependencies: ["CivilDate"]),
    // XML from outside (a workbook's parts, a bank's statement) read by libxml2's streaming
    // parser with its safe options: no network, no entities, no DOCTYPE, depth and text
    // bounded.
    .target(name: "SafeXML", dependencies: ["CLibXML2"]),
    // Text files from outside (a CSV tracker, a bank's export): their encoding found, their
    // records read.
    .target(name: "DelimitedText", dependencies: ["Wording"]),
    // The package, its parts and SpreadsheetML, over the two C libraries. It reads
    // untrusted bytes: Swift's checks (exclusivity included) stay on.
    .target(name: "OOXML", dependencies: ["CivilDate", "Wording", "SafeXML", "CLibZip", "CZlib", "CSystem"]),
    // The ledger: clients, invoices, payments and their allocations, reminders, the
    // journal, in SQLite through GRDB. Knows nothing of workbooks.
    .target(
      name: "Ledger",
      dependencies: [
        "CivilDate", "Wording", .product(name: "GRDB", package: "GRDB.swift"), .product(name: "GRDBSQLite", package: "GRDB.swift"),
      ]
    ),
    // Binding a tracker sheet to the ledger: columns by header, rows by invoice number,
    // a three-way merge of both with the last sync, and the writes each way.
    .target(name: "SheetSync", dependencies: ["OOXML", "Ledger", "Wording", "DelimitedText", .product(name: "GRDB", package: "GRDB.swift")]),
    // Bank statements read (CFONB 120, CAMT.053, OFX, a bank's CSV) and matched to invoices.
    .target(name: "Bank", dependencies: ["CivilDate", "Ledger", "Wording", "SafeXML", "DelimitedText"]),
    // The model sheet's description (`suivi template`), embedded in the binary.
    .target(
      name: "SuiviTemplates", path: "Templates", exclude: ["README.md", "documents/README.md"],
      resources: [
        .embedInCode("model.json"),
        .embedInCode("documents/claim.en.mustache"),
        .embedInCode("documents/claim.fr.mustache"),
        .embedInCode("documents/letter-1.en.mustache"),
        .embedInCode("documents/letter-1.fr.mustache"),
        .embedInCode("documents/letter-2.en.mustache"),
        .embedInCode("documents/letter-2.fr.mustache"),
        .embedInCode("documents/letter-3.en.mustache"),
        .embedInCode("documents/letter-3.fr.mustache"),
        .embedInCode("documents/mail.en.mustache"),
        .embedInCode("documents/mail.fr.mustache"),
        .embedInCode("documents/recap.en.mustache"),
        .embedInCode("documents/recap.fr.mustache"),
        .embedInCode("documents/receipt.en.mustache"),
        .embedInCode("documents/receipt.fr.mustache"),
        .embedInCode("documents/statement.en.mustache"),
        .embedInCode("documents/statement.fr.mustache"),
      ]),
    // Cairo and Pango (PDF pages, text laid out with its fonts embedded) and libcurl (mail by
    // SMTP over TLS), loaded when a document is first made or sent, not at start-up: the part
    // of their interfaces Documents calls, forwarding to the libraries once loaded (Debian
    // libcairo2, libpango-1.0-0, libpangocairo-1.0-0, libcurl4).
    .target(name: "DocumentLibraries", linkerSettings: [.linkedLibrary("dl")]),
    // The documents an assistant sends (letters, statements, receipts, the owner's recap):
    // their content from the ledger, their text from templates, their pages in PDF.
    .target(
      name: "Documents",
      dependencies: [
        "Ledger", "OOXML", "Wording", "DocumentLibraries", "SuiviTemplates", .product(name: "Mustache", package: "swift-mustache"),
      ]
    ),
    // The downloadable model sheet: the description, a ledger's data, a new workbook.
    .target(name: "Template", dependencies: ["OOXML", "Ledger", "Wording", "SuiviTemplates"]),
    // The command-line interface: subcommands only, over the library.
    .target(
      name: "SuiviCLI",
      dependencies: [
        "OOXML",
        "Ledger",
        "SheetSync",
        "Template",
        "Wording",
        "Documents",
        "Bank",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ]
    ),
    .executableTarget(name: "suivi", dependencies: ["SuiviCLI"]),
    // Fixtures shared by the test targets: zip and workbook builders, processes.
    .target(name: "TestSupport", dependencies: ["CLibZip"], path: "Tests/TestSupport"),
    // The fuzz targets of the parsers that read untrusted bytes (`scripts/fuzz`): built with
    // libFuzzer there, and as a replayer of the regression inputs otherwise.
    .systemLibrary(name: "CFuzzer", path: "Fuzz/CFuzzer"),
    .executableTarget(name: "suivi-fuzz", dependencies: ["OOXML", "SheetSync", "Bank", "TestSupport", "CFuzzer"], path: "Fuzz/Sources"),
    .testTarget(name: "WordingTests", dependencies: ["Wording", "TestSupport"]),
    .testTarget(name: "DocumentsTests", dependencies: ["Documents", "Ledger", "Wording", "TestSupport"]),
    .testTarget(name: "BankTests", dependencies: ["Bank", "Ledger", "Wording", "TestSupport"]),
    .testTarget(name: "OOXMLTests", dependencies: ["OOXML", "SafeXML", "TestSupport"], exclude: ["Fixtures"]),
    .testTarget(
      name: "SuiviCLITests",
      dependencies: [
        "SuiviCLI", "OOXML", "TestSupport", .product(name: "GRDB", package: "GRDB.swift"),
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ]),
    .testTarget(name: "SheetSyncTests", dependencies: ["SheetSync", "Ledger", "OOXML", "TestSupport"]),
    .testTarget(name: "TemplateTests", dependencies: ["Template", "Ledger", "OOXML", "TestSupport"]),
    .testTarget(
      name: "LedgerTests",
      dependencies: ["Ledger", "OOXML", "TestSupport", .product(name: "PropertyBased", package: "swift-property-based")]
    ),
  ],
  swiftLanguageModes: [.v6]
)

// No warnings: a new one fails the build (and CI), in the sources and in the tests.
for target in package.targets where target.type != .system {
  target.swiftSettings = (target.swiftSettings ?? []) + [.treatAllWarnings(as: .error)]
}
