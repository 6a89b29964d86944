"""`mogul activities export` waits for the file and prints the succeeded export; `--no-wait` prints the
pending one, which `mogul activities get-export ID` finds succeeded."""

from __future__ import annotations

from tests.cli.conftest import Mogul


def test_export_and_get_export(mogul: Mogul) -> None:
    done = mogul("activities", "export", "--start-date", "2024-01-01", "--type", "churn", "-o", "json")
    assert (done.code, done.err) == (0, "")
    export = done.json()
    assert export["status"] == "succeeded"
    assert export["file_url"].endswith(f"/v1/activities_export/{export['id']}/file")
    assert export["params"]["params"]["activity_type"] == "churn"

    pending = mogul("activities", "export", "--no-wait", "-o", "json")
    assert (pending.code, pending.json()["status"]) == (0, "pending")
    found = mogul("activities", "get-export", pending.json()["id"], "-o", "json")
    assert (found.code, found.json()["status"]) == (0, "succeeded")

    missing = mogul("activities", "get-export", "nope")
    assert missing.code == 1
    assert missing.err == "error: 404 Activities export not found\n"
