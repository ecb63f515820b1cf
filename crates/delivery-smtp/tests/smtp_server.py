"""A real SMTP server on loopback for the SMTP adapter's tests (aiosmtpd 1.4.6).

    python smtp_server.py --out DIR [--port N] [--tls-cert C --tls-key K [--implicit-tls]]
                          [--auth-user U --auth-password P]

Listens on 127.0.0.1 (port N, or a free one with 0), then prints `READY <port>` and serves until
killed. With a certificate: implicit TLS if --implicit-tls, else STARTTLS offered and required
before MAIL. With a user: AUTH PLAIN and LOGIN, required before MAIL; a wrong password is
answered `535` at once. Recipients with the local part `tempfail` get `451`, `reject` gets `550`.
Each accepted message is appended to DIR/messages.jsonl as one JSON object: envelope, headers,
and the text and HTML parts decoded by Python's own MIME parser.
"""

import argparse
import json
import os
import socket
import ssl
import sys
import threading
import warnings

try:
    from aiosmtpd.controller import Controller
    from aiosmtpd.smtp import AuthResult, LoginPassword
except ImportError as error:
    print(
        f"aiosmtpd is not importable by {sys.executable} ({error}): run the tests with scripts/test, "
        "or set ACCOUNT_TEST_PYTHON=$(scripts/test-servers/python-tools)",
        file=sys.stderr,
    )
    sys.exit(3)

import email
import email.policy


class Handler:
    def __init__(self, out_path):
        self.out_path = out_path
        self.lock = threading.Lock()

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        local = address.split("@", 1)[0]
        if local == "tempfail":
            return "451 4.3.0 Try again later"
        if local == "reject":
            return "550 5.1.1 No such user"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        parsed = email.message_from_bytes(envelope.original_content, policy=email.policy.default)
        text = parsed.get_body(preferencelist=("plain",))
        html = parsed.get_body(preferencelist=("html",))
        record = {
            "mail_from": envelope.mail_from,
            "rcpt_tos": envelope.rcpt_tos,
            "tls": session.ssl is not None,
            "authenticated": bool(session.authenticated),
            "subject": str(parsed["Subject"]),
            "from": str(parsed["From"]),
            "to": str(parsed["To"]),
            "message_id": str(parsed["Message-ID"]),
            "content_type": parsed.get_content_type(),
            "text": text.get_content() if text is not None else None,
            "text_charset": text.get_content_charset() if text is not None else None,
            "html": html.get_content() if html is not None else None,
            "html_charset": html.get_content_charset() if html is not None else None,
        }
        with self.lock, open(self.out_path, "a", encoding="utf-8") as out:
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
        return "250 Message accepted"


class Authenticator:
    def __init__(self, user, password):
        self.user = user.encode()
        self.password = password.encode()

    def __call__(self, server, session, envelope, mechanism, auth_data):
        if isinstance(auth_data, LoginPassword) and (
            auth_data.login == self.user and auth_data.password == self.password
        ):
            return AuthResult(success=True)
        # handled=False: aiosmtpd answers 535 itself; handled=True would leave the client waiting.
        return AuthResult(success=False, handled=False)


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--out", required=True)
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--tls-cert")
    parser.add_argument("--tls-key")
    parser.add_argument("--implicit-tls", action="store_true")
    parser.add_argument("--auth-user")
    parser.add_argument("--auth-password")
    args = parser.parse_args()

    os.makedirs(args.out, exist_ok=True)
    handler = Handler(os.path.join(args.out, "messages.jsonl"))
    server_kwargs = {"hostname": "smtp.test"}
    controller_kwargs = {}

    if args.tls_cert:
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        context.load_cert_chain(args.tls_cert, args.tls_key)
        if args.implicit_tls:
            controller_kwargs["ssl_context"] = context
        else:
            server_kwargs["tls_context"] = context
            server_kwargs["require_starttls"] = True
    if args.auth_user:
        server_kwargs["authenticator"] = Authenticator(args.auth_user, args.auth_password)
        server_kwargs["auth_required"] = True
        # Over implicit TLS or after STARTTLS anyway when TLS is on; plain loopback otherwise.
        server_kwargs["auth_require_tls"] = False
        warnings.filterwarnings("ignore", message="Requiring AUTH while not requiring TLS")

    port = args.port or free_port()
    controller = Controller(
        handler,
        hostname="127.0.0.1",
        port=port,
        server_kwargs=server_kwargs,
        **controller_kwargs,
    )
    controller.start()
    print(f"READY {port}", flush=True)
    try:
        threading.Event().wait()
    finally:
        controller.stop()


if __name__ == "__main__":
    main()
