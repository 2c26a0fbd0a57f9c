import SafeXML

/// An OPC package (the zip container of a workbook) with its parts read as XML.
///
/// Opening checks what kind of file it really is, so that an `.xls`, an encrypted
/// workbook or an OpenDocument file is named as such instead of failing later.
#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

final class OPCPackage {
  let archive: ZipArchive
  var file: String { archive.path }

  init(path: String, limits: ZipLimits) throws {
    var status = stat()
    if stat(path, &status) == 0, (status.st_mode & S_IFMT) == S_IFDIR {
      throw OOXMLError.cannotOpen(file: path, reason: "it is a folder, not a workbook file")
    }
    switch PackageSniffer.kind(of: path) {
    case nil:
      // Let libzip say why (missing, a folder, no permission).
      _ = try ZipArchive(path: path, limits: limits)
      throw OOXMLError.cannotOpen(file: path, reason: "unreadable file")
    case .legacyExcel?: throw OOXMLError.legacyExcel(file: path)
    case .encryptedPackage?: throw OOXMLError.encrypted(file: path)
    case .otherCompoundFile?: throw OOXMLError.unsupportedFormat(file: path, format: "an OLE compound document (not a workbook)")
    case .xmlSpreadsheet?: throw OOXMLError.unsupportedFormat(file: path, format: "an XML text file (an Excel 2003 XML spreadsheet?)")
    case .unknown?: throw OOXMLError.notAZip(file: path)
    case .zip?: break
    }
    archive = try ZipArchive(path: path, limits: limits)
    try refuseOtherZipFormats()
  }

  /// The entry of a part, if the package has it. Relationship targets are URIs, so a
  /// percent-encoded name (`sheet%201.xml`) also finds the entry `sheet 1.xml`.
  func entry(_ part: String) -> ZipEntry? {
    if let entry = archive.entry(named: part) { return entry }
    guard part.contains("%"), let decoded = PartName.percentDecoded(part) else { return nil }
    return archive.entry(named: decoded)
  }

  /// Parses a small part into an element tree; `nil` when the part is absent.
  func element(_ part: String) throws -> XMLElement? {
    guard let entry = entry(part) else { return nil }
    let builder = XMLTreeBuilder()
    let parser = XMLPushParser(file: file, part: entry.normalizedName, handler: builder)
    try parser.parse(archive.openStream(entry))
    guard let root = builder.root else {
      throw OOXMLError.malformedXML(file: file, part: entry.normalizedName, line: 0, message: "no root element")
    }
    return root
  }

  /// Streams a part through `handler`.
  func stream(_ entry: ZipEntry, to handler: any XMLContentHandler) throws {
    try XMLPushParser(file: file, part: entry.normalizedName, handler: handler).parse(archive.openStream(entry))
  }

  private func refuseOtherZipFormats() throws {
    if let mimetype = entry("mimetype"), mimetype.declaredSize < 256 {
      let type = String(decoding: try archive.contents(of: mimetype), as: UTF8.self)
      if type.hasPrefix("application/vnd.oasis.opendocument") {
        throw OOXMLError.unsupportedFormat(file: file, format: "an OpenDocument file (\(type)); save it as .xlsx")
      }
    }
    if entry("xl/workbook.bin") != nil {
      throw OOXMLError.unsupportedFormat(file: file, format: "a binary workbook (.xlsb); save it as .xlsx")
    }
  }
}
