"""Mail servers on the loopback, as the site may meet them: one that delivers, one that answers
with an error, one that accepts the connection and never says a word, and a closed port."""

import contextlib
import email
import email.policy
import socket
import threading

from aiosmtpd.controller import Controller


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Collecting:
    """aiosmtpd handler keeping every message it accepts: ``(recipients, subject + text)``."""

    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 (aiosmtpd's hook name)
        message = email.message_from_bytes(envelope.content, policy=email.policy.default)
        text = f"{message['subject']}\n\n{message.get_body(('plain',)).get_content()}"
        self.messages.append((list(envelope.rcpt_tos), text))
        return "250 OK"


class Failing:
    """aiosmtpd handler answering every message with a temporary error."""

    async def handle_DATA(self, server, session, envelope):  # noqa: N802
        return "421 4.3.2 Service not available, try again later"


@contextlib.contextmanager
def smtp_server(handler):
    controller = Controller(handler, hostname="127.0.0.1", port=free_port())
    controller.start()
    try:
        yield controller.port
    finally:
        controller.stop()


@contextlib.contextmanager
def silent_server():
    """Accepts connections and never answers: no greeting, no error, nothing."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen()
    held, stop = [], threading.Event()

    def accept():
        listener.settimeout(0.1)
        while not stop.is_set():
            with contextlib.suppress(TimeoutError, OSError):
                held.append(listener.accept()[0])

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    try:
        yield listener.getsockname()[1]
    finally:
        stop.set()
        thread.join()
        for connection in held:
            connection.close()
        listener.close()


@contextlib.contextmanager
def closed_port():
    """A port nobody listens on: the connection is refused."""
    yield free_port()
