"""Parallel runs and the results cache over a tender pack of 20 PDFs.

Generates 20 specifications of 6 to 25 pages (running headers, ruled KPI tables,
a two-column annex: the same generator as the PDF fixtures) into a temporary folder,
then times ``speclint check PACK --format json`` as fresh processes:

  1. ``--jobs 1 --no-cache``                 one process, no cache (the reference)
  2. ``--jobs 2 --no-cache``                 two worker processes
  3. ``--jobs 1`` with an empty cache folder   first run, which also fills the cache
  4. ``--jobs 1`` again                        second run over the unchanged pack
  5. the default ``--jobs`` again              the second run as a user types it

and prints the ``--jobs 2`` speed-up (1 / 2; the machine has ``os.cpu_count()`` cores)
and the warm-cache ratios (4 / 3 and 5 / 3; target under 0.1). It also checks that every run
printed exactly the same report. Figures only, no asserts.

Run: ``python bench/scale.py [--files 20] [--runs 3]``
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from common import load_generator

make_fixtures = load_generator("pdf")  # fixtures/pdf/make_fixtures.py


def make_pack(folder: Path, files: int) -> int:
    """Write ``files`` PDFs of different lengths into ``folder``; return the total pages."""
    pages = 0
    for i in range(files):
        count = 6 + (i * 7) % 20
        data, _ = make_fixtures.long_spec(count)
        (folder / f"lot-{i + 1:02d}-specification.pdf").write_bytes(data)
        pages += count
    return pages


def timed(args: list[str], env: dict[str, str]) -> tuple[float, str]:
    """Wall-clock seconds and stdout of one ``speclint check`` process."""
    command = [sys.executable, "-m", "speclint", "check", "--format", "json", *args]
    start = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, env=env, check=False)
    elapsed = time.perf_counter() - start
    if done.returncode not in (0, 1):
        raise SystemExit(f"speclint failed ({done.returncode}): {done.stderr.strip()}")
    return elapsed, done.stdout


def main() -> None:
    """Print the figures."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--files", type=int, default=20)
    parser.add_argument("--runs", type=int, default=3, help="best of this many runs")
    args = parser.parse_args()
    env = {**os.environ, "SPECLINT_NO_PROGRESS": "1"}
    with tempfile.TemporaryDirectory() as tmp:
        pack = Path(tmp) / "pack"
        pack.mkdir()
        pages = make_pack(pack, args.files)
        cache = Path(tmp) / "cache"
        outputs: set[str] = set()

        def best(extra: list[str], fresh_cache: bool = False) -> float:
            times = []
            for _ in range(args.runs):
                if fresh_cache:
                    subprocess.run(["rm", "-rf", str(cache)], check=True)
                seconds, out = timed([str(pack), *extra], env)
                outputs.add(out)
                times.append(seconds)
            return min(times)

        serial = best(["--jobs", "1", "--no-cache"])
        parallel = best(["--jobs", "2", "--no-cache"])
        cold = best(["--jobs", "1", "--cache-dir", str(cache)], fresh_cache=True)
        warm = best(["--jobs", "1", "--cache-dir", str(cache)])
        warm_default = best(["--cache-dir", str(cache)])

    print(f"tender pack: {args.files} PDFs, {pages} pages; {os.cpu_count()} cores")
    print(f"{'run':<40} {'best s':>8} {'ratio':>7}")
    print(f"{'--jobs 1 --no-cache (reference)':<40} {serial:8.2f} {1.0:7.2f}")
    print(f"{'--jobs 2 --no-cache':<40} {parallel:8.2f} {parallel / serial:7.2f}")
    print(f"{'--jobs 1, empty cache (first run)':<40} {cold:8.2f} {cold / serial:7.2f}")
    print(f"{'--jobs 1, warm cache (second run)':<40} {warm:8.2f} {warm / serial:7.2f}")
    print(f"{'default --jobs, warm cache':<40} {warm_default:8.2f} {warm_default / serial:7.2f}")
    print()
    print(f"--jobs 2 speed-up over --jobs 1: {serial / parallel:.2f}x")
    print(f"warm-cache run / first run: {warm / cold:.3f} (target < 0.1)")
    print(f"warm-cache run with default --jobs / first run: {warm_default / cold:.3f}")
    print(f"identical reports across every run: {'yes' if len(outputs) == 1 else 'NO'}")


if __name__ == "__main__":
    main()
