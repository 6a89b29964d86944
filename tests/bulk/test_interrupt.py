"""Killing `mogul import` (SIGKILL, at random points after some batches) and running it again ends with
exactly the data of the file: nothing missing, nothing twice. For the bulk path and the fallback path, for
one input and for a combined run (plans, customers and invoices, killed in any of them)."""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from mogul.bulk import import_file
from mogul.bulk.sample import generate
from mogul.client import Client
from mogul.server.sandbox import Sandbox
from tests.bulk.content import expected, stored
from tests.conftest import unique

MOGUL = str(Path(sys.executable).parent / "mogul")


@pytest.fixture
def client(sandbox: Sandbox) -> Iterator[Client]:
    with Client(sandbox.api_key, base_url=sandbox.base_url, rate_limit=None) as c:
        yield c


def resumed(batches: int) -> str:
    """The report's line for a resumed run."""
    done = "1 batch was" if batches == 1 else f"{batches} batches were"
    return f"resumed: {done} done by an earlier run"


def done_batches(state: Path) -> int:
    try:
        return len(json.loads(state.read_text())["done"])
    except (FileNotFoundError, ValueError):
        return 0


@pytest.mark.parametrize("fallback", [False, True], ids=["bulk", "fallback"])
def test_an_import_killed_at_random_points_resumes_to_exactly_the_file(
    api: httpx.Client, sandbox: Sandbox, client: Client, tmp_path: Path, fallback: bool
) -> None:
    seed = 20261127 + fallback
    rng = random.Random(seed)
    history = generate(customers=36 if fallback else 60, invoices_per_customer=10, seed=seed)
    paths = history.write_csv(tmp_path)
    name = unique("ds")
    import_file("plans", paths["plans"], data_source=name, client=client)
    import_file("customers", paths["customers"], data_source=name, client=client)
    env = {
        **os.environ,
        "CHARTMOGUL_API_KEY": sandbox.api_key,
        "CHARTMOGUL_BASE_URL": sandbox.base_url,
        "MOGUL_CONFIG": str(tmp_path / "no-profiles.toml"),
    }
    command = [
        MOGUL,
        "import",
        "invoices",
        str(paths["invoices"]),
        "--data-source",
        name,
        "--batch-size",
        "20",
    ]
    command += ["--fallback"] if fallback else []
    state = tmp_path / "invoices.csv.mogul-state.json"
    kills: list[int] = []
    for _ in range(3):
        proc = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        target = done_batches(state) + rng.randint(1, 4)
        deadline = time.monotonic() + 60
        while proc.poll() is None and done_batches(state) < target and time.monotonic() < deadline:
            time.sleep(0.002)
        if proc.poll() is not None:
            break
        # somewhere inside the next batch: before, during or after its request
        time.sleep(rng.uniform(0, 0.04))
        proc.kill()
        proc.wait()
        kills.append(done_batches(state))
    assert kills, f"the import finished before it could be killed (seed {seed})"
    assert done_batches(state) > 0, f"seed {seed}: kills after {kills} batches"
    final = subprocess.run(command, env=env, capture_output=True, text=True, timeout=120)
    assert final.returncode == 0, f"seed {seed}: {final.stdout}\n{final.stderr}"
    lines = final.stdout.splitlines()
    assert resumed(kills[-1]) in lines
    # created by one run or matched by a later one: each invoice once, none failed
    counts = next(line for line in lines if line.strip().startswith("invoices:"))
    created, matched, failed = (int(part.split()[0]) for part in counts.split(":", 1)[1].split(","))
    assert (created + matched, failed) == (len(history.invoices), 0)
    assert stored(api, api.get("/data_sources", params={"name": name}).json()["data_sources"][0]["uuid"]) == (
        expected(history)
    ), f"seed {seed}: kills after {kills} batches"
    assert not state.exists()


@pytest.mark.parametrize("fallback", [False, True], ids=["bulk", "fallback"])
def test_a_combined_import_killed_at_random_points_resumes_to_exactly_the_files(
    api: httpx.Client, sandbox: Sandbox, tmp_path: Path, fallback: bool
) -> None:
    seed = 20261203 + fallback
    rng = random.Random(seed)
    history = generate(customers=36 if fallback else 60, invoices_per_customer=6, seed=seed)
    paths = history.write_csv(tmp_path)
    name = unique("ds")
    env = {
        **os.environ,
        "CHARTMOGUL_API_KEY": sandbox.api_key,
        "CHARTMOGUL_BASE_URL": sandbox.base_url,
        "MOGUL_CONFIG": str(tmp_path / "no-profiles.toml"),
    }
    command = [MOGUL, "import", "invoices", str(paths["invoices"])]
    command += ["--plans", str(paths["plans"]), "--customers", str(paths["customers"])]
    command += ["--data-source", name, "--batch-size", "10", *(["--fallback"] if fallback else [])]
    kinds = ("plans", "customers", "invoices")
    states = [tmp_path / f"{kind}.csv.mogul-state.json" for kind in kinds]

    def progress() -> int:
        return sum(done_batches(state) for state in states)

    # batches done per input (plans, customers, invoices) after each kill
    kills: list[list[int]] = []
    for attempt in range(5):
        proc = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        if attempt == 1:
            # early in a run: while it starts, reads and checks the files, finds the data source or skips
            # the batches done before
            time.sleep(rng.uniform(0.05, 0.5))
        else:
            # the first time among the plans and customers, later some batches on, then inside the next one
            target = rng.randint(1, 3) if attempt == 0 else progress() + rng.randint(1, 6)
            deadline = time.monotonic() + 60
            while proc.poll() is None and progress() < target and time.monotonic() < deadline:
                time.sleep(0.002)
            time.sleep(rng.uniform(0, 0.01 if attempt == 0 else 0.04))
        if proc.poll() is not None:
            break
        proc.kill()
        proc.wait()
        kills.append([done_batches(state) for state in states])
    assert len(kills) >= 2, f"the import finished before it could be killed (seed {seed})"
    final = subprocess.run(command, env=env, capture_output=True, text=True, timeout=120)
    assert final.returncode == 0, f"seed {seed}: {final.stdout}\n{final.stderr}"
    lines = final.stdout.splitlines()
    if sum(kills[-1]):
        assert resumed(sum(kills[-1])) in lines, f"seed {seed}"
    # created by one run or matched by a later one: each record once, none failed
    totals = {
        "plans": len(history.plans),
        "customers": len(history.customers),
        "invoices": len(history.invoices),
    }
    for kind in kinds:
        counts = next(line for line in lines if line.strip().startswith(f"{kind}:"))
        created, matched, failed = (int(part.split()[0]) for part in counts.split(":", 1)[1].split(","))
        assert (created + matched, failed) == (totals[kind], 0), f"seed {seed}: {counts}"
    ds = api.get("/data_sources", params={"name": name}).json()["data_sources"]
    assert len(ds) == 1
    assert stored(api, ds[0]["uuid"]) == expected(history), f"seed {seed}: kills after {kills} batches"
    assert not any(state.exists() for state in states)
