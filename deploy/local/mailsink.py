"""The local stack's mail sink: an SMTP server on loopback that keeps every message it is given as a file.

Outgoing mail of the local stack (notify's welcome and password-reset e-mails, ...) is delivered here
and nowhere else: one `<UTC time>-<random>.eml` per message in `.stack/mail/` (names sort by arrival,
each file written under a temporary name and renamed, so a reader never sees half a message). Every
recipient is accepted, any AUTH login is, no TLS. The envelope is kept as `Return-Path` and
`Delivered-To` headers above the message as sent.

    python deploy/local/mailsink.py serve [--host H] [--port P] [--dir D]   (what deploy/local/mailsink.sh runs)
    python deploy/local/mailsink.py list [N]     the last N messages (default 10), newest first: number, arrival, to, subject
    python deploy/local/mailsink.py show [N]     message N of `list` (default 1, the newest): headers, text, file

Defaults: host $BF_BIND, port $BF_MAILSINK_PORT, folder $BF_STACK_DIR/mail (deploy/local/stack.env).
Needs aiosmtpd (a direct dependency in requirements.in) for `serve` only.
"""
from __future__ import annotations

import argparse
import asyncio
import email
import email.policy
import logging
import os
import secrets
import signal
import sys
from datetime import datetime, timezone
from email.message import EmailMessage
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def mail_dir() -> Path:
    """Where the sink keeps messages: <state folder>/mail, the state folder being BF_STACK_DIR (default .stack)."""
    return (ROOT / os.environ.get("BF_STACK_DIR", ".stack")) / "mail"


# --- the server ------------------------------------------------------------------------------------

def store(folder: Path, content: bytes, mail_from: str, rcpt_tos: list[str]) -> Path:
    """Write one message atomically as <folder>/<UTC time>-<random>.eml; returns its path."""
    now = datetime.now(timezone.utc)
    name = f"{now:%Y%m%dT%H%M%S.%f}Z-{secrets.token_hex(3)}.eml"
    envelope = [f"Return-Path: <{mail_from}>"] + [f"Delivered-To: {rcpt}" for rcpt in rcpt_tos]
    folder.mkdir(parents=True, exist_ok=True)
    final, partial = folder / name, folder / f"{name}.tmp"
    with open(partial, "wb") as out:
        out.write(("\r\n".join(envelope) + "\r\n").encode())
        out.write(content)
        out.flush()
        os.fsync(out.fileno())
    os.replace(partial, final)
    return final


class Sink:
    """The aiosmtpd handler: every message goes to a file, whoever it is for."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    async def handle_DATA(self, server, session, envelope) -> str:  # noqa: N802 (aiosmtpd's hook name)
        path = await asyncio.to_thread(store, self.folder, envelope.original_content or envelope.content,
                                       envelope.mail_from or "", list(envelope.rcpt_tos))
        print(f"{datetime.now(timezone.utc):%Y-%m-%dT%H:%M:%SZ} from <{envelope.mail_from}> "
              f"to {', '.join(envelope.rcpt_tos)}: {path.name} ({path.stat().st_size} bytes)", flush=True)
        return "250 Message accepted for delivery"


def accept_any_login(server, session, envelope, mechanism, auth_data):
    """Any user name and password will do: the sink stands in for a relay that may ask for a login."""
    from aiosmtpd.smtp import AuthResult
    return AuthResult(success=True)


async def serve(host: str, port: int, folder: Path) -> None:
    from aiosmtpd.smtp import SMTP

    # aiosmtpd itself sets the legacy Session.login_data after every AUTH and warns about it each time
    logging.getLogger("mail.log").addFilter(lambda record: "login_data is deprecated" not in record.getMessage())
    sink = Sink(folder)

    def factory() -> SMTP:
        return SMTP(sink, enable_SMTPUTF8=True, hostname="bf-mailsink", ident="bf-mailsink",
                    authenticator=accept_any_login, auth_require_tls=False)

    folder.mkdir(parents=True, exist_ok=True)
    server = await asyncio.get_running_loop().create_server(factory, host=host, port=port)
    stop = asyncio.Event()
    for sig in (signal.SIGTERM, signal.SIGINT):
        asyncio.get_running_loop().add_signal_handler(sig, stop.set)
    print(f"mail sink listening on {host}:{port}, messages in {folder}", flush=True)
    await stop.wait()
    server.close()
    await server.wait_closed()
    print("mail sink stopped", flush=True)


# --- the reader ------------------------------------------------------------------------------------

def messages(folder: Path) -> list[Path]:
    """Stored messages, newest first."""
    return sorted(folder.glob("*.eml"), reverse=True)


def arrived(path: Path) -> str:
    """When the sink received a message, from its file name (UTC)."""
    stamp = path.name.split("-", 1)[0]
    try:
        return f"{datetime.strptime(stamp, '%Y%m%dT%H%M%S.%fZ'):%Y-%m-%d %H:%M:%S}Z"
    except ValueError:
        return "?"


def parse(path: Path) -> EmailMessage:
    return email.message_from_bytes(path.read_bytes(), policy=email.policy.default)


def text_of(message: EmailMessage) -> str:
    """The plain-text body (else the HTML one as it is), decoded."""
    part = message.get_body(preferencelist=("plain", "html"))
    return part.get_content() if part is not None else ""


def list_messages(folder: Path, count: int) -> None:
    found = messages(folder)
    if not found:
        print(f"no mail in {folder} yet")
        return
    for number, path in enumerate(found[:count], start=1):
        m = parse(path)
        to = m.get("To") or ", ".join(m.get_all("Delivered-To", [])) or "?"
        print(f"{number:>3}  {arrived(path)}  {str(to)[:40]:<40}  {m.get('Subject', '')}")
    print(f"({len(found)} in {folder}; show one: python deploy/local/mailsink.py show N)")


def show_message(folder: Path, number: int) -> None:
    found = messages(folder)
    if not 1 <= number <= len(found):
        sys.exit(f"no message {number}: {len(found)} in {folder}")
    m = parse(found[number - 1])
    print(f"Arrived: {arrived(found[number - 1])}")
    for header in ("Date", "From", "To", "Subject"):
        if m.get(header):
            print(f"{header}: {m[header]}")
    print()
    print(text_of(m).rstrip())
    print(f"\n(file: {found[number - 1]})")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="mailsink.py", description=__doc__.split("\n\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    run = commands.add_parser("serve", help="run the SMTP server")
    run.add_argument("--host", default=os.environ.get("BF_BIND", "127.0.0.1"))
    run.add_argument("--port", type=int, default=int(os.environ.get("BF_MAILSINK_PORT", "2526")))
    run.add_argument("--dir", type=Path, default=None)
    listing = commands.add_parser("list", help="the last messages, newest first")
    listing.add_argument("count", type=int, nargs="?", default=10)
    listing.add_argument("--dir", type=Path, default=None)
    show = commands.add_parser("show", help="one message of the list (1 = the newest)")
    show.add_argument("number", type=int, nargs="?", default=1)
    show.add_argument("--dir", type=Path, default=None)
    args = parser.parse_args(argv)
    folder = args.dir or mail_dir()
    if args.command == "serve":
        asyncio.run(serve(args.host, args.port, folder))
    elif args.command == "list":
        list_messages(folder, args.count)
    else:
        show_message(folder, args.number)


if __name__ == "__main__":
    try:
        main()
    except BrokenPipeError:  # `make mail | head`: the reader stopped reading
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
