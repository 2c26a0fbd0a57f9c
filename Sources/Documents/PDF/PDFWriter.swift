import DocumentLibraries
import CivilDate

/// A PDF being drawn, in memory: a cairo PDF surface writing into a byte buffer, and its
/// drawing context. Owns both C handles; ``finish()`` ends the document and returns its bytes.
///
/// Units are PostScript points (1/72 inch); the origin is the page's top left corner.
final class PDFWriter {
  /// The bytes cairo has written so far.
  final class Sink {
    var bytes: [UInt8] = []
  }

  let width: Double
  let height: Double
  private let sink = Sink()
  private let surface: OpaquePointer
  let context: OpaquePointer
  private var finished = false

  /// A document of pages `width` × `height` points, its metadata set so that the same
  /// inputs give the same bytes (the creation date is the document's day, not the clock).
  init(width: Double, height: Double, title: String, author: String, day: Day) throws {
    self.width = width
    self.height = height
    do { try Libraries.load() } catch { throw DocumentError.pdf(reason: error.phrase) }
    let closure = Unmanaged.passUnretained(sink).toOpaque()
    guard
      let surface = cairo_pdf_surface_create_for_stream(
        { closure, data, length in
          guard let closure, let data else { return CAIRO_STATUS_WRITE_ERROR }
          let sink = Unmanaged<PDFWriter.Sink>.fromOpaque(closure).takeUnretainedValue()
          sink.bytes.append(contentsOf: UnsafeBufferPointer(start: data, count: Int(length)))
          return CAIRO_STATUS_SUCCESS
        }, closure, width, height)
    else { throw DocumentError.pdf(reason: "cairo could not create a PDF surface") }
    self.surface = surface
    guard cairo_surface_status(surface) == CAIRO_STATUS_SUCCESS, let context = cairo_create(surface) else {
      cairo_surface_destroy(surface)
      throw DocumentError.pdf(reason: "cairo could not create a PDF surface")
    }
    self.context = context
    let date = "\(day)T00:00:00Z"
    cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_TITLE, title)
    cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_AUTHOR, author)
    cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATOR, "Suivi")
    cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATE_DATE, date)
    cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_MOD_DATE, date)
  }

  deinit {
    cairo_destroy(context)
    cairo_surface_destroy(surface)
  }

  /// Ends the current page and starts the next.
  func showPage() { cairo_show_page(context) }

  /// Ends the document: its bytes.
  func finish() throws -> [UInt8] {
    precondition(!finished, "a PDF is finished once")
    finished = true
    cairo_surface_finish(surface)
    let status = cairo_surface_status(surface)
    guard status == CAIRO_STATUS_SUCCESS else {
      throw DocumentError.pdf(reason: "cairo: \(String(cString: cairo_status_to_string(status)))")
    }
    return sink.bytes
  }

  // MARK: Drawing

  func setColour(_ colour: Colour) { cairo_set_source_rgb(context, colour.red, colour.green, colour.blue) }

  /// A line from (x1, y1) to (x2, y2).
  func line(_ x1: Double, _ y1: Double, _ x2: Double, _ y2: Double, width: Double = 0.5, colour: Colour = .rule) {
    setColour(colour)
    cairo_set_line_width(context, width)
    cairo_move_to(context, x1, y1)
    cairo_line_to(context, x2, y2)
    cairo_stroke(context)
  }

  /// A filled rectangle.
  func fill(x: Double, y: Double, width: Double, height: Double, colour: Colour) {
    setColour(colour)
    cairo_rectangle(context, x, y, width, height)
    cairo_fill(context)
  }

  /// A PNG image scaled into the box `width` × `height` (keeping its proportions), from its
  /// bytes: a logo given by the business.
  func image(png bytes: [UInt8], x: Double, y: Double, width: Double, height: Double) throws {
    final class Reader {
      let bytes: [UInt8]
      var offset = 0
      init(_ bytes: [UInt8]) { self.bytes = bytes }
    }
    let reader = Reader(bytes)
    let image = cairo_image_surface_create_from_png_stream(
      { closure, data, length in
        guard let closure, let data else { return CAIRO_STATUS_READ_ERROR }
        let reader = Unmanaged<Reader>.fromOpaque(closure).takeUnretainedValue()
        let count = Int(length)
        guard reader.offset + count <= reader.bytes.count else { return CAIRO_STATUS_READ_ERROR }
        reader.bytes.withUnsafeBufferPointer { data.update(from: $0.baseAddress! + reader.offset, count: count) }
        reader.offset += count
        return CAIRO_STATUS_SUCCESS
      }, Unmanaged.passUnretained(reader).toOpaque())
    defer { cairo_surface_destroy(image) }
    guard cairo_surface_status(image) == CAIRO_STATUS_SUCCESS else { throw DocumentError.logo(reason: "not a PNG image cairo can read") }
    let (w, h) = (Double(cairo_image_surface_get_width(image)), Double(cairo_image_surface_get_height(image)))
    guard w > 0, h > 0, w <= 4000, h <= 4000 else { throw DocumentError.logo(reason: "its size (\(Int(w)) × \(Int(h)) pixels) is not a logo's") }
    let scale = min(width / w, height / h)
    cairo_save(context)
    cairo_translate(context, x, y)
    cairo_scale(context, scale, scale)
    cairo_set_source_surface(context, image, 0, 0)
    cairo_paint(context)
    cairo_restore(context)
  }
}

/// A colour, each component from 0 to 1.
struct Colour: Sendable, Equatable {
  var red: Double
  var green: Double
  var blue: Double

  static let text = Colour(red: 0.1, green: 0.1, blue: 0.1)
  static let muted = Colour(red: 0.4, green: 0.4, blue: 0.4)
  static let rule = Colour(red: 0.6, green: 0.6, blue: 0.6)
  static let band = Colour(red: 0.92, green: 0.94, blue: 0.97)
  static let accent = Colour(red: 0.55, green: 0.1, blue: 0.1)
}
