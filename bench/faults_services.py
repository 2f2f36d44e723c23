"""What the fault run breaks on purpose: a PostgreSQL cluster of its own, a mail server, gunicorn's workers.

The machine's own PostgreSQL (127.0.0.1:5432) serves other work and is never touched: the run creates a cluster
in a temporary folder (initdb, trust authentication, its own port), stops and starts it, and removes it at the
end whatever happens.
"""

import glob
import os
import shutil
import subprocess
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import psutil


def _postgresql_bin() -> Path:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=lambda path: int(path.split("/")[4]))
    if not found:
        raise RuntimeError("no PostgreSQL server binaries in /usr/lib/postgresql/*/bin (apt-get install postgresql)")
    return Path(found[-1]).parent


class Cluster:
    """A throw-away PostgreSQL cluster on 127.0.0.1:`port`, run as the postgres user when this runs as root
    (initdb refuses root)."""

    def __init__(self, port: int):
        self.port = port
        self.bin = _postgresql_bin()
        self.folder = Path(tempfile.mkdtemp(prefix="cjhp-faults-pg-"))
        self.data = self.folder / "data"
        self.log = self.folder / "postgresql.log"
        self.as_postgres = os.geteuid() == 0
        if self.as_postgres:
            shutil.chown(self.folder, user="postgres", group="postgres")

    @property
    def url(self) -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}"

    def _run(self, *command: str, timeout: float = 60) -> None:
        prefix = ["runuser", "-u", "postgres", "--"] if self.as_postgres else []
        result = subprocess.run(
            [*prefix, *command], capture_output=True, text=True, timeout=timeout, cwd=self.folder, check=False
        )
        if result.returncode != 0:
            raise RuntimeError(f"{Path(command[0]).name} failed: {result.stdout}{result.stderr}")

    def create(self) -> None:
        self._run(
            str(self.bin / "initdb"),
            *("-D", str(self.data), "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-instructions"),
        )

    def start(self) -> None:
        options = f"-p {self.port} -k {self.folder} -c listen_addresses=127.0.0.1 -c fsync=off"
        self._run(str(self.bin / "pg_ctl"), "-D", str(self.data), "-l", str(self.log), "-o", options, "-w", "start")

    def stop(self, mode: str = "fast") -> None:
        self._run(str(self.bin / "pg_ctl"), "-D", str(self.data), "-m", mode, "-w", "stop")

    def running(self) -> bool:
        return (self.data / "postmaster.pid").exists()

    def remove(self) -> None:
        """Stop it if it runs and delete its folder; never raises, as it runs on the way out."""
        try:
            if self.running():
                self.stop("immediate")
        except (RuntimeError, subprocess.TimeoutExpired, OSError):
            pass
        shutil.rmtree(self.folder, ignore_errors=True)


@dataclass
class Inbox:
    """What the mail server accepted: one (recipients, message) per message."""

    messages: list[tuple[list[str], bytes]] = field(default_factory=list)

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 (aiosmtpd's hook name)
        self.messages.append((list(envelope.rcpt_tos), envelope.content))
        return "250 OK"

    def recipients(self) -> list[str]:
        return [address for recipients, _message in self.messages for address in recipients]


class MailServer:
    """An SMTP server on 127.0.0.1:`port` that can be stopped (connections refused) and started again on the
    same port, keeping what it accepted in one inbox."""

    def __init__(self, port: int):
        self.port = port
        self.inbox = Inbox()
        self.controller = None

    @property
    def url(self) -> str:
        return f"smtp://127.0.0.1:{self.port}"

    def start(self) -> None:
        from aiosmtpd.controller import Controller

        self.controller = Controller(self.inbox, hostname="127.0.0.1", port=self.port)
        self.controller.start()

    def stop(self) -> None:
        if self.controller is not None:
            self.controller.stop()
            self.controller = None


def workers(master_pid: int) -> list[int]:
    """gunicorn's worker processes, the master's children."""
    try:
        return sorted(child.pid for child in psutil.Process(master_pid).children())
    except psutil.NoSuchProcess:
        return []


def busy_worker(master_pid: int, port: int) -> int | None:
    """A worker holding a client's connection to `port`, i.e. in the middle of a request, if one is."""
    for pid in workers(master_pid):
        try:
            connections = psutil.Process(pid).net_connections(kind="tcp")
        except psutil.NoSuchProcess:
            continue
        if any(c.status == psutil.CONN_ESTABLISHED and c.laddr and c.laddr.port == port for c in connections):
            return pid
    return None


def wait_for_workers(master_pid: int, count: int, *, without: set[int], timeout: float = 30) -> float | None:
    """Seconds until the master has `count` workers again, none of them in `without`; None if it never does."""
    started = time.monotonic()
    while time.monotonic() - started < timeout:
        current = workers(master_pid)
        if len(current) >= count and not set(current) & without:
            return time.monotonic() - started
        time.sleep(0.05)
    return None
