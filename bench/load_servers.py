"""Serving the portal for the load test: gunicorn on 127.0.0.1 with the production settings, started and stopped
in a process group of its own; the cache's Redis database; the servers' logs and the machine's load."""

import os
import secrets
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WORKERS = 2


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def portal_environment(database_url: str, static_root: Path) -> dict[str, str]:
    """Production settings, but plain HTTP on 127.0.0.1 and a throw-away key."""
    return {
        **os.environ,
        "DATABASE_URL": database_url,
        "DEBUG": "false",
        "SECRET_KEY": "load-test-" + secrets.token_urlsafe(40),
        "SECURE_SSL_REDIRECT": "false",
        "ALLOWED_HOSTS": "127.0.0.1",
        "STATIC_ROOT": str(static_root),
        "EMAIL_URL": "consolemail://",
    }


def wait_until_serving(url: str, server: subprocess.Popen, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"gunicorn stopped at start (exit code {server.returncode})")
        try:
            with urllib.request.urlopen(f"{url}/accounts/login/", timeout=5) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, OSError):
            time.sleep(0.3)
    raise RuntimeError(f"gunicorn did not answer on {url} within {timeout:.0f} s")


def stop(process: subprocess.Popen | None) -> None:
    """Stop a process this module started (its own process group), waiting for it; kill it if it lingers."""
    if process is None or process.poll() is not None:
        return
    os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()


def start_gunicorn(env: dict[str, str], port: int, log: Path, *, workers: int = WORKERS) -> subprocess.Popen:
    command = [
        sys.executable,
        "-m",
        "gunicorn",
        "cjhp.wsgi",
        f"--workers={workers}",
        f"--bind=127.0.0.1:{port}",
        "--timeout=60",
        f"--error-logfile={log}",
    ]
    # The portal's own log lines (a warning for each 409) go to the same file, not to the report's output.
    with open(log, "a", encoding="utf-8") as output:
        return subprocess.Popen(command, cwd=ROOT, env=env, stdout=output, stderr=output, start_new_session=True)


def flush_redis(url: str) -> str:
    """Empty the cache's Redis database; returns the server's version."""
    import redis

    try:
        server = redis.Redis.from_url(url, socket_connect_timeout=5)
        server.flushdb()
        return server.info()["redis_version"]
    except redis.RedisError as error:
        raise SystemExit(f"The load test needs Redis at {url} (--redis-url): {error}") from error


def server_errors(logs: list[Path]) -> list[str]:
    return [
        f"gunicorn: {line}"
        for log in logs
        if log.exists()
        for line in log.read_text().splitlines()
        if "Traceback" in line or "[ERROR]" in line or "Internal Server Error" in line
    ]


def load_average() -> str:
    return " / ".join(f"{value:.1f}" for value in os.getloadavg())
