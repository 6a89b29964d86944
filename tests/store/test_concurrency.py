"""Several writers at once, through several `mogul serve` processes on one database: nothing lost,
nothing duplicated, no 5xx, and what one process wrote the others read at once.

SQLite runs one server process (its writers queue on the database lock), PostgreSQL two.
"""

from __future__ import annotations

import datetime as dt
import os
import signal
import threading
import time
import uuid
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import httpx
import pytest

from mogul.server import wire
from tests.store.servers import Server, children, mogul
from tests.store.world import invoice

CLIENTS = 20
CUSTOMERS_EACH = 3
MONTHLY = 1000


@pytest.fixture
def servers(backend: str, fresh_database_url: str) -> Iterator[list[Server]]:
    """One (SQLite) or two (PostgreSQL) server processes on one fresh database, started at the same
    time, so they also race to create the schema and the account."""
    key = f"conc-{uuid.uuid4().hex}"
    started = [Server(fresh_database_url, key) for _ in range(1 if backend == "sqlite" else 2)]
    try:
        with ThreadPoolExecutor(len(started)) as pool:
            list(pool.map(Server.start, started))
        yield started
    finally:
        for server in started:
            server.stop()


def _client(server: Server) -> httpx.Client:
    return httpx.Client(base_url=server.api_url, auth=(server.api_key, ""), timeout=60)


def _all_customers(api: httpx.Client, ds_uuid: str) -> list[dict[str, Any]]:
    entries: list[dict[str, Any]] = []
    params: dict[str, Any] = {"data_source_uuid": ds_uuid, "per_page": 25}
    while True:
        page = api.get("/customers", params=params)
        assert page.status_code == 200, page.text
        body = page.json()
        entries += body["entries"]
        if not body["has_more"]:
            return entries
        params["cursor"] = body["cursor"]


def test_twenty_clients_writing_at_once_lose_nothing_and_duplicate_nothing(servers: list[Server]) -> None:
    now = dt.datetime.now(dt.UTC).replace(microsecond=0)
    start, end = (now - dt.timedelta(days=10)).isoformat(), (now + dt.timedelta(days=20)).isoformat()
    with _client(servers[0]) as api:
        ds = api.post("/data_sources", json={"name": "concurrency"}).json()
        plan = api.post(
            "/plans",
            json={
                "data_source_uuid": ds["uuid"],
                "name": "Monthly",
                "interval_count": 1,
                "interval_unit": "month",
                "external_id": "monthly",
            },
        ).json()
        shared = api.post("/customers", json={"data_source_uuid": ds["uuid"], "external_id": "shared"}).json()

    statuses: list[int] = []
    contested: dict[str, list[httpx.Response]] = {"customer": [], "invoice": []}
    stale_reads: list[str] = []
    lock = threading.Lock()
    barrier = threading.Barrier(CLIENTS)

    def client(n: int) -> None:
        # writes through one server, reads back through the next (the same one on SQLite)
        writer, reader = _client(servers[n % len(servers)]), _client(servers[(n + 1) % len(servers)])
        seen: list[int] = []
        with writer, reader:
            barrier.wait()
            race = writer.post(
                "/customers", json={"data_source_uuid": ds["uuid"], "external_id": "contested"}
            )
            seen.append(race.status_code)
            for k in range(CUSTOMERS_EACH):
                made = writer.post(
                    "/customers",
                    json={"data_source_uuid": ds["uuid"], "external_id": f"c-{n}-{k}", "name": f"C {n}.{k}"},
                )
                seen.append(made.status_code)
                read = reader.get(f"/customers/{made.json()['uuid']}")
                seen.append(read.status_code)
                if read.json() != made.json():
                    stale_reads.append(f"c-{n}-{k}")
            mine = made.json()["uuid"]
            paid = writer.post(
                f"/import/customers/{mine}/invoices",
                json={"invoices": [invoice(f"own-{n}", plan["uuid"], start, end, MONTHLY)]},
            )
            seen.append(paid.status_code)
            # every client adds a subscription to the one shared customer: its derived MRR must count all
            joint = writer.post(
                f"/import/customers/{shared['uuid']}/invoices",
                json={"invoices": [invoice(f"shared-{n}", plan["uuid"], start, end, MONTHLY, f"sub-{n}")]},
            )
            seen.append(joint.status_code)
            dup = writer.post(
                f"/import/customers/{shared['uuid']}/invoices",
                json={"invoices": [invoice("contested", plan["uuid"], start, end, MONTHLY, "sub-contested")]},
            )
            seen.append(dup.status_code)
        with lock:
            statuses.extend(seen)
            contested["customer"].append(race)
            contested["invoice"].append(dup)

    with ThreadPoolExecutor(CLIENTS) as pool:
        list(pool.map(client, range(CLIENTS)))

    assert [s for s in statuses if s >= 500] == []
    assert len(statuses) == CLIENTS * (4 + 2 * CUSTOMERS_EACH)
    assert stale_reads == []
    won = [r for r in contested["customer"] if r.status_code == 201]
    lost = [r for r in contested["customer"] if r.status_code != 201]
    assert len(won) == 1
    assert {(r.status_code, r.text) for r in lost} == {
        (422, '{"errors":{"external_id":"' + wire.DUPLICATE_CUSTOMER + '"}}')
    }
    invoice_codes = sorted(r.status_code for r in contested["invoice"])
    assert invoice_codes == [201] + [422] * (CLIENTS - 1)
    assert all(wire.DUPLICATE_INVOICE in r.text for r in contested["invoice"] if r.status_code == 422)

    for server in servers:  # every process answers the same
        with _client(server) as api:
            customers = _all_customers(api, ds["uuid"])
            external_ids = sorted(c["external_id"] for c in customers)
            expected = [f"c-{n}-{k}" for n in range(CLIENTS) for k in range(CUSTOMERS_EACH)]
            assert external_ids == sorted([*expected, "shared", "contested"])
            assert len({c["uuid"] for c in customers}) == len(customers)
            joint = api.get(f"/import/customers/{shared['uuid']}/invoices", params={"per_page": 200}).json()
            assert sorted(i["external_id"] for i in joint["invoices"]) == sorted(
                [*(f"shared-{n}" for n in range(CLIENTS)), "contested"]
            )
            shared_now = api.get(f"/customers/{shared['uuid']}").json()
            assert (shared_now["status"], shared_now["mrr"]) == ("Active", (CLIENTS + 1) * MONTHLY)
            paying = [c for c in customers if c["external_id"].endswith(f"-{CUSTOMERS_EACH - 1}")]
            assert {c["mrr"] for c in paying} == {MONTHLY}


def _workers(pid: int) -> list[int]:
    def cmdline(p: int) -> str:
        try:
            return open(f"/proc/{p}/cmdline").read()
        except OSError:
            return ""

    return [p for p in children(pid) if "spawn_main" in cmdline(p)]


def _wait_for_workers(pid: int, count: int) -> list[int]:
    deadline = time.monotonic() + 60
    while len(workers := _workers(pid)) != count:
        assert time.monotonic() < deadline, f"{len(workers)} workers running, not {count}"
        time.sleep(0.05)
    return workers


def test_mogul_serve_with_two_workers_serves_one_database_from_both(fresh_database_url: str) -> None:
    key = f"workers-{uuid.uuid4().hex}"
    with Server(fresh_database_url, key, "--workers", "2") as server, _client(server) as api:
        # the URL is printed once the port is bound; the workers may still be starting
        workers = _wait_for_workers(server.pid, 2)
        ds = api.post("/data_sources", json={"name": "workers"}).json()

        def create(n: int) -> int:
            with _client(server) as own:
                body = {"data_source_uuid": ds["uuid"], "external_id": f"w-{n}"}
                return own.post("/customers", json=body).status_code

        with ThreadPoolExecutor(10) as pool:
            assert list(pool.map(create, range(30))) == [201] * 30

        # with one worker gone the other still answers, and sees everything written so far
        os.kill(workers[0], signal.SIGKILL)
        fresh = httpx.Client(base_url=server.api_url, auth=(key, ""), timeout=30)
        with fresh:
            for _ in range(5):
                listed = fresh.get("/customers", params={"data_source_uuid": ds["uuid"]})
                assert listed.status_code == 200
                assert sorted(c["external_id"] for c in listed.json()["entries"]) == sorted(
                    f"w-{n}" for n in range(30)
                )
        # and the supervisor replaces the lost worker
        assert workers[0] not in _wait_for_workers(server.pid, 2)
    assert server.process is not None and server.process.returncode == 0


def test_workers_on_an_in_memory_database_are_refused_in_one_line() -> None:
    done = mogul("serve", "--db", "sqlite://", "--workers", "2", "--port", "0")
    assert (done.returncode, done.stdout) == (1, "")
    assert done.stderr == (
        "mogul serve: --workers needs a database file or server; an in-memory one lives in one process\n"
    )
