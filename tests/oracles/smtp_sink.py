"""An SMTP server for the mail tests (aiosmtpd): keeps every message it accepts as one file.

    smtp_sink.py --port PORT --dir DIR [--refuse FILE] [--delay-ms MS]

Each accepted message becomes DIR/<n>.eml as received, and DIR/<n>.json: the envelope (MAIL
FROM, RCPT TO) and the message as Python's `email` package decodes it (Message-ID, subject,
plain text and HTML parts), so the tests read what a mail client would show. A recipient listed in FILE (one address per line,
read again at every RCPT) is refused with 550, a permanent failure. With --delay-ms, each
message is acknowledged only after that pause (a slow server: a client killed mid-delivery). Prints "ready <port>" once
it listens; stops on SIGTERM.
"""

import argparse
import asyncio
import email
import email.policy
import itertools
import json
import os
import signal

from aiosmtpd.controller import Controller


class Sink:
    def __init__(self, directory, refuse, delay):
        self.directory = directory
        self.refuse = refuse
        self.delay = delay
        # Numbering continues across restarts on the same folder.
        kept = [name for name in os.listdir(directory) if name.endswith(".json")]
        self.counter = itertools.count(len(kept) + 1)

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address.lower() in self.refused():
            return "550 5.1.1 Mailbox does not exist"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    def refused(self):
        if not self.refuse or not os.path.exists(self.refuse):
            return set()
        with open(self.refuse, encoding="utf-8") as listed:
            return {line.strip().lower() for line in listed if line.strip()}

    async def handle_DATA(self, server, session, envelope):
        stem = os.path.join(self.directory, f"{next(self.counter):06}")
        parsed = email.message_from_bytes(envelope.original_content, policy=email.policy.default)
        text = parsed.get_body(preferencelist=("plain",))
        html = parsed.get_body(preferencelist=("html",))
        decoded = {
            "mail_from": envelope.mail_from,
            "rcpt_tos": envelope.rcpt_tos,
            "message_id": str(parsed.get("Message-ID", "")).strip("<> "),
            "subject": str(parsed.get("Subject", "")),
            "from": str(parsed.get("From", "")),
            "to": str(parsed.get("To", "")),
            "text": lines(text),
            "html": lines(html),
        }
        if self.delay:
            await asyncio.sleep(self.delay)
        write(stem + ".eml", envelope.original_content)
        # The JSON last: a test that sees it sees the whole message.
        write(stem + ".json", json.dumps(decoded, ensure_ascii=False).encode())
        return "250 Message accepted"


def lines(part):
    """A part's decoded content with the wire's CRLF line ends as plain newlines."""
    return None if part is None else part.get_content().replace("\r\n", "\n")


def write(name, data):
    with open(name + ".part", "wb") as out:
        out.write(data)
    os.rename(name + ".part", name)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--dir", required=True)
    parser.add_argument("--refuse")
    parser.add_argument("--delay-ms", type=int, default=0)
    args = parser.parse_args()
    sink = Sink(args.dir, args.refuse, args.delay_ms / 1000)
    # A fixed server name: looking up the host name on every connection is slow.
    controller = Controller(sink, hostname="127.0.0.1", port=args.port, server_hostname="sink.test")
    controller.start()
    print(f"ready {controller.port}", flush=True)
    stop = asyncio.new_event_loop()
    stop.add_signal_handler(signal.SIGTERM, stop.stop)
    stop.add_signal_handler(signal.SIGINT, stop.stop)
    stop.run_forever()
    controller.stop()


if __name__ == "__main__":
    main()
