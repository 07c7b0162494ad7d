"""How long a small Markdown lint takes, as a ratio to importing pydantic and lark.

Prints the best of N wall-clock times for five commands run as fresh processes:
  1. python -c "import pydantic, lark"            (the baseline the issue names)
  2. speclint check --no-cache small.md           (a small specification, via python -m)
  3. speclint check small.md, results cached      (the second run of a pre-commit hook)
  4. speclint --version                           (start-up alone)
  5. speclint check small.md, every cache empty   (the first run on a new machine or CI
                                                   runner: packs validated, every query
                                                   parsed, the caches written)
and the ratios of 2 to 5 to 1. The target for 2 is at most 3.0. Rows 2 to 4 run with
speclint's query and rule-registry caches warm; row 5 gives each run a new cache folder
(``--cold-runs`` of them, 3 by default: each costs seconds).

Each command's CPU time (user + system, the process and any worker it started) is
printed too: on a shared, busy machine wall-clock times swing with the load, while CPU
time stays close to what a quiet machine shows, so the CPU ratio is the steadier figure.

Every command runs with compiled bytecode, as an installed speclint has (pip compiles
it), even where ``PYTHONDONTWRITEBYTECODE`` is set: the children write and read it in
a temporary ``PYTHONPYCACHEPREFIX``, filled by one run of each command before timing.
Otherwise an editable checkout would compile speclint's source at every start while
pydantic and lark load theirs from bytecode.

    python bench/startup.py [--runs 15]
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SMALL = """# Schedule 2 – Service Specification

## 4. Workforce

4.1 The Provider shall recruit key workers able to earn the trust of the families they support.

4.2 Key workers shall have reflective supervision monthly, met from the current contract value.

## 5. Payment

5.1 Eight per cent of each quarterly invoice is held back until performance targets are achieved.
"""


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def best(
    cmd: list[str], runs: int, env: dict[str, str], fresh: Path | None = None
) -> tuple[float, float, float]:
    """Best and median wall-clock seconds, and the best CPU seconds, of ``runs`` runs.

    With ``fresh``, each run is given a new, empty ``SPECLINT_CACHE_DIR`` below it and no
    run is made first: every one is a first run on a new machine.
    """
    if fresh is None:
        subprocess.run(cmd, capture_output=True, check=False, env=env)  # bytecode written
    times, cpu = [], []
    for n in range(runs):
        here = env if fresh is None else {**env, "SPECLINT_CACHE_DIR": str(fresh / f"cold{n}")}
        before = _children_cpu()
        start = time.perf_counter()
        subprocess.run(cmd, capture_output=True, check=False, env=here)
        times.append(time.perf_counter() - start)
        cpu.append(_children_cpu() - before)
    return min(times), statistics.median(times), min(cpu)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--cold-runs", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        small = Path(tmp) / "small.md"
        small.write_text(SMALL, encoding="utf-8")
        py = sys.executable
        env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
        env["PYTHONPYCACHEPREFIX"] = str(Path(tmp) / "pycache")
        base = best([py, "-c", "import pydantic, lark"], args.runs, env)
        check = [py, "-m", "speclint", "check", "--fail-on", "never"]
        lint = best([*check, "--no-cache", str(small)], args.runs, env)
        cached = best([*check, "--cache-dir", str(Path(tmp) / "cache"), str(small)], args.runs, env)
        version = best([py, "-m", "speclint", "--version"], args.runs, env)
        cold = best([*check, str(small)], args.cold_runs, env, fresh=Path(tmp))
    print(f"{'command':<40} {'best s':>8} {'median s':>9} {'ratio':>6} {'cpu s':>7} {'ratio':>6}")
    for name, (b, m, c) in (
        ("python -c 'import pydantic, lark'", base),
        ("speclint check --no-cache small.md", lint),
        ("speclint check small.md (results cached)", cached),
        ("speclint --version", version),
        ("speclint check small.md (caches empty)", cold),
    ):
        print(f"{name:<40} {b:8.3f} {m:9.3f} {b / base[0]:6.2f} {c:7.3f} {c / base[2]:6.2f}")
    print(
        f"\nsmall Markdown lint / import pydantic+lark = {lint[0] / base[0]:.2f} wall-clock, "
        f"{lint[2] / base[2]:.2f} CPU (target <= 3.0)"
    )


if __name__ == "__main__":
    main()
