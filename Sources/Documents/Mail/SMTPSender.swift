import DocumentLibraries
import Foundation
import Wording

/// Sends a message by SMTP through libcurl: TLS required (STARTTLS on `smtp://`, TLS from
/// the start on `smtps://`), except to a server on this machine's loopback.
public struct SMTPSender: Sendable {
  /// `smtp://host:587` or `smtps://host:465`.
  public var url: String
  public var user: String?
  /// Never stored: from `SUIVI_SMTP_PASSWORD`.
  public var password: String?
  /// A certificate authority's file to trust (a company's own server), if any.
  public var caFile: String?

  public init(url: String, user: String?, password: String?, caFile: String? = nil) {
    self.url = url
    self.user = user
    self.password = password
    self.caFile = caFile
  }

  /// Whether the server is this machine: `localhost`, an address `127.x.x.x`, `::1` (a
  /// name that only starts with `127.` is not).
  var isLoopback: Bool {
    guard let host = URLComponents(string: url)?.host?.lowercased() else { return false }
    if host == "localhost" || host == "::1" || host == "[::1]" { return true }
    let parts = host.split(separator: ".", omittingEmptySubsequences: false)
    return parts.count == 4 && parts[0] == "127" && parts.allSatisfy { UInt8($0) != nil }
  }

  final class Reader {
    let bytes: [UInt8]
    var offset = 0
    init(_ bytes: [UInt8]) { self.bytes = bytes }
  }

  /// Sends `message` from `from` to `recipients`.
  ///
  /// - Throws: ``DocumentError/sendFailed(server:reason:)`` with curl's reason.
  public func send(_ message: [UInt8], from: String, to recipients: [String]) throws {
    guard url.hasPrefix("smtp://") || url.hasPrefix("smtps://") else {
      throw DocumentError.sendFailed(server: url, reason: "the server is smtp://HOST:PORT or smtps://HOST:PORT")
    }
    do { try Libraries.load() } catch { throw DocumentError.sendFailed(server: url, reason: error.phrase) }
    curl_global_init(Int(CURL_GLOBAL_DEFAULT))
    guard let handle = curl_easy_init() else { throw DocumentError.sendFailed(server: url, reason: "libcurl could not start") }
    defer { curl_easy_cleanup(handle) }
    var list: UnsafeMutablePointer<curl_slist>?
    for recipient in recipients { list = curl_slist_append(list, "<\(recipient)>") }
    defer { curl_slist_free_all(list) }
    let reader = Reader(message)
    var errorBuffer = [CChar](repeating: 0, count: Int(CURL_ERROR_SIZE) + 1)
    var status: CURLcode = CURLE_OK
    errorBuffer.withUnsafeMutableBufferPointer { errors in
      func check(_ code: CURLcode) { if status == CURLE_OK { status = code } }
      check(suivi_curl_string(handle, CURLOPT_URL, url))
      check(suivi_curl_string(handle, CURLOPT_MAIL_FROM, "<\(from)>"))
      check(suivi_curl_list(handle, CURLOPT_MAIL_RCPT, list))
      check(suivi_curl_long(handle, CURLOPT_UPLOAD, 1))
      check(suivi_curl_long(handle, CURLOPT_NOSIGNAL, 1))
      check(suivi_curl_long(handle, CURLOPT_CONNECTTIMEOUT, 20))
      check(suivi_curl_long(handle, CURLOPT_TIMEOUT, 120))
      check(suivi_curl_long(handle, CURLOPT_USE_SSL, isLoopback ? Int(CURLUSESSL_TRY.rawValue) : Int(CURLUSESSL_ALL.rawValue)))
      check(suivi_curl_pointer(handle, CURLOPT_ERRORBUFFER, errors.baseAddress))
      if let user { check(suivi_curl_string(handle, CURLOPT_USERNAME, user)) }
      if let password { check(suivi_curl_string(handle, CURLOPT_PASSWORD, password)) }
      if let caFile { check(suivi_curl_string(handle, CURLOPT_CAINFO, caFile)) }
      check(
        suivi_curl_reader(handle) { buffer, size, count, context in
          guard let buffer, let context else { return 0 }
          let reader = Unmanaged<SMTPSender.Reader>.fromOpaque(context).takeUnretainedValue()
          let length = min(size * count, reader.bytes.count - reader.offset)
          guard length > 0 else { return 0 }
          reader.bytes.withUnsafeBufferPointer { source in
            UnsafeMutableRawPointer(buffer).copyMemory(from: source.baseAddress! + reader.offset, byteCount: length)
          }
          reader.offset += length
          return length
        })
      check(suivi_curl_pointer(handle, CURLOPT_READDATA, Unmanaged.passUnretained(reader).toOpaque()))
      if status == CURLE_OK { status = withExtendedLifetime(reader) { curl_easy_perform(handle) } }
      // The buffer lives no longer than this closure: curl must not write to it after.
      _ = suivi_curl_pointer(handle, CURLOPT_ERRORBUFFER, nil)
    }
    guard status == CURLE_OK else {
      let detail = String(decoding: errorBuffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
      throw DocumentError.sendFailed(server: url, reason: .verbatim(detail.isEmpty ? String(cString: curl_easy_strerror(status)) : detail))
    }
  }
}
