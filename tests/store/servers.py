"""`mogul serve` as the operator runs it: a real process on a free loopback port, stopped with SIGTERM."""

from __future__ import annotations

import queue
import signal
import subprocess
import sys
import threading
from pathlib import Path
from types import TracebackType

MOGUL = str(Path(sys.executable).parent / "mogul")


def mogul(*args: str, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    """Run a `mogul` command to completion."""
    return subprocess.run([MOGUL, *args], capture_output=True, text=True, timeout=timeout, check=False)


class Server:
    """`mogul serve --port 0 ...`; `.api_url` once it has printed its URL."""

    def __init__(self, db_url: str, api_key: str, *args: str) -> None:
        self.args = [MOGUL, "serve", "--port", "0", "--db", db_url, "--api-key", api_key, *args]
        self.api_key = api_key
        self.api_url = ""
        self.process: subprocess.Popen[str] | None = None
        self._lines: queue.Queue[str | None] = queue.Queue()

    def _pump(self) -> None:
        assert self.process is not None and self.process.stdout is not None
        for line in self.process.stdout:
            self._lines.put(line.rstrip("\n"))
        self._lines.put(None)

    def start(self) -> Server:
        self.process = subprocess.Popen(
            self.args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True
        )
        threading.Thread(target=self._pump, daemon=True).start()
        while True:
            try:
                line = self._lines.get(timeout=60)
            except queue.Empty:
                self.stop()
                raise RuntimeError("mogul serve printed no URL within 60 seconds") from None
            if line is None:
                stderr = self.process.stderr.read() if self.process.stderr else ""
                raise RuntimeError(f"mogul serve exited with {self.process.wait()}: {stderr}")
            if line.startswith("http"):
                self.api_url = line
                return self

    @property
    def pid(self) -> int:
        assert self.process is not None
        return self.process.pid

    def stop(self) -> int:
        """SIGTERM, then wait; returns the exit code."""
        if self.process is None:
            return 0
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
        try:
            return self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            return self.process.wait(timeout=10)

    def __enter__(self) -> Server:
        return self.start()

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.stop()


def children(pid: int) -> list[int]:
    """The live child processes of `pid` (Linux /proc)."""
    out = []
    for task in Path(f"/proc/{pid}/task").iterdir():
        out += [int(p) for p in (task / "children").read_text().split()]
    return out
