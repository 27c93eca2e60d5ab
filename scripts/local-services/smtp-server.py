#!/usr/bin/python3
"""Local stand-in for an SMTP relay: every message received is written to MAILDIR as one file.

Usage: /usr/bin/python3 smtp-server.py --port N --maildir DIR

Run it with Debian's /usr/bin/python3, which has python3-aiosmtpd. Listens on 127.0.0.1 only.
Each message's DATA, byte for byte as received (after SMTP dot-unstuffing; line ends are CRLF),
becomes DIR/<UTC timestamp>-<random>.eml. The file is written under a hidden temporary name in
DIR, flushed, then renamed, so a reader that lists *.eml never sees a partial message. Envelope
sender and recipients are not stored (Bcc recipients therefore do not appear anywhere).
AUTH is offered without TLS and any credentials are accepted, so a client configured with a
user name and password works the same as one without.
Prints "ready" on its own line once listening; SIGTERM or SIGINT stops it.
"""

import argparse
import datetime
import os
import secrets
import signal
import sys
import threading
import warnings

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult


class MaildirHandler:
    def __init__(self, maildir):
        self.maildir = maildir

    async def handle_DATA(self, server, session, envelope):
        content = envelope.original_content
        if content is None:
            content = envelope.content
        if isinstance(content, str):
            content = content.encode("utf-8", "surrogateescape")
        stamp = datetime.datetime.now(datetime.timezone.utc).strftime("%Y%m%dT%H%M%S%fZ")
        name = f"{stamp}-{secrets.token_hex(4)}.eml"
        temp = os.path.join(self.maildir, f".{name}.tmp")
        try:
            with open(temp, "wb") as f:
                f.write(content)
                f.flush()
                os.fsync(f.fileno())
            os.rename(temp, os.path.join(self.maildir, name))
        except OSError as e:
            print(f"smtp-server: could not store message: {e}", file=sys.stderr, flush=True)
            try:
                os.unlink(temp)
            except OSError:
                pass
            return "451 Requested action aborted: local error in processing"
        print(
            f"smtp-server: stored {name} from {envelope.mail_from} to {', '.join(envelope.rcpt_tos)}",
            file=sys.stderr,
            flush=True,
        )
        return "250 Message accepted for delivery"


def accept_any_credentials(server, session, envelope, mechanism, auth_data):
    return AuthResult(success=True)


def main():
    # aiosmtpd 1.4 warns on every AUTH, from its own code.
    warnings.filterwarnings("ignore", message="Session.login_data is deprecated")
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--maildir", required=True)
    args = parser.parse_args()

    maildir = os.path.abspath(args.maildir)
    os.makedirs(maildir, exist_ok=True)

    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    signal.signal(signal.SIGINT, lambda *_: stop.set())

    controller = Controller(
        MaildirHandler(maildir),
        hostname="127.0.0.1",
        port=args.port,
        enable_SMTPUTF8=True,
        authenticator=accept_any_credentials,
        auth_require_tls=False,
    )
    controller.start()  # returns once the server answers a test connection
    print(f"smtp-server: listening on 127.0.0.1:{args.port}, mail in {maildir}", file=sys.stderr, flush=True)
    print("ready", flush=True)
    try:
        while not stop.wait(1):
            pass
    finally:
        print("smtp-server: stopping", file=sys.stderr, flush=True)
        controller.stop()


if __name__ == "__main__":
    main()
