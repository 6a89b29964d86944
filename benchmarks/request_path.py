"""The request path: small requests against `mogul serve`, side by side with a bare Starlette app.

Each server is a subprocess on the same uvicorn settings as `mogul serve` (one worker, h11 or httptools
as uvicorn picks, no access log). A load generator of its own (asyncio, HTTP/1.1 keep-alive, one
request in flight per connection, in its own process) sends the same request over `--connections`
connections for `--seconds` and counts the answers. The rounds alternate (hello, mogul, [base], hello,
mogul, ...) so that a machine whose speed drifts affects all alike, and the medians and the ratios to the
bare app are printed.

Requests: `GET /v1/ping`, a customer by uuid, and a list of 20 customers (`per_page=20`); the bare app
answers `/` with a small JSON body.

Besides the rates, each server's own CPU time per answer is read from /proc (user and system time
over the measurement): on a shared machine the rate also measures what else runs (the load generator
among it), while a server's CPU per answer hardly depends on that. hello's CPU over mogul's is the rate
ratio mogul would reach with a processor to itself.

mogul runs with its defaults, so its request log (a line per request to standard error, here
discarded) is part of what is measured.

`--base SRC` adds `mogul serve` run from another source tree (for example a worktree of an earlier
commit: `git worktree add /tmp/base HEAD~3`, then `--base /tmp/base/src`), to compare commits.

Run: `.venv/bin/python benchmarks/request_path.py [--seconds 3] [--rounds 3] [--connections 8]`.
"""

from __future__ import annotations

import argparse
import asyncio
import base64
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import httpx

API_KEY = "bench-request-path-key"
HELLO = """
import uvicorn
from starlette.applications import Starlette
from starlette.responses import JSONResponse
from starlette.routing import Route


async def hello(request):
    return JSONResponse({"data": "pong!"})


app = Starlette(routes=[Route("/", hello)])
uvicorn.run(app, host="127.0.0.1", port=int(__import__("sys").argv[1]), log_level="warning",
            lifespan="off", access_log=False)
"""


def free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class Server:
    def __init__(self, name: str, command: list[str], env: dict[str, str], url: str) -> None:
        self.name = name
        # nobody reads a server's output here: a pipe would fill with its request log and stop it
        self.proc = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        self.url = url
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                httpx.get(url, timeout=1, auth=(API_KEY, ""))
                return
            except httpx.TransportError:
                time.sleep(0.05)
        self.stop()
        raise RuntimeError(f"{name} did not start")

    def cpu(self) -> float:
        """CPU seconds the server process has used so far (Linux: user and system time)."""
        fields = Path(f"/proc/{self.proc.pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    def stop(self) -> None:
        self.proc.terminate()
        self.proc.wait(timeout=30)


def hello_server() -> Server:
    port = free_port()
    return Server(
        "hello", [sys.executable, "-c", HELLO, str(port)], dict(os.environ), f"http://127.0.0.1:{port}/"
    )


def mogul_server(name: str, directory: Path, src: Path | None) -> Server:
    port = free_port()
    env = dict(os.environ)
    if src is not None:
        env["PYTHONPATH"] = str(src)
    db = directory / f"{name}.db"
    command = [sys.executable, "-c", "from mogul.cli.main import main; main()", "serve", "--port", str(port)]
    command += ["--db", f"sqlite:///{db}", "--api-key", API_KEY]
    return Server(name, command, env, f"http://127.0.0.1:{port}/v1/ping")


def seed(base: str) -> str:
    """A data source with 25 customers; returns one customer's uuid."""
    with httpx.Client(base_url=base, auth=(API_KEY, "")) as client:
        ds = client.post("/v1/data_sources", json={"name": "Bench"}).json()["uuid"]
        uuid = ""
        for n in range(25):
            made = client.post(
                "/v1/customers",
                json={
                    "data_source_uuid": ds,
                    "external_id": f"c{n}",
                    "name": f"Customer {n}",
                    "country": "US",
                },
            )
            made.raise_for_status()
            uuid = made.json()["uuid"]
        return uuid


async def _connection(host: str, port: int, request: bytes, until: float, counts: list[int]) -> None:
    reader, writer = await asyncio.open_connection(host, port)
    done = 0
    try:
        while time.perf_counter() < until:
            writer.write(request)
            length = -1
            status = b""
            while True:
                line = await reader.readline()
                if not status:
                    status = line
                if line in (b"\r\n", b""):
                    break
                if line[:15].lower() == b"content-length:":
                    length = int(line[15:])
            if not status.startswith(b"HTTP/1.1 200"):
                raise RuntimeError(f"unexpected answer: {status!r}")
            await reader.readexactly(length)
            done += 1
    finally:
        writer.close()
        counts.append(done)


def load(url: str, connections: int, seconds: float) -> float:
    """Requests per second for GET `url` over `connections` keep-alive connections."""
    parsed = httpx.URL(url)
    target = parsed.raw_path.decode()
    auth = base64.b64encode(f"{API_KEY}:".encode()).decode()
    request = (
        f"GET {target} HTTP/1.1\r\nHost: {parsed.host}:{parsed.port}\r\nAuthorization: Basic {auth}\r\n"
        "Accept: application/json\r\n\r\n"
    ).encode()

    async def run() -> float:
        counts: list[int] = []
        started = time.perf_counter()
        until = started + seconds
        await asyncio.gather(
            *(_connection(parsed.host, parsed.port or 80, request, until, counts) for _ in range(connections))
        )
        return sum(counts) / (time.perf_counter() - started)

    return asyncio.run(run())


def load_in_process(url: str, connections: int, seconds: float) -> float:
    """`load` in a process of its own, so that the generator never shares a processor's GIL with a server."""
    code = (
        "import json, sys; sys.path.insert(0, sys.argv[1]); import request_path as r; "
        "print(json.dumps(r.load(sys.argv[2], int(sys.argv[3]), float(sys.argv[4]))))"
    )
    here = str(Path(__file__).parent)
    done = subprocess.run(
        [sys.executable, "-c", code, here, url, str(connections), str(seconds)],
        capture_output=True,
        text=True,
        check=True,
    )
    return float(json.loads(done.stdout))


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--seconds", type=float, default=3.0, help="length of one measurement")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--base", type=Path, help="the src directory of another tree to run beside this one")
    args = parser.parse_args()
    directory = Path(tempfile.mkdtemp(prefix="mogul-bench-path-"))
    servers = [hello_server(), mogul_server("mogul", directory, None)]
    if args.base is not None:
        servers.append(mogul_server("base", directory, args.base.resolve()))
    try:
        targets: dict[str, dict[str, str]] = {"hello": {}}
        for server in servers[1:]:
            root = server.url.removesuffix("/v1/ping")
            uuid = seed(root)
            targets[server.name] = {
                "ping": f"{root}/v1/ping",
                "customer": f"{root}/v1/customers/{uuid}",
                "list of 20": f"{root}/v1/customers?per_page=20",
            }
        targets["hello"] = {name: servers[0].url for name in ("ping", "customer", "list of 20")}
        rates: dict[tuple[str, str], list[float]] = {}
        costs: dict[tuple[str, str], list[float]] = {}
        for round_ in range(args.rounds):
            for kind in ("ping", "customer", "list of 20"):
                for server in servers:
                    before = server.cpu()
                    rate = load_in_process(targets[server.name][kind], args.connections, args.seconds)
                    spent = server.cpu() - before
                    rates.setdefault((server.name, kind), []).append(rate)
                    costs.setdefault((server.name, kind), []).append(spent / (rate * args.seconds) * 1e6)
            print(f"round {round_ + 1} of {args.rounds} done", flush=True)
    finally:
        for server in servers:
            server.stop()
    print(
        f"\n{args.connections} connections, {args.seconds:g} s per measurement, {args.rounds} rounds (median)"
    )
    names = [server.name for server in servers]
    table(names, rates, "req/s", lambda mine, hello: mine / hello, "{}/hello")
    # The server's own CPU time per answer: on a shared machine the rate also measures what else runs
    # (the load generator among it); the CPU a server spends on each answer does not depend on that,
    # and hello's CPU over a server's is the rate ratio it would reach with a processor to itself.
    print("\nserver CPU per answer (median, microseconds), and hello's over each server's")
    table(names, costs, "us", lambda mine, hello: hello / mine, "hello/{}")


def table(
    names: list[str],
    figures: dict[tuple[str, str], list[float]],
    unit: str,
    ratio: Callable[[float, float], float],
    ratio_name: str,
) -> None:
    """A row per request: each server's median, then each mogul server's ratio against hello."""
    print(
        f"{'request':<12}"
        + "".join(f"{name + ' ' + unit:>14}" for name in names)
        + "".join(f"{ratio_name.format(name):>14}" for name in names[1:])
    )
    for kind in ("ping", "customer", "list of 20"):
        medians = {name: statistics.median(figures[name, kind]) for name in names}
        ratios = "".join(f"{ratio(medians[name], medians['hello']):>14.0%}" for name in names[1:])
        print(f"{kind:<12}" + "".join(f"{medians[name]:>14,.0f}" for name in names) + ratios)


if __name__ == "__main__":
    main()
