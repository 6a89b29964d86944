"""Activities exports: the account's activities, as `GET /activities` filters them, in a zipped CSV.

The file is made when the export is created, in the same transaction (an account's activities are a
few rows per customer, so this takes no longer than a page of a list), and kept in the export's row. The
creation answers `"status": "pending"` as ChartMogul does; every retrieve after it answers
`"succeeded"`, the file's URL and when it expires (seven days after the creation). The URL is mogul's
own (`/v1/activities_export/{id}/file`, under the same API key).
"""

from __future__ import annotations

import csv
import io
import zipfile
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import insert

from mogul.server import wire
from mogul.server.domain import activities
from mogul.server.domain.base import Scope, find, object_body
from mogul.server.domain.query import moment
from mogul.store import schema as s

EXPIRES_AFTER = timedelta(days=7)
CSV_NAME = "activities.csv"
# the columns of the CSV: the fields of an activity in `GET /activities`, in that order
COLUMNS = (
    "uuid",
    "date",
    "type",
    "description",
    "activity-mrr-movement",
    "activity-mrr",
    "activity-arr",
    "currency",
    "customer-uuid",
    "customer-external-id",
    "customer-name",
    "subscription-external-id",
    "subscription-set-external-id",
    "plan-external-id",
    "billing-connector-uuid",
)
# the body's keys, as the activities' query names them (an underscore works too, as it does there)
_KEYS = ("start-date", "end-date", "type")


def _text(body: dict[str, Any], key: str) -> str | None:
    value = body.get(key, body.get(key.replace("-", "_")))
    if value is None or isinstance(value, str):
        return value
    raise wire.bad_request(f'Parameter "{key}" must be a string, got {value!r}', key)


def _shown(value: datetime | None) -> str | None:
    """A bound as ChartMogul shows it in `params`: `2020-01-01 00:00:00 +0000`."""
    return None if value is None else value.strftime("%Y-%m-%d %H:%M:%S +0000")


def _zipped_csv(scope: Scope, rows: list[Any], created_at: datetime) -> bytes:
    text = io.StringIO()
    writer = csv.writer(text, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for row in rows:
        activity = activities.serialize(scope, row)
        writer.writerow([activity[column] for column in COLUMNS])
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        stamp = created_at.timetuple()[:6]
        archive.writestr(zipfile.ZipInfo(CSV_NAME, date_time=stamp), text.getvalue().encode())
    return out.getvalue()


def create(scope: Scope, body: Any) -> dict[str, Any]:
    """A new export of the activities the body's filters select (400 on a bad filter, with the
    messages of `GET /activities`)."""
    fields = object_body(body)
    start, end, kind = (_text(fields, key) for key in _KEYS)
    filters = activities.ActivityFilters(start_date=start, end_date=end, type=kind)
    stmt = activities.filtered(scope, filters)
    a = s.activities.c
    rows = list(scope.conn.execute(stmt.order_by(a.date, a.id)))
    created_at = s.utcnow().replace(microsecond=0)
    params = {
        "kind": "activities",
        "params": {
            "activity_type": kind,
            "start_date": _shown(moment(start, "start-date")),
            "end_date": _shown(moment(end, "end-date", end=True)),
        },
    }
    uuid = wire.new_uuid()
    scope.conn.execute(
        insert(s.activities_exports).values(
            account_id=scope.account.id,
            uuid=uuid,
            status="succeeded",
            params=params,
            created_at=created_at,
            expires_at=created_at + EXPIRES_AFTER,
            file=_zipped_csv(scope, rows, created_at),
        )
    )
    return {
        "id": uuid,
        "status": "pending",
        "file_url": None,
        "params": params,
        "expires_at": None,
        "created_at": wire.fmt_offset(created_at),
    }


def retrieve(scope: Scope, uuid: str, base_url: str) -> dict[str, Any]:
    """The export, done, with its file's URL under `base_url` (the server's, ending in `/`)."""
    row = find(scope, s.activities_exports, uuid, "Activities export")
    return {
        "id": row.uuid,
        "status": row.status,
        "file_url": f"{base_url}v1/activities_export/{row.uuid}/file",
        "params": row.params,
        "expires_at": wire.fmt_offset(row.expires_at),
        "created_at": wire.fmt_offset(row.created_at),
    }


def file(scope: Scope, uuid: str) -> bytes:
    """The export's zip (a CSV of its activities, `CSV_NAME`)."""
    row = find(scope, s.activities_exports, uuid, "Activities export")
    content: bytes = row.file
    return content
