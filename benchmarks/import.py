"""Benchmark: moving a billing history into a fresh `mogul serve`, with `mogul import` and with the
official Python client.

The same generated history (default 2,000 customers and about 20,000 invoices, with line items and
payments) goes into two fresh servers (`mogul serve` subprocesses, each on its own SQLite file):

* mogul: one `mogul import invoices invoices.csv --plans plans.csv --customers customers.csv` on CSV
  files (one process that reads and checks all three files, then sends plans, customers and invoices in
  bulk imports over one connection); its report's per-step times (reading and checking, sending each
  kind) are printed;
* official: a plain loop over the `chartmogul` package as its documentation shows: `Plan.create` per
  plan, then per customer `Customer.create` and one `Invoice.create` with that customer's invoices.

Then both servers are read back (plans, customers with their derived status and MRR, every invoice
with its line items and transactions) and must hold the same data: counts and a checksum.

Run: .venv/bin/python benchmarks/import.py [--customers 2000] [--invoices 10] [--keep DIR]

`--base SRC` compares two trees instead: `mogul serve` and `mogul import` of this tree and of the tree
whose src directory is SRC (for example a worktree of an earlier commit: `git worktree add /tmp/base
HEAD~3`, then `--base /tmp/base/src`), in turn for `--rounds` rounds, each into fresh servers; it prints
each round, the medians and their ratio, and checks that both trees' servers hold the same data.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import chartmogul
import httpx

from mogul.bulk.sample import History, generate

API_KEY = "bench-import-key"
BIN = Path(sys.executable).parent


def mogul_command(src: Path | None) -> list[str]:
    """The `mogul` executable of this tree, or the command line of the tree at `src`."""
    if src is None:
        return [str(BIN / "mogul")]
    return [sys.executable, "-c", "from mogul.cli.main import main; main()"]


def tree_env(src: Path | None, **more: str) -> dict[str, str]:
    env = {**os.environ, **more}
    if src is not None:
        env["PYTHONPATH"] = str(src)
    return env


class Server:
    """`mogul serve` on a fresh SQLite file, as a subprocess."""

    def __init__(self, directory: Path, name: str, src: Path | None = None) -> None:
        db = directory / f"{name}.db"
        db.unlink(missing_ok=True)
        self.proc = subprocess.Popen(
            [*mogul_command(src), "serve", "--port", "0", "--db", f"sqlite:///{db}", "--api-key", API_KEY],
            env=tree_env(src),
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        assert self.proc.stdout is not None
        for line in self.proc.stdout:
            if line.startswith("http://"):
                self.api_url = line.strip()
                break
        else:
            raise RuntimeError("mogul serve did not start")
        self.base_url = self.api_url.removesuffix("/v1")

    def cpu(self) -> float:
        """CPU seconds the server process has used so far (Linux)."""
        fields = Path(f"/proc/{self.proc.pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    def stop(self) -> None:
        self.proc.terminate()
        self.proc.wait(timeout=30)


@dataclass
class Run:
    """One `mogul import`: its wall time, its own CPU time, and the server's CPU time meanwhile."""

    seconds: float
    client_cpu: float
    server_cpu: float


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run_mogul(server: Server, paths: dict[str, Path], src: Path | None = None) -> Run:
    env = tree_env(src, CHARTMOGUL_API_KEY=API_KEY, CHARTMOGUL_BASE_URL=server.base_url)
    command = [*mogul_command(src), "import", "invoices", str(paths["invoices"])]
    command += ["--plans", str(paths["plans"]), "--customers", str(paths["customers"])]
    server_before, client_before = server.cpu(), _children_cpu()
    started = time.perf_counter()
    done = subprocess.run([*command, "--data-source", "Billing"], env=env, capture_output=True, text=True)
    seconds = time.perf_counter() - started
    run = Run(seconds, _children_cpu() - client_before, server.cpu() - server_before)
    if done.returncode != 0:
        raise RuntimeError(f"mogul import failed:\n{done.stdout}\n{done.stderr}")
    # "time: 0.6 s reading and checking; sending plans 0.0 s, customers 0.3 s, invoices 3.1 s"
    steps = next((line for line in done.stdout.splitlines() if line.startswith("time: ")), "time: ?")
    print(
        f"  mogul import (one process, {seconds:.1f} s): {steps.removeprefix('time: ')}; "
        f"CPU: its own {run.client_cpu:.1f} s, the server's {run.server_cpu:.1f} s",
        flush=True,
    )
    return run


def run_official(server: Server, history: History) -> float:
    started = time.perf_counter()
    config = chartmogul.Config(API_KEY)
    config.uri = server.api_url
    ds = chartmogul.DataSource.create(config, data={"name": "Billing"}).get().uuid
    plan_uuids = {}
    for plan in history.plans:
        made = chartmogul.Plan.create(config, data={"data_source_uuid": ds, **plan}).get()
        plan_uuids[plan["external_id"]] = made.uuid
    invoices = history.invoices_of()
    for customer in history.customers:
        data = {k: v for k, v in customer.items() if k != "tags"}
        data["attributes"] = {"tags": customer["tags"]}
        created = chartmogul.Customer.create(config, data={"data_source_uuid": ds, **data}).get()
        batch = []
        for invoice in invoices.get(customer["external_id"], []):
            lines = []
            for line in invoice["line_items"]:
                line = dict(line)
                if "plan_external_id" in line:
                    line["plan_uuid"] = plan_uuids[line.pop("plan_external_id")]
                lines.append(line)
            batch.append({**invoice, "line_items": lines})
        chartmogul.Invoice.create(config, uuid=created.uuid, data={"invoices": batch}).get()
    return time.perf_counter() - started


def _all(client: httpx.Client, path: str, key: str, params: dict[str, Any]) -> list[Any]:
    out: list[Any] = []
    cursor = None
    while True:
        page = client.get(path, params={**params, "per_page": 200, **({"cursor": cursor} if cursor else {})})
        page.raise_for_status()
        body = page.json()
        out.extend(body[key])
        cursor = body.get("cursor")
        if not body.get("has_more") or not cursor:
            return out


def content(server: Server) -> dict[str, Any]:
    """What the server holds, without its own ids: counts and a checksum."""
    with httpx.Client(base_url=server.api_url, auth=(API_KEY, ""), timeout=120) as client:
        sources = client.get("/data_sources").json()["data_sources"]
        assert len(sources) == 1, sources
        ds = sources[0]["uuid"]
        plans = _all(client, "/plans", "plans", {"data_source_uuid": ds})
        plan_ext = {p["uuid"]: p["external_id"] for p in plans}
        customers = _all(client, "/customers", "entries", {"data_source_uuid": ds})
        customer_ext = {c["uuid"]: c["external_id"] for c in customers}
        invoices = _all(client, "/invoices", "invoices", {"data_source_uuid": ds})
    rows: list[Any] = [
        sorted((p["external_id"], p["name"], p["interval_count"], p["interval_unit"]) for p in plans),
        sorted(
            (
                c["external_id"],
                c["name"],
                c["email"],
                c["country"],
                c["status"],
                c["mrr"],
                c["attributes"]["tags"],
            )
            for c in customers
        ),
    ]
    line_items = transactions = 0
    flat = []
    for inv in invoices:
        lines = sorted(
            (
                li["external_id"],
                li["type"],
                li["amount_in_cents"],
                li["quantity"],
                plan_ext.get(li["plan_uuid"]),
                li.get("service_period_start"),
                li.get("service_period_end"),
            )
            for li in inv["line_items"]
        )
        trans = sorted((t["external_id"], t["type"], t["result"], t["date"]) for t in inv["transactions"])
        line_items += len(lines)
        transactions += len(trans)
        flat.append(
            (
                inv["external_id"],
                customer_ext[inv["customer_uuid"]],
                inv["date"],
                inv["currency"],
                lines,
                trans,
            )
        )
    rows.append(sorted(flat))
    digest = hashlib.sha256(json.dumps(rows, default=str).encode()).hexdigest()[:16]
    return {
        "plans": len(plans),
        "customers": len(customers),
        "invoices": len(invoices),
        "line_items": line_items,
        "transactions": transactions,
        "mrr": sum(c["mrr"] for c in customers),
        "checksum": digest,
    }


def compare_trees(directory: Path, paths: dict[str, Path], base: Path, rounds: int) -> None:
    """`mogul import` of this tree and of the tree at `base`, each into its own tree's fresh server, in
    turn; the medians of wall time and of CPU time (the import's own and its server's, which a busy
    machine moves less than the wall time), their ratios, and whether both trees end with the same data."""
    runs: dict[str, list[Run]] = {"this": [], "base": []}
    data: dict[str, dict[str, Any]] = {}
    for n in range(1, rounds + 1):
        for name, src in (("this", None), ("base", base)):
            server = Server(directory, name, src)
            try:
                runs[name].append(run_mogul(server, paths, src))
                if n == 1:
                    data[name] = content(server)
            finally:
                server.stop()
        this_run, base_run = runs["this"][-1], runs["base"][-1]
        print(f"round {n}: this tree {this_run.seconds:.2f} s, base tree {base_run.seconds:.2f} s")
    same = data["this"] == data["base"]
    print(f"same final data: {'yes' if same else 'NO'}")
    for figure in ("seconds", "client_cpu", "server_cpu"):
        this, other = (statistics.median(getattr(r, figure) for r in runs[name]) for name in ("this", "base"))
        print(f"median {figure}: this tree {this:.2f} s, base tree {other:.2f} s; ratio {this / other:.2f}")
    if not same:
        sys.exit(1)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--customers", type=int, default=2000)
    parser.add_argument("--invoices", type=int, default=10, help="invoices per customer (average)")
    parser.add_argument("--keep", type=Path, help="keep the generated files and databases here")
    parser.add_argument("--base", type=Path, help="the src directory of another tree to compare with")
    parser.add_argument("--rounds", type=int, default=5, help="rounds of the tree comparison (--base)")
    args = parser.parse_args()
    directory = args.keep or Path(tempfile.mkdtemp(prefix="mogul-bench-import-"))
    directory.mkdir(parents=True, exist_ok=True)
    history = generate(args.customers, args.invoices)
    paths = history.write_csv(directory)
    print(
        f"history: {len(history.plans)} plans, {len(history.customers)} customers, "
        f"{len(history.invoices)} invoices, "
        f"{sum(len(i['line_items']) for i in history.invoices)} line items, "
        f"{sum(len(i['transactions']) for i in history.invoices)} transactions ({directory})",
        flush=True,
    )
    if args.base is not None:
        compare_trees(directory, paths, args.base.resolve(), args.rounds)
        return
    results = {}
    for name in ("mogul", "official"):
        server = Server(directory, name)
        try:
            seconds = run_mogul(server, paths).seconds if name == "mogul" else run_official(server, history)
            if name == "official":
                print(f"  official loop: server CPU {server.cpu():.1f} s", flush=True)
            results[name] = (seconds, content(server))
        finally:
            server.stop()
        print(f"{name}: {seconds:.1f} s  {results[name][1]}", flush=True)
    (mogul_s, mogul_data), (official_s, official_data) = results["mogul"], results["official"]
    same = mogul_data == official_data
    print(f"same final data: {'yes' if same else 'NO'}")
    print(
        f"mogul import {mogul_s:.1f} s, official client loop {official_s:.1f} s: "
        f"mogul is {official_s / mogul_s:.1f}x faster"
    )
    if not same:
        sys.exit(1)


if __name__ == "__main__":
    main()
