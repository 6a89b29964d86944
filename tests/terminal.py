"""Running a command with its stderr on a terminal (a pseudo-terminal), as a user at a shell would."""

from __future__ import annotations

import os
import pty
import subprocess


def run_on_terminal(
    command: list[str], env: dict[str, str]
) -> tuple[subprocess.CompletedProcess[bytes], bytes]:
    """The finished command (stdout captured) and everything it showed on the terminal."""
    leader, follower = pty.openpty()
    proc = subprocess.run(command, stdout=subprocess.PIPE, stderr=follower, env=env, timeout=60, check=False)
    os.close(follower)
    shown = b""
    while True:
        try:
            chunk = os.read(leader, 4096)
        except OSError:  # the terminal is closed once everything was read
            break
        if not chunk:
            break
        shown += chunk
    os.close(leader)
    return proc, shown
