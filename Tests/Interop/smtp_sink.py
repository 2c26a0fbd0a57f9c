#!/usr/bin/env python3
"""A mail server for one message, on loopback, for the tests of `suivi send`.

usage: smtp_sink.py PORT_FILE MESSAGE_FILE [--refuse] [--tls CERT KEY]

Listens on 127.0.0.1 (a free port, written to PORT_FILE), speaks enough SMTP (RFC 5321) for
one session — EHLO/HELO, MAIL, RCPT, DATA, QUIT — writes the message received to
MESSAGE_FILE with the envelope (MAIL FROM and RCPT TO lines first), then exits. With
--refuse, every recipient is refused (550). With --tls, STARTTLS is offered (RFC 3207) with
that certificate, and the message file says whether the message came over TLS. Gives up after
60 seconds.
"""
import socket
import sys


def main():
    port_file, message_file = sys.argv[1], sys.argv[2]
    refuse = "--refuse" in sys.argv[3:]
    tls = None
    if "--tls" in sys.argv:
        at = sys.argv.index("--tls")
        tls = (sys.argv[at + 1], sys.argv[at + 2])
    secured = False
    server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    server.bind(("127.0.0.1", 0))
    server.listen(1)
    server.settimeout(60)
    with open(port_file + ".tmp", "w") as f:
        f.write(str(server.getsockname()[1]))
    import os
    os.rename(port_file + ".tmp", port_file)
    connection, _ = server.accept()
    connection.settimeout(60)
    stream = connection.makefile("rb")

    def say(line):
        connection.sendall(line.encode() + b"\r\n")

    say("220 sink ESMTP")
    envelope = []
    while True:
        line = stream.readline()
        if not line:
            break
        command = line.decode("ascii", "replace").strip()
        verb = command.split(" ")[0].upper()
        if verb == "EHLO":
            say("250-sink")
            if tls and not secured:
                say("250-STARTTLS")
            say("250 8BITMIME")
        elif verb == "STARTTLS" and tls and not secured:
            import ssl
            say("220 go ahead")
            context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
            context.load_cert_chain(tls[0], tls[1])
            connection = context.wrap_socket(connection, server_side=True)
            stream = connection.makefile("rb")
            secured = True
            envelope = []
        elif verb == "HELO":
            say("250 sink")
        elif verb == "MAIL":
            envelope.append(command)
            say("250 OK")
        elif verb == "RCPT":
            if refuse:
                say("550 5.1.1 no such mailbox here")
            else:
                envelope.append(command)
                say("250 OK")
        elif verb == "DATA":
            say("354 end with <CRLF>.<CRLF>")
            data = b""
            while True:
                chunk = stream.readline()
                if chunk in (b".\r\n", b""):
                    break
                if chunk.startswith(b".."):
                    chunk = chunk[1:]
                data += chunk
            with open(message_file, "wb") as f:
                f.write(("\n".join(envelope + [f"TLS: {'yes' if secured else 'no'}"]) + "\n\n").encode() + data)
            say("250 OK queued")
        elif verb == "QUIT":
            say("221 bye")
            break
        elif verb in ("RSET", "NOOP"):
            say("250 OK")
        else:
            say("502 not here")
    connection.close()
    server.close()


if __name__ == "__main__":
    main()
