"""Running a command with its stderr on a terminal (a pseudo-terminal), as a user at a shell would."""

from __future__ import annotations

import os
import pty
import subprocess
from collections.abc import Callable


def run_on_terminal(
    command: list[str], env: dict[str, str]
) -> tuple[subprocess.CompletedProcess[bytes], bytes]:
    """The finished command (stdout captured) and everything it showed on the terminal."""
    leader, follower = pty.openpty()
    proc = subprocess.run(command, stdout=subprocess.PIPE, stderr=follower, env=env, timeout=60, check=False)
    os.close(follower)
    return proc, _shown(leader)


def answer_on_terminal(
    command: list[str], env: dict[str, str], prompt: bytes, answer: bytes
) -> tuple[int, str, bytes]:
    """Run `command` with its standard input and error on a terminal, type `answer` once it shows
    `prompt`; its exit code, its standard output and everything the terminal showed."""
    leader, follower = pty.openpty()
    proc = subprocess.Popen(command, stdin=follower, stdout=subprocess.PIPE, stderr=follower, env=env)
    os.close(follower)
    answered: list[bool] = []

    def respond(shown: bytes) -> None:
        if not answered and shown.endswith(prompt):
            os.write(leader, answer)
            answered.append(True)

    shown = _shown(leader, respond)
    assert proc.stdout is not None
    return proc.wait(timeout=60), proc.stdout.read().decode(), shown


def _shown(leader: int, respond: Callable[[bytes], None] | None = None) -> bytes:
    """Everything the terminal shows until the command closes it (`respond` sees it as it comes)."""
    shown = b""
    while True:
        try:
            chunk = os.read(leader, 4096)
        except OSError:  # the terminal is closed once everything was read
            break
        if not chunk:
            break
        shown += chunk
        if respond is not None:
            respond(shown)
    os.close(leader)
    return shown
