"""20 concurrent uploads of the 3,000-paragraph Word spec to a local ``speclint serve``.

Run ``python bench/serve.py [UPLOADS] [JOBS]`` (defaults: 20 uploads, the number of
cores). It starts the server as a user does (``python -m speclint serve --port 0
--jobs JOBS``), generates the document that ``bench/docx_speed.py`` times (automatic
multi-level numbering, a KPI table; ``fixtures/docx/make_fixtures.py``), warms the
server with one upload, times one upload alone (best of 3), then sends UPLOADS uploads
of it to ``POST /api/check`` at once, one thread each. It reports every answer's status,
the p50 and p95 latency, and the peak memory: the server process's own peak RSS
(``VmHWM`` in ``/proc``) and the peak of the server and its worker processes together
(sampled every 20 ms). Linux only.

It also times the page's own check of a small pack (that document and the three drafts of
``fixtures/formats/``) through ``POST /api/review``, as one JSON answer and as the stream
of lines the page reads: how soon the first file is reported, and the whole answer.
"""

from __future__ import annotations

import os
import re
import statistics
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
from common import ROOT, load_generator


def _status_kb(pid: int, key: str) -> int:
    try:
        text = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return 0
    found = re.search(rf"^{key}:\s+(\d+) kB", text, re.MULTILINE)
    return int(found.group(1)) if found else 0


def _tree(pid: int) -> list[int]:
    """``pid`` and every process descended from it."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        ppid = int(stat.rsplit(")", 1)[1].split()[1])
        children.setdefault(ppid, []).append(int(entry.name))
    out, todo = [], [pid]
    while todo:
        current = todo.pop()
        out.append(current)
        todo.extend(children.get(current, []))
    return out


class Sampler(threading.Thread):
    """The peak RSS of a process tree, sampled every 20 ms."""

    def __init__(self, pid: int) -> None:
        super().__init__(daemon=True)
        self.pid = pid
        self.peak_kb = 0
        self.peak_processes = 0
        self.stopping = threading.Event()

    def run(self) -> None:
        pids, found = _tree(self.pid), time.monotonic()
        while not self.stopping.is_set():
            if time.monotonic() - found > 1:  # the whole of /proc, once a second
                pids, found = _tree(self.pid), time.monotonic()
            total = sum(_status_kb(p, "VmRSS") for p in pids)
            if total > self.peak_kb:
                self.peak_kb, self.peak_processes = total, len(pids)
            time.sleep(0.02)


def _page_pack(client: httpx.Client, data: bytes) -> tuple[float, float, float]:
    """The page's check of a pack: (first line, streamed answer, one JSON answer) in seconds."""
    pack = [("files", ("spec.docx", data))] + [
        ("files", (p.name, p.read_bytes()))
        for p in sorted((ROOT / "fixtures" / "formats").glob("stop-smoking-spec.*"))
    ]
    start = time.perf_counter()
    client.post("/api/review", files=pack).raise_for_status()
    whole = time.perf_counter() - start
    start = time.perf_counter()
    first = 0.0
    headers = {"Accept": "application/x-ndjson"}
    with client.stream("POST", "/api/review", files=pack, headers=headers) as response:
        for line in response.iter_lines():
            if line.strip() and not first:
                first = time.perf_counter() - start
    return first, time.perf_counter() - start, whole


def main() -> None:
    uploads = int(sys.argv[1]) if len(sys.argv) > 1 else 20
    jobs = int(sys.argv[2]) if len(sys.argv) > 2 else len(os.sched_getaffinity(0))
    data = load_generator("docx").bench_docx(3000)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    server = subprocess.Popen(
        [sys.executable, "-m", "speclint", "serve", "--port", "0", "--jobs", str(jobs)],
        stdout=subprocess.PIPE,
        text=True,
        env=env,
        cwd=str(ROOT),
    )
    assert server.stdout is not None
    first = server.stdout.readline()
    found = re.search(r"open (http://\S+)", first)
    if found is None:
        server.kill()
        raise SystemExit(f"the server did not start: {first}")
    url = found.group(1).rstrip("/")
    try:
        with httpx.Client(base_url=url, timeout=600) as client:
            for _ in range(200):  # until the workers are up
                try:
                    client.get("/api/rules")
                    break
                except httpx.TransportError:
                    time.sleep(0.1)
            warm = client.post("/api/check", files=[("files", ("spec.docx", data))])
            warm.raise_for_status()
            findings = warm.json()["summary"]["findings"]
            alone = []
            for _ in range(3):
                start = time.perf_counter()
                client.post("/api/check", files=[("files", ("spec.docx", data))])
                alone.append(time.perf_counter() - start)
            idle_kb = sum(_status_kb(p, "VmRSS") for p in _tree(server.pid))
            page = _page_pack(client, data)

        def one(i: int) -> tuple[int, float, int]:
            with httpx.Client(base_url=url, timeout=600) as client:
                start = time.perf_counter()
                response = client.post("/api/check", files=[("files", (f"spec-{i:02}.docx", data))])
                took = time.perf_counter() - start
                count = response.json()["summary"]["findings"] if response.is_success else -1
                return response.status_code, took, count

        load = os.getloadavg()
        sampler = Sampler(server.pid)
        sampler.start()
        start = time.perf_counter()
        with ThreadPoolExecutor(uploads) as pool:
            results = list(pool.map(one, range(uploads)))
        wall = time.perf_counter() - start
        sampler.stopping.set()
        sampler.join()
        server_hwm = _status_kb(server.pid, "VmHWM")
    finally:
        server.send_signal(2)  # Ctrl-C
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()

    latencies = sorted(took for _, took, _ in results)
    statuses = [status for status, _, _ in results]
    p95 = latencies[max(0, round(0.95 * len(latencies)) - 1)]
    print(f"document: 3,000 paragraphs, {len(data):,} bytes, {findings} findings")
    print(
        f"server: --jobs {jobs} on {len(os.sched_getaffinity(0))} cores; {uploads} uploads at once"
    )
    print(f"load average before the run: {load[0]:.1f} (other processes share the cores)")
    print(f"one upload alone (best of 3): {min(alone):.2f} s")
    print(
        f"the page's pack of 4 files: first file reported after {page[0]:.2f} s, streamed "
        f"answer {page[1]:.2f} s, as one JSON answer {page[2]:.2f} s"
    )
    print(f"statuses: {statuses}")
    print(f"all answers complete and equal: {all(c == findings for _, _, c in results)}")
    print(
        f"latency p50 {statistics.median(latencies):.2f} s, p95 {p95:.2f} s, "
        f"min {latencies[0]:.2f} s, max {latencies[-1]:.2f} s; wall {wall:.2f} s "
        f"({uploads / wall:.2f} uploads/s)"
    )
    print(
        f"memory: server process peak RSS {server_hwm / 1024:.0f} MB; server and workers "
        f"together peak {sampler.peak_kb / 1024:.0f} MB ({sampler.peak_processes} processes; "
        f"{idle_kb / 1024:.0f} MB idle after warm-up)"
    )


if __name__ == "__main__":
    main()
