"""Running locust for the load test (bench/locustfile.py, bench/load_capacity.py) and reading what it recorded."""

import json
import os
import resource
import subprocess
import sys
import time
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from bench.load_servers import ROOT, stop

LOCUSTFILE = Path(__file__).resolve().parent / "locustfile.py"
CAPACITY_LOCUSTFILE = Path(__file__).resolve().parent / "load_capacity.py"


@dataclass
class Run:
    """What one locust run recorded: the section saves, every request's time, the capacity steps (if any), and the
    CPU time locust itself took (it shares the machine with the portal)."""

    records: list[dict]
    timings: list[list]
    steps: list[dict]
    seconds: float
    locust_cpu_seconds: float

    def failures(self) -> list[str]:
        counts = defaultdict(int)
        for _at, name, _ms, ok, error in self.timings:
            if not ok:
                counts[name, error] += 1
        return [f"{count}× {name}: {error}" for (name, error), count in sorted(counts.items())]


def run_locust(
    *,
    host: str,
    plan: dict,
    folder: Path,
    users: int | None = None,
    seconds: int | None = None,
    spawn_rate: float | None = None,
    classes: tuple[str, ...] = (),
    pause: str = "5,15",
    extra_env: dict[str, str] | None = None,
    locustfile: Path = LOCUSTFILE,
    timeout: float = 0,
) -> Run:
    """Run locust against `host` (and the plan's `hosts`, if any): `users` for `seconds`, or the capacity
    search's steps when `locustfile` is bench/load_capacity.py (users and seconds are then left to its shape)."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = {name: folder / f"{name}.json" for name in ("plan", "saves", "timings", "steps")}
    paths["plan"].write_text(json.dumps(plan), encoding="utf-8")
    command = [sys.executable, "-m", "locust", "-f", str(locustfile), "--headless", "--only-summary"]
    if users is not None:
        rate = spawn_rate or max(1, min(users, 5))
        command += [f"--users={users}", f"--spawn-rate={rate}", f"--run-time={seconds}s"]
    command += [f"--host={host}", "--stop-timeout=60", "--exit-code-on-error=0", "--loglevel=WARNING", *classes]
    env = {
        **os.environ,
        **(extra_env or {}),
        "LOAD_PLAN": str(paths["plan"]),
        "LOAD_RECORD": str(paths["saves"]),
        "LOAD_TIMINGS": str(paths["timings"]),
        "LOAD_STEPS": str(paths["steps"]),
        "LOAD_PAUSE": pause,
        "PYTHONPATH": str(ROOT),
    }
    before, started = resource.getrusage(resource.RUSAGE_CHILDREN), time.monotonic()
    with open(folder / "locust.log", "w", encoding="utf-8") as log:
        locust = subprocess.Popen(
            command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
        )
        try:
            locust.wait(timeout=timeout or (seconds or 0) + 150)
        finally:
            stop(locust)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if locust.returncode != 0 or not paths["saves"].exists():
        raise RuntimeError(f"locust failed (exit code {locust.returncode}): {(folder / 'locust.log').read_text()}")
    steps = json.loads(paths["steps"].read_text(encoding="utf-8")) if paths["steps"].exists() else []
    return Run(
        records=json.loads(paths["saves"].read_text(encoding="utf-8")),
        timings=json.loads(paths["timings"].read_text(encoding="utf-8")),
        steps=steps,
        seconds=time.monotonic() - started,
        locust_cpu_seconds=(after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime),
    )
