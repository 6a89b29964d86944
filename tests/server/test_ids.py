"""The ids mogul makes: ChartMogul's prefixes on time-ordered uuids (version 7)."""

from __future__ import annotations

import time
import uuid

from mogul.server import wire


def test_ids_carry_chartmogul_prefixes_on_version_7_uuids() -> None:
    for kind, prefix in wire.PREFIXES.items():
        made = wire.new_uuid(kind)
        assert made.startswith(prefix)
        parsed = uuid.UUID(made.removeprefix(prefix))
        assert (parsed.version, parsed.variant) == (7, uuid.RFC_4122)
        assert str(parsed) == made.removeprefix(prefix)
    plain = uuid.UUID(wire.new_uuid())
    assert (plain.version, plain.variant) == (7, uuid.RFC_4122)


def test_ids_made_together_are_distinct_and_sort_in_the_order_they_were_made() -> None:
    batch = wire.new_uuids("line_item", 100_000)
    assert len(set(batch)) == len(batch)
    assert batch == sorted(batch)


def test_later_ids_sort_after_earlier_ones_and_carry_the_time() -> None:
    before = int(time.time() * 1000)
    first = wire.new_uuid("invoice")
    time.sleep(0.002)
    second = wire.new_uuid("invoice")
    assert first < second
    millis = int(uuid.UUID(first.removeprefix("inv_")).hex[:12], 16)
    assert before <= millis <= int(time.time() * 1000)
