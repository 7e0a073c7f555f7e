"""CPU seconds and peak memory of a process and all its descendants, sampled in a thread."""

from __future__ import annotations

import threading
import time

import psutil


class ProcessTree:
    """Peak resident memory and CPU seconds of a process and all its descendants, sampled in
    a thread.

    RSS counts pages shared between processes once per process, so the sum overstates the
    tree's real footprint a little; it is the conservative number. CPU is each process's
    user + system time at its last sample (a process misses at most its last 0.2 s).
    """

    def __init__(self, pid: int, interval: float = 0.2) -> None:
        self.root = psutil.Process(pid)
        self.interval = interval
        self.peak_total = 0
        self.peak_single = 0
        self.peak_processes = 0
        self._cpu: dict[int, float] = {}
        self._role: dict[int, str] = {}
        self._seen: dict[int, tuple[float, float]] = {}  # pid → first, last sample time
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)

    @property
    def cpu_seconds(self) -> float:
        return sum(self._cpu.values())

    def cpu_by_role(self) -> dict[str, float]:
        """CPU seconds of the flow process, the fork server, the spaCy workers and the rest."""
        out: dict[str, float] = {}
        for pid, cpu in self._cpu.items():
            role = self._role.get(pid, "other")
            out[role] = out.get(role, 0.0) + cpu
        return out

    def worker_busy(self) -> float | None:
        """The spaCy workers' CPU seconds over their lifetimes: 1.0 means never idle."""
        workers = [pid for pid, role in self._role.items() if role == "workers"]
        alive = sum(self._seen[p][1] - self._seen[p][0] for p in workers)
        return sum(self._cpu.get(p, 0.0) for p in workers) / alive if alive > 0 else None

    def _classify(self, proc: psutil.Process) -> str:
        if proc.pid == self.root.pid:
            return "flow"
        cmdline = " ".join(proc.cmdline())
        if "multiprocessing.forkserver" in cmdline:
            # Workers are forked from the server without exec: same command line.
            return "workers" if self._role.get(proc.ppid()) == "fork_server" else "fork_server"
        return "other"

    def __enter__(self) -> ProcessTree:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()

    def _sample(self) -> None:
        while not self._stop.is_set():
            try:
                procs = [self.root, *self.root.children(recursive=True)]
            except psutil.NoSuchProcess:
                return
            sizes = []
            now = time.perf_counter()
            for proc in procs:
                try:
                    sizes.append(proc.memory_info().rss)
                    cpu = proc.cpu_times()
                    self._cpu[proc.pid] = cpu.user + cpu.system
                    if proc.pid not in self._role:
                        self._role[proc.pid] = self._classify(proc)
                    self._seen[proc.pid] = (self._seen.get(proc.pid, (now, now))[0], now)
                except psutil.Error:
                    continue
            if sizes:
                self.peak_total = max(self.peak_total, sum(sizes))
                self.peak_single = max(self.peak_single, max(sizes))
                self.peak_processes = max(self.peak_processes, len(sizes))
            self._stop.wait(self.interval)
