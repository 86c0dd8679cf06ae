"""Targets, the printed table, the machine description, and the docs page with its chart."""

from __future__ import annotations

import math
import os
import platform
from pathlib import Path
from typing import Any

# (metric, label, unit, higher is better)
METRICS: tuple[tuple[str, str, str, bool], ...] = (
    ("cold_start_ms", "cold start (net)", "ms", False),
    ("rss_mib", "peak RSS (net)", "MiB", False),
    ("sequential_calls_per_s", "sequential", "calls/s", True),
    ("sequential_cpu_us", "sequential CPU", "µs/call", False),
    ("concurrent_calls_per_s", "async c64", "calls/s", True),
    ("paging_items_per_s", "paging", "items/s", True),
)

# (metric, client, anchor, relation, factor): "client's metric <relation> factor x anchor's".
TARGETS: tuple[tuple[str, str, str, str, float], ...] = (
    ("cold_start_ms", "sagemaker-client", "boto3", "<=", 0.5),
    ("cold_start_ms", "sagemaker-client", "raw-httpx", "<=", 1.1),
    ("sequential_cpu_us", "sagemaker-client", "raw-httpx", "<=", 1.25),
    ("concurrent_calls_per_s", "sagemaker-client-async", "aiobotocore", ">=", 2.0),
    ("paging_items_per_s", "sagemaker-client", "raw-httpx", ">=", 0.8),
    ("paging_items_per_s", "sagemaker-client", "boto3", ">=", 2.0),
    ("rss_mib", "sagemaker-client", "boto3", "<=", 0.5),
)

# Ratios shown for information (the async client against its own anchors).
RATIOS: tuple[tuple[str, str], ...] = (
    ("sagemaker-client", "boto3"),
    ("sagemaker-client", "raw-httpx"),
    ("sagemaker-client-async", "aiobotocore"),
    ("sagemaker-client-async", "raw-httpx-async"),
)

_LABELS = {metric: (label, unit) for metric, label, unit, _ in METRICS}
_BEGIN = "<!-- benchmark results: written by `make bench`, do not edit by hand -->"
_END = "<!-- end of benchmark results -->"


def _value(summary: dict[str, dict[str, float]], client: str, metric: str) -> float:
    return summary.get(client, {}).get(metric, math.nan)


def evaluate_targets(summary: dict[str, dict[str, float]]) -> list[dict[str, Any]]:
    """Each target with both medians, their ratio and whether it is met (None: not measured)."""
    evaluated = []
    for metric, client, anchor, relation, factor in TARGETS:
        ours, theirs = _value(summary, client, metric), _value(summary, anchor, metric)
        ratio = ours / theirs if theirs and not math.isnan(ours + theirs) else math.nan
        met = (
            None
            if math.isnan(ratio)
            else (ratio <= factor if relation == "<=" else ratio >= factor)
        )
        label = _LABELS[metric][0]
        evaluated.append(
            {
                "metric": metric,
                "client": client,
                "anchor": anchor,
                "relation": relation,
                "factor": factor,
                "value": ours,
                "anchor_value": theirs,
                "ratio": ratio,
                "met": met,
                "description": f"{label} of {client} {relation} {factor:g}x {anchor}'s",
            }
        )
    return evaluated


def _format(value: float, metric: str) -> str:
    if math.isnan(value):
        return "-"
    if metric in ("rss_mib",):
        return f"{value:.1f}"
    if metric.endswith("_per_s"):
        return f"{value:,.0f}"
    return f"{value:.0f}"


def _rows(results: dict[str, Any]) -> tuple[list[str], list[list[str]]]:
    summary = results["summary"]
    header = ["client"] + [f"{label} ({unit})" for _, label, unit, _ in METRICS]
    rows = []
    for client in results["sync_clients"] + results["async_clients"]:
        if client in summary:
            rows.append([client] + [_format(_value(summary, client, m), m) for m, *_ in METRICS])
    return header, rows


def _ratio_rows(results: dict[str, Any]) -> tuple[list[str], list[list[str]]]:
    summary = results["summary"]
    header = ["ratio"] + [label for _, label, _, _ in METRICS]
    rows = []
    for client, anchor in RATIOS:
        if client in summary and anchor in summary:
            cells = []
            for metric, *_ in METRICS:
                ours, theirs = _value(summary, client, metric), _value(summary, anchor, metric)
                ok = theirs and not math.isnan(ours + theirs)
                cells.append(f"{ours / theirs:.2f}x" if ok else "-")
            rows.append([f"{client} / {anchor}", *cells])
    return header, rows


def _target_rows(results: dict[str, Any]) -> tuple[list[str], list[list[str]]]:
    header = ["target", "ours", "anchor", "ratio", "met"]
    rows = []
    for target in results["targets"]:
        met = {True: "yes", False: "NO", None: "not measured"}[target["met"]]
        ratio = target["ratio"]
        rows.append(
            [
                target["description"],
                _format(target["value"], target["metric"]),
                _format(target["anchor_value"], target["metric"]),
                "-" if math.isnan(ratio) else f"{ratio:.2f}x",
                met,
            ]
        )
    return header, rows


def _plain(header: list[str], rows: list[list[str]]) -> str:
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(len(header))]
    lines = ["  ".join(cell.ljust(widths[i]) for i, cell in enumerate(header))]
    lines.append("  ".join("-" * width for width in widths))
    lines += [
        "  ".join(
            cell.rjust(widths[i]) if i else cell.ljust(widths[i]) for i, cell in enumerate(row)
        )
        for row in rows
    ]
    return "\n".join(lines)


def _markdown(header: list[str], rows: list[list[str]]) -> str:
    lines = [
        "| " + " | ".join(header) + " |",
        "|" + "|".join(["---"] + ["---:"] * (len(header) - 1)) + "|",
    ]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines)


def text_table(results: dict[str, Any]) -> str:
    """What the runner prints: medians, ratios, targets."""
    parts = [
        "medians over " + f"{results['settings']['rounds']} rounds",
        _plain(*_rows(results)),
        "",
        _plain(*_ratio_rows(results)),
        "",
        _plain(*_target_rows(results)),
    ]
    parts += [f"note: {note}" for note in results["notes"]]
    return "\n".join(parts)


def machine(load_before: tuple[float, ...], load_after: tuple[float, ...]) -> dict[str, Any]:
    """The machine the numbers come from."""
    model = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = "unknown"
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                memory = f"{int(line.split()[1]) / 1024 / 1024:.0f} GiB"
                break
    except OSError:
        pass
    return {
        "cpu": model,
        "cpus": os.cpu_count(),
        "memory": memory,
        "system": f"{platform.system()} {platform.release()} {platform.machine()}",
        "python": platform.python_version(),
        "load_average_before": list(load_before),
        "load_average_after": list(load_after),
    }


def render_chart(results: dict[str, Any], path: Path) -> bool:
    """One bar panel per metric (``path``, a PNG); False if matplotlib is not installed."""
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        return False
    summary = results["summary"]
    clients = [c for c in results["sync_clients"] + results["async_clients"] if c in summary]
    colours = {
        "sagemaker-client": "#1f6feb",
        "sagemaker-client-async": "#1f6feb",
        "boto3": "#d1242f",
        "aiobotocore": "#d1242f",
        "raw-httpx": "#8c959f",
        "raw-httpx-async": "#8c959f",
    }
    figure, axes = plt.subplots(2, 3, figsize=(13, 6.5))
    for axis, (metric, label, unit, higher) in zip(axes.flat, METRICS, strict=True):
        shown = [c for c in clients if not math.isnan(_value(summary, c, metric))]
        values = [_value(summary, c, metric) for c in shown]
        bars = axis.barh(shown, values, color=[colours.get(c, "#57606a") for c in shown])
        axis.invert_yaxis()
        axis.set_title(
            f"{label}, {unit} ({'higher' if higher else 'lower'} is better)", fontsize=10
        )
        axis.bar_label(bars, labels=[_format(v, metric) for v in values], padding=3, fontsize=8)
        axis.margins(x=0.25)
        axis.tick_params(labelsize=8)
    when = results["started"][:10]
    figure.suptitle(
        f"sagemaker-client vs boto3, aiobotocore and raw httpx: medians, {when}, "
        f"{results['machine']['cpus']} CPUs ({results['machine']['cpu']})",
        fontsize=11,
    )
    figure.tight_layout()
    figure.savefig(path, dpi=80)
    plt.close(figure)
    return True


def results_markdown(results: dict[str, Any], chart: str | None) -> str:
    """The generated part of docs/performance.md."""
    m = results["machine"]
    settings = results["settings"]
    versions = ", ".join(f"{name} {version}" for name, version in results["versions"].items())
    load = "/".join(f"{x:.1f}" for x in m["load_average_before"])
    load_after = "/".join(f"{x:.1f}" for x in m["load_average_after"])
    server = results["server"]
    server_lines = [
        f"- {workload}: {s['server_cpu_us_per_request']:.0f} µs of server CPU per request, "
        f"at most {100 * s['server_core_share_max']:.0f}% of one core during a run"
        for workload, s in server.items()
    ]
    parts = [
        _BEGIN,
        "",
        f"Run of {results['started']} ({results['duration_seconds'] / 60:.1f} min): "
        f"{settings['rounds']} rounds; per round {settings['cold_runs']} cold starts per client, "
        f"{settings['calls']} sequential calls, {settings['concurrent_calls']} calls at "
        f"concurrency {settings['concurrency']}, and {settings['paging_repeat']} x "
        f"{settings['paging_items']:,} ListModels items per client.",
        "",
        f"Machine: {m['cpu']}, {m['cpus']} CPUs, {m['memory']}, {m['system']}, "
        f"Python {m['python']}; load average {load} before and {load_after} after "
        "(other work shares these cores).",
        "",
        f"Versions: {versions}.",
        "",
    ]
    if chart:
        parts += [f"![benchmark medians]({chart})", ""]
    parts += [
        "Medians:",
        "",
        _markdown(*_rows(results)),
        "",
        "Ratios of medians:",
        "",
        _markdown(*_ratio_rows(results)),
        "",
        "Targets:",
        "",
        _markdown(*_target_rows(results)),
        "",
        "Fake server load (medians per request, across all clients):",
        "",
        *server_lines,
        "",
    ]
    parts += [f"Note: {note}" for note in results["notes"]]
    parts.append(_END)
    return "\n".join(parts)


def write_docs(results: dict[str, Any], docs: Path) -> list[Path]:
    """Refresh the chart and the generated block of ``docs/performance.md``."""
    page = docs / "performance.md"
    chart = docs / "performance.png"
    written = []
    if render_chart(results, chart):
        written.append(chart)
    text = page.read_text()
    start, end = text.find(_BEGIN), text.find(_END)
    if start < 0 or end < 0:
        raise RuntimeError(f"{page} lacks the results markers")
    block = results_markdown(results, chart.name if chart.exists() else None)
    page.write_text(text[:start] + block + text[end + len(_END) :])
    written.append(page)
    return written
