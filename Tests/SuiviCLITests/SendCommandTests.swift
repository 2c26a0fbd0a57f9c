import Foundation
import Testing

import TestSupport

/// Sending a document: the `.eml` a mail client takes (read back by Python's `email`), the
/// same message through a mail server on loopback, a refusal that loses nothing, and the
/// send log from sending to the acknowledgement or the rejection and its correction.
@Suite(.serialized) struct SendCommandTests {
  let base: FrenchLedger
  var folder: URL { base.folder }
  var ledger: String { base.ledger }

  init() throws { base = try FrenchLedger("send") }

  @discardableResult
  func suivi(_ arguments: String..., expect status: Int32? = 0, sourceLocation: SourceLocation = #_sourceLocation) throws -> Subprocess.Result {
    try base.suivi(arguments, expect: status, sourceLocation: sourceLocation)
  }

  /// A statement of Boulangerie Lefèvre to send.
  func statement() throws -> String {
    try suivi("init")
    for (key, value) in [
      ("business.name", "Dumont & Fils SARL"), ("business.email", "contact@dumont.fr"), ("business.signatory", "Marie Dumont"),
      ("business.address", "12 rue de la République / 69002 Lyon"),
    ] {
      try suivi("config", "set", key, value)
    }
    try suivi("client", "add", "Boulangerie Lefèvre", "--email", "compta@lefevre.fr")
    try suivi("invoice", "add", "--client", "Boulangerie Lefèvre", "--date", "2024-09-02", "--amount-ht", "1000")
    let made = try suivi("statement", "Boulangerie Lefèvre", "--date", "2024-12-02", "--out", folder.appendingPathComponent("docs").path)
    return made.stdout.components(separatedBy: ".pdf").first! + ".pdf"
  }

  /// What Python's `email` package reads of a message: its headers, its text, its attachment.
  func parse(_ path: String) throws -> [String: String] {
    let script = """
      import email, email.policy, json, sys
      data = open(sys.argv[1], 'rb').read()
      data = data[data.index(b'\\n\\n') + 2:] if data.startswith(b'MAIL') else data
      m = email.message_from_bytes(data, policy=email.policy.default)
      attachment = next(m.iter_attachments())
      print(json.dumps({'from': str(m['From']), 'to': str(m['To']), 'subject': str(m['Subject']), 'date': str(m['Date']),
        'body': m.get_body(('plain',)).get_content(), 'filename': attachment.get_filename(),
        'type': attachment.get_content_type(), 'pdf': attachment.get_content()[:5].decode('latin-1'), 'size': str(len(attachment.get_content()))}))
      """
    let result = try Subprocess.run(Subprocess.python, ["-c", script, path])
    try #require(result.status == 0, "\(result.stderr)")
    return try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: String])
  }

  @Test func aStatementSentAsAnEmlTheMailClientReads() throws {
    let pdf = try statement()
    // Without the sender's address: refused, the setting named (not « business.email : «  » »).
    try suivi("config", "set", "business.email", "")
    let unset = try suivi("send", pdf, "--out", folder.appendingPathComponent("x").path, "--date", "2024-12-02", expect: 33).stderr
    #expect(unset.contains("business.email : n'est pas réglé") && !unset.contains("«"), "\(unset)")
    try suivi("config", "set", "business.email", "contact@dumont.fr")
    let outbox = folder.appendingPathComponent("boîte d'envoi").path
    let sent = try suivi("send", pdf, "--out", outbox, "--date", "2024-12-02")
    #expect(sent.stdout.contains("prêt à être envoyé à compta@lefevre.fr") || sent.stdout.contains("compta@lefevre.fr"), "\(sent.stdout)")
    let eml = try #require(try FileManager.default.contentsOfDirectory(atPath: outbox).first { $0.hasSuffix(".eml") })
    let message = try parse(outbox + "/" + eml)
    #expect(message["from"] == "Dumont & Fils SARL <contact@dumont.fr>", "\(message)")
    #expect(message["to"] == "Boulangerie Lefèvre <compta@lefevre.fr>", "\(message)")
    #expect(message["subject"] == "Relevé de compte — Dumont & Fils SARL", "\(message)")
    #expect(message["date"] == "Mon, 02 Dec 2024 09:00:00 +0100", "\(message)")
    #expect(message["filename"] == "2024-12-02 - Relevé de compte - Boulangerie Lefèvre.pdf", "\(message)")
    #expect(message["type"] == "application/pdf" && message["pdf"] == "%PDF-", "\(message)")
    #expect(message["size"] == String(try Data(contentsOf: URL(fileURLWithPath: pdf)).count))
    #expect(message["body"]?.contains("Veuillez trouver ci-joint le document « Relevé de compte » concernant Boulangerie Lefèvre.") == true, "\(message)")
    // Recorded in the send log; never written over.
    let log = try suivi("sent", "--json").stdout
    #expect(log.contains("\"channel\":\"email\"") && log.contains("\"recipient\":\"compta@lefevre.fr\"") && log.contains("\"status\":\"sent\""), "\(log)")
    // Sent again the same day: another message beside the first, never over it.
    try suivi("send", pdf, "--out", outbox, "--date", "2024-12-02")
    #expect(try FileManager.default.contentsOfDirectory(atPath: outbox).filter { $0.hasSuffix(".eml") }.count == 2)
  }

  /// Starts the loopback server; its port, and the file the message will be in.
  func server(refusing: Bool = false, tls: (certificate: String, key: String)? = nil) throws -> (process: Process, port: Int, message: String) {
    let portFile = folder.appendingPathComponent("port-\(UUID().uuidString)").path
    let message = folder.appendingPathComponent("message-\(UUID().uuidString).eml").path
    let sink = SharedFolder.repository.appendingPathComponent("Tests/Interop/smtp_sink.py").path
    let process = Process()
    process.executableURL = URL(fileURLWithPath: Subprocess.python)
    process.arguments = [sink, portFile, message] + (refusing ? ["--refuse"] : []) + (tls.map { ["--tls", $0.certificate, $0.key] } ?? [])
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    try process.run()
    for _ in 0..<200 where !FileManager.default.fileExists(atPath: portFile) { usleep(25_000) }
    let port = try #require(Int(try String(contentsOfFile: portFile, encoding: .utf8)))
    return (process, port, message)
  }

  @Test func aStatementSentThroughAMailServerOnLoopback() throws {
    let pdf = try statement()
    let (process, port, messageFile) = try server()
    defer { process.terminate() }
    try suivi("config", "set", "smtp.url", "smtp://127.0.0.1:\(port)")
    let sent = try suivi("send", pdf, "--date", "2024-12-02")
    #expect(sent.stdout.contains("smtp://127.0.0.1:\(port)"), "\(sent.stdout)")
    process.waitUntilExit()
    let received = try String(contentsOfFile: messageFile, encoding: .utf8)
    #expect(received.hasPrefix("MAIL FROM:<contact@dumont.fr>") && received.contains("RCPT TO:<compta@lefevre.fr>"), "\(received.prefix(200))")
    let message = try parse(messageFile)
    #expect(message["subject"] == "Relevé de compte — Dumont & Fils SARL" && message["pdf"] == "%PDF-", "\(message)")
    #expect(try suivi("sent", "--json").stdout.contains("\"message\":\"smtp://127.0.0.1:\(port)\""))
  }

  /// A server offering STARTTLS: the message goes over TLS, the server's certificate checked
  /// against the authority given (smtp.ca_file).
  @Test func aMessageGoesOverTLSWhenTheServerOffersIt() throws {
    let pdf = try statement()
    let certificate = folder.appendingPathComponent("server.pem").path
    let key = folder.appendingPathComponent("server.key").path
    let made = try Subprocess.run(
      "/usr/bin/openssl",
      ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out", certificate, "-days", "2", "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1"])
    try #require(made.status == 0, "\(made.stderr)")
    let (process, port, messageFile) = try server(tls: (certificate, key))
    defer { process.terminate() }
    try suivi("config", "set", "smtp.url", "smtp://127.0.0.1:\(port)")
    try suivi("config", "set", "smtp.ca_file", certificate)
    try suivi("send", pdf, "--date", "2024-12-02")
    process.waitUntilExit()
    let received = try String(contentsOfFile: messageFile, encoding: .utf8)
    #expect(received.contains("TLS: yes"), "\(received.prefix(300))")
    #expect(try parse(messageFile)["pdf"] == "%PDF-")
    // A certificate no authority vouches for: refused, nothing recorded.
    let (other, otherPort, _) = try server(tls: (certificate, key))
    defer { other.terminate() }
    try suivi("config", "set", "smtp.url", "smtp://127.0.0.1:\(otherPort)")
    try suivi("config", "set", "smtp.ca_file", "")
    let refused = try suivi("send", pdf, "--date", "2024-12-03", expect: 62)
    #expect(refused.stderr.lowercased().contains("certificate"), "\(refused.stderr)")
    #expect(try suivi("sent", "--json").stdout.components(separatedBy: "\"id\"").count == 2, "one send recorded, not two")
  }

  @Test func aMessageTheServerRefusesIsKeptAndNotRecorded() throws {
    let pdf = try statement()
    let (process, port, _) = try server(refusing: true)
    defer { process.terminate() }
    try suivi("config", "set", "smtp.url", "smtp://127.0.0.1:\(port)")
    let refused = try suivi("send", pdf, "--date", "2024-12-02", expect: 62)
    #expect(refused.stderr.contains("smtp://127.0.0.1:\(port)") && refused.stderr.contains("n'a pas été envoyé"), "\(refused.stderr)")
    #expect(try suivi("sent", "--json").stdout == "[]\n", "a refused message is not recorded as sent")
    let outbox = folder.appendingPathComponent("outbox").path
    #expect(try FileManager.default.contentsOfDirectory(atPath: outbox).contains { $0.hasSuffix(".eml") }, "the message stays in the outbox")
  }

  /// Seed 002: a registered letter with its tracking number to its acknowledgement; an
  /// e-mailed invoice rejected, corrected and sent again.
  @Test func theSendLogFollowsEachSendToItsAcknowledgementOrItsCorrection() throws {
    let pdf = try statement()
    // The day's agenda says the statement waits to be sent.
    #expect(try suivi("today", "--date", "2024-12-02").stdout.contains("Relevé de compte pour Boulangerie Lefèvre, fait le 02/12/2024, n'est pas envoyé"))
    try suivi("sent", "record", pdf, "--channel", "lrar", "--date", "2024-12-02", expect: 33)  // no tracking number
    try suivi("sent", "record", pdf, "--channel", "lrar", "--tracking", "1A 123 456 7890 1", "--date", "2024-12-02")
    try suivi("sent", "update", "1", "--status", "remis", "--date", "2024-12-04")
    try suivi("sent", "update", "1", "--status", "ar reçu", "--date", "2024-12-05")
    try suivi("sent", "update", "1", "--status", "delivered", "--date", "2024-12-03", expect: 33)  // before its last status
    try suivi("send", pdf, "--out", folder.appendingPathComponent("outbox").path, "--date", "2024-12-02")
    try suivi("sent", "update", "2", "--status", "rejected", "--date", "2024-12-03", expect: 33)  // a rejection says why
    let rejected = try suivi("sent", "update", "2", "--status", "rejeté", "--reason", "bon de commande manquant", "--date", "2024-12-03")
    #expect(rejected.stdout.contains("--replaces 2"), "\(rejected.stdout)")
    let agenda = try suivi("today", "--date", "2024-12-03").stdout
    #expect(agenda.contains("a été rejeté le 03/12/2024 : bon de commande manquant") && agenda.contains("--replaces 2"), "\(agenda)")
    #expect(!agenda.contains("n'est pas envoyé"), "sent: no longer waiting (\(agenda))")
    let corrected = folder.appendingPathComponent("corrigé.pdf").path
    try FileManager.default.copyItem(atPath: pdf, toPath: corrected)
    try suivi("send", corrected, "--to", "compta@lefevre.fr", "--out", folder.appendingPathComponent("outbox").path, "--date", "2024-12-04", "--replaces", "2")
    let log = try #require(try JSONSerialization.jsonObject(with: Data(try suivi("sent", "--json").stdout.utf8)) as? [[String: Any]])
    let byId = Dictionary(uniqueKeysWithValues: log.map { ("\($0["id"] ?? "?")", $0) })
    #expect(byId["1"]?["status"] as? String == "acknowledged" && byId["1"]?["tracking"] as? String == "1A 123 456 7890 1")
    #expect(byId["2"]?["status"] as? String == "corrected")
    #expect(byId["3"]?["replaces"] as? Int == 2 && byId["3"]?["status"] as? String == "sent", "\(log)")
    #expect(!(try suivi("today", "--date", "2024-12-04").stdout.contains("rejeté")), "corrected: no longer on the agenda")
    let text = try suivi("sent").stdout
    #expect(text.contains("accusé de réception reçu le 05/12/2024") && text.contains("corrigé et renvoyé le 04/12/2024"), "\(text)")
  }
}
