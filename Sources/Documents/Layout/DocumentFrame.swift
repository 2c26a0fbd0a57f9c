import CivilDate
import Foundation
import Ledger
import Wording

/// What every page of a document shows besides its body: the business's letterhead and
/// the recipient's address on the first page, a running header on the others, the
/// business's identity in the footer of each.
struct DocumentFrame {
  var identity: BusinessIdentity
  /// The logo's PNG bytes, if the business has one.
  var logo: [UInt8]?
  /// Who the document is addressed to (in the DL window), if anyone.
  var recipient: (name: String, lines: [String])?
  /// The document's title (`Mise en demeure de payer`), also its PDF title.
  var title: String
  /// Mentions above the subject (`Lettre recommandée avec accusé de réception`).
  var mentions: [String] = []
  /// `Objet : …`, if any.
  var subject: String?
  var day: Day
  var words: DocumentWords

  /// The document as PDF bytes: the frame around `blocks`.
  func render(_ blocks: [Block]) throws -> [UInt8] {
    let writer = try PDFWriter(
      width: PageGeometry.width, height: PageGeometry.height, title: title, author: identity.name.isEmpty ? "Suivi" : identity.name, day: day)
    let engine = TextEngine(writer: writer)
    let firstTop = firstPageTop(engine)
    var paginator = Paginator(engine: engine, firstTop: firstTop, nextTop: PageGeometry.top + PageGeometry.mm(12))
    paginator.lay(blocks)
    try paginator.draw(on: writer, footer: footer, language: words.language) { page in
      if page == 0 { try drawFirstPage(writer, engine) } else { drawRunningHeader(writer, engine) }
    }
    return try writer.finish()
  }

  var footer: [String] {
    var first = [identity.name, identity.legalForm, identity.registration].filter { !$0.isEmpty }
    if !identity.siret.isEmpty { first.append("SIRET \(identity.siret)") }
    if !identity.vatNumber.isEmpty { first.append(words.doc("VAT number \(identity.vatNumber)")) }
    var second: [String] = []
    if !identity.iban.isEmpty { second.append("IBAN \(identity.ibanGrouped)") }
    if !identity.bic.isEmpty { second.append("BIC \(identity.bic)") }
    return [first.joined(separator: " — "), second.joined(separator: " — ")].filter { !$0.isEmpty }
  }

  /// Where the body starts on the first page: below the address window, the date and the
  /// subject.
  func firstPageTop(_ engine: TextEngine) -> Double {
    var y = PageGeometry.window.y + PageGeometry.window.height + PageGeometry.mm(6)
    y += engine.measure(placeAndDate, .body, width: PageGeometry.textWidth).height + 10
    for mention in mentions { y += engine.measure(mention, .strong, width: PageGeometry.textWidth).height + 2 }
    if let subject { y += engine.measure(subject, .strong, width: PageGeometry.textWidth).height + 10 }
    return y
  }

  var placeAndDate: String {
    identity.city.isEmpty ? words.doc("On \(.verbatim(words.longDay(day)))") : words.doc("\(identity.city), on \(.verbatim(words.longDay(day)))")
  }

  func drawFirstPage(_ writer: PDFWriter, _ engine: TextEngine) throws {
    var y = PageGeometry.top
    let left = PageGeometry.left
    if let logo {
      try writer.image(png: logo, x: left, y: y, width: PageGeometry.mm(45), height: PageGeometry.mm(18))
      y += PageGeometry.mm(20)
    }
    if !identity.name.isEmpty { y += engine.draw(identity.name, .title, x: left, y: y, width: PageGeometry.mm(85)) }
    let small = TextStyle(size: 8.5, colour: .muted)
    let lines = [identity.legalForm] + identity.addressLines + [identity.phone, identity.email]
    for line in lines where !line.isEmpty { y += engine.draw(line, small, x: left, y: y, width: PageGeometry.mm(85)) }
    if let recipient {
      let window = PageGeometry.window
      var ry = window.y
      ry += engine.draw(recipient.name, .strong, x: window.x, y: ry, width: window.width)
      for line in recipient.lines { ry += engine.draw(line, .body, x: window.x, y: ry, width: window.width) }
    }
    var at = PageGeometry.window.y + PageGeometry.window.height + PageGeometry.mm(6)
    var dateStyle = TextStyle.body
    dateStyle.alignment = .right
    at += engine.draw(placeAndDate, dateStyle, x: left, y: at, width: PageGeometry.textWidth) + 10
    for mention in mentions { at += engine.draw(mention, .strong, x: left, y: at, width: PageGeometry.textWidth) + 2 }
    if let subject { engine.draw(subject, .strong, x: left, y: at, width: PageGeometry.textWidth) }
  }

  func drawRunningHeader(_ writer: PDFWriter, _ engine: TextEngine) {
    let said = [identity.name, title, recipient?.name ?? ""].filter { !$0.isEmpty }.joined(separator: " — ")
    engine.draw(said, .small, x: PageGeometry.left, y: PageGeometry.top, width: PageGeometry.textWidth)
    writer.line(PageGeometry.left, PageGeometry.top + 12, PageGeometry.left + PageGeometry.textWidth, PageGeometry.top + 12, width: 0.3)
  }

  /// Reads the business's logo: a PNG file, at most 2 MiB.
  static func logo(at path: String) throws -> [UInt8]? {
    guard !path.isEmpty else { return nil }
    guard let attributes = try? FileManager.default.attributesOfItem(atPath: path), let size = attributes[.size] as? Int else {
      throw DocumentError.logo(reason: "\(path) cannot be read")
    }
    guard size <= 2 << 20 else { throw DocumentError.logo(reason: "\(path) is larger than 2 MiB") }
    guard let data = FileManager.default.contents(atPath: path) else { throw DocumentError.logo(reason: "\(path) cannot be read") }
    let bytes = [UInt8](data)
    guard bytes.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) else { throw DocumentError.logo(reason: "\(path) is not a PNG image") }
    return bytes
  }
}
