"""The runner's summary of samples: a subset of the workloads still gives the clients' rows."""

from __future__ import annotations

import math

from benchmarks.run import Samples, summarise


def paging(items: int, seconds: float) -> dict[str, float]:
    return {"count": items, "wall_seconds": seconds, "cpu_seconds": seconds / 2}


def test_workloads_without_cold_start_are_summarised() -> None:
    samples = Samples()
    for seconds in (0.1, 0.2, 0.4):
        samples.add("paging", "sagemaker-client", paging(10_000, seconds))
    samples.add("paging", "raw-httpx", paging(10_000, 0.25))
    summary = summarise(samples)
    assert summary["sagemaker-client"] == {
        "paging_items_per_s": 50_000.0,
        "paging_cpu_us_per_item": 10.0,
    }
    assert summary["raw-httpx"]["paging_items_per_s"] == 40_000.0
    assert "boto3" not in summary
    assert math.isnan(summary["bare"]["process_ms"])


def test_cold_start_is_net_of_the_bare_interpreter() -> None:
    samples = Samples()
    for seconds, rss in ((0.030, 10_240), (0.032, 10_240), (0.034, 10_240)):
        samples.add("cold", "bare", {"process_seconds": seconds, "rss_kib": rss})
    for seconds, rss in ((0.200, 20_480), (0.232, 20_480), (0.250, 21_504)):
        samples.add("cold", "sagemaker-client", {"process_seconds": seconds, "rss_kib": rss})
    row = summarise(samples)["sagemaker-client"]
    assert math.isclose(row["cold_start_ms"], 200.0)
    assert math.isclose(row["rss_mib"], 10.0)
