import SafeXML

/// Notes (Excel's "comments" before threaded comments): the text in a comments part, the
/// yellow box a shape in the sheet's VML drawing.
extension WorkbookEditor {
  /// Gives a cell a note, replacing the note it has.
  ///
  /// The text goes in the sheet's comments part and the note's box in its VML drawing
  /// (both created when the sheet has none), as Excel writes them.
  /// - Throws: ``OOXMLError/editRefused(file:sheet:cell:reason:)`` at save when the cell
  ///   holds a threaded comment, which a note cannot replace without losing its replies.
  public func setNote(_ text: String, at reference: CellReference, sheet: String, author: String = "Suivi") throws {
    let name = try worksheet(sheet).name
    edits[name, default: WorksheetEdit()].notes[reference] = .set(text: text, author: author)
  }

  /// Removes a cell's note, if it has one.
  public func removeNote(at reference: CellReference, sheet: String) throws {
    let name = try worksheet(sheet).name
    edits[name, default: WorksheetEdit()].notes[reference] = .remove
  }
}

/// A change to one cell's note.
enum NoteEdit: Equatable {
  case set(text: String, author: String)
  case remove

  var text: String? {
    if case let .set(text, _) = self { text } else { nil }
  }
}

/// A note as a workbook holds it.
public struct Note: Equatable, Sendable {
  /// The note's text, runs joined.
  public var text: String
  /// The author's name, when the comments part gives one.
  public var author: String?

  public init(text: String, author: String? = nil) {
    self.text = text
    self.author = author
  }
}

extension Workbook {
  /// The notes of a worksheet, by cell.
  /// - Throws: ``OOXMLError`` when the sheet does not exist or its comments part cannot be read.
  public func notes(of sheetName: String) throws -> [CellReference: Note] {
    let sheet = try requireSheet(named: sheetName)
    guard let relationships = try package.relationships(of: sheet.partName),
      let name = relationships.first(where: { $0.kind == "comments" })?.partName,
      let root = try package.element(name)
    else { return [:] }
    let ns = XMLNamespace.spreadsheetML
    let authors = root.child("authors", in: ns)?.children("author", in: ns).map(\.text) ?? []
    var notes: [CellReference: Note] = [:]
    for comment in root.child("commentList", in: ns)?.children("comment", in: ns) ?? [] {
      guard let ref = comment.attribute("ref").flatMap({ CellRange($0)?.first }) else { continue }
      let author = comment.attribute("authorId").flatMap(Int.init).flatMap { authors.indices.contains($0) ? authors[$0] : nil }
      let text = comment.child("text", in: ns).map(Self.noteText) ?? ""
      notes[ref] = Note(text: ExcelEscaping.decode(text), author: author)
    }
    return notes
  }

  /// The text of a `<text>` element: its `<t>`, or its runs' `<t>`, without phonetic runs.
  private static func noteText(_ element: XMLElement) -> String {
    element.children.map { child in
      switch child.localName {
      case "t": child.text
      case "r": child.children.filter { $0.localName == "t" }.map(\.text).joined()
      default: ""
      }
    }.joined()
  }
}
