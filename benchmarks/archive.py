"""The archive at scale: `factcheck archive add` of a synthetic archive, and a recheck after one
revised series.

usage: python benchmarks/archive.py [--articles 100000] [--jobs 2] [--small 1000] [--keep DIR]

1. A synthetic archive of --articles stories is written to a temporary folder from the stories in
   ../shared/realcopy/ (every folder of .txt stories there): story i is story i mod n, from its
   second round on with the last paragraph of another story appended, named with a date moved by
   up to a year either way (its as_of), 1,000 files a folder. Nothing of it is kept (--keep DIR
   writes it there instead).
2. `factcheck archive add` of the folder with --jobs N, timed: articles/s (wall, and per CPU
   second of the command and its workers, which other load on the machine does not change), the
   peak resident memory of the main process and of each worker (VmHWM, sampled from /proc), the
   store's size.
   A second, small archive of the first --small articles is added too.
3. A revised copy of the shipped WDI package in a temporary folder: GDP growth (gdp_growth) of
   Japan, the United Kingdom, France and Brazil for 1986 raised by a percentage point. Then
   `factcheck archive recheck --data REVISED -f json` on each archive (once to build the revised
   copy's store, then the median of 3 runs), with the recheck's own count of claims and documents
   judged again; and a revision of a series no archived claim cites (fertilizer use, Japan 1986),
   whose recheck judges nothing. The recheck's time follows the documents it judges again, not
   the archive's size.

Uses the cache folder as `factcheck check` does (a warm shipped store; run a check first).
"""
from __future__ import annotations

import argparse
import datetime as dt
import gzip
import hashlib
import json
import os
import random
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
FACTCHECK = [sys.executable, "-m", "factcheck"]
_DATE = re.compile(r"(\d{4}-\d{2}-\d{2})")


# --------------------------------------------------------------------------------------------
# the synthetic archive
# --------------------------------------------------------------------------------------------

def stories() -> list[tuple[str, dt.date]]:
    """(text, date) of every story under ../shared/realcopy (date from its file name)."""
    out = []
    for f in sorted((SHARED / "realcopy").glob("*/*.txt")):
        m = _DATE.search(f.name)
        if m:
            out.append((f.read_text(encoding="utf-8"), dt.date.fromisoformat(m.group(1))))
    if not out:
        sys.exit(f"no stories in {SHARED / 'realcopy'}")
    return out


def write_archive(folder: Path, n: int, seed: int = 13) -> int:
    """n articles under ``folder``; returns their total characters."""
    base = stories()
    rnd = random.Random(seed)
    chars = 0
    for i in range(n):
        text, date = base[i % len(base)]
        if i >= len(base):
            other = base[rnd.randrange(len(base))][0].rstrip().split("\n\n")
            text = text.rstrip() + "\n\n" + other[-1] + "\n"
        day = date + dt.timedelta(days=rnd.randint(-365, 365))
        sub = folder / f"{i // 1000:03d}"
        if i % 1000 == 0:
            sub.mkdir(parents=True, exist_ok=True)
        (sub / f"a{i:06d}_{day.isoformat()}.txt").write_text(text, encoding="utf-8")
        chars += len(text)
    return chars


# --------------------------------------------------------------------------------------------
# measuring a command: wall time, peak memory of it and of each process it starts
# --------------------------------------------------------------------------------------------

def _children() -> dict[int, int]:
    """pid -> parent pid of every process."""
    out = {}
    for d in os.listdir("/proc"):
        if d.isdigit():
            try:
                stat = Path(f"/proc/{d}/stat").read_text()
                out[int(d)] = int(stat.rsplit(")", 1)[1].split()[1])
            except (OSError, ValueError, IndexError):
                pass
    return out


def _hwm(pid: int) -> int | None:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) * 1024
    except OSError:
        return None
    return None


def run(args: list[str], cwd: Path) -> tuple[float, subprocess.CompletedProcess, int, list[int], float]:
    """(wall seconds, the process, peak memory of the command, peak of each process it started,
    CPU seconds of the command and its workers: user + system, as wait reports them)."""
    peaks: dict[int, int] = {}
    done = threading.Event()
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    proc = subprocess.Popen(FACTCHECK + args, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)

    def sample() -> None:
        while not done.is_set():
            parents = _children()
            family = {proc.pid}
            grew = True
            while grew:
                more = {p for p, pp in parents.items() if pp in family} - family
                grew = bool(more)
                family |= more
            for p in family:
                h = _hwm(p)
                if h:
                    peaks[p] = max(peaks.get(p, 0), h)
            done.wait(0.2)

    t = threading.Thread(target=sample, daemon=True)
    t.start()
    out, err = proc.communicate()
    wall = time.perf_counter() - start
    done.set()
    t.join()
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    main = peaks.pop(proc.pid, 0)
    return wall, subprocess.CompletedProcess(proc.args, proc.returncode, out, err), main, sorted(peaks.values()), cpu


# --------------------------------------------------------------------------------------------
# a revised WDI series
# --------------------------------------------------------------------------------------------

def revise(folder: Path, resource: str, changes: dict[tuple[str, str], float]) -> Path:
    """A copy of the shipped WDI package under ``folder`` with ``changes`` added to values of
    ``resource`` ({(entity, year): delta}), its descriptor's bytes and hash updated."""
    from factcheck import shipped

    pkg = folder / "wdi"
    shutil.copytree(shipped.reference_data_dir() / "wdi", pkg)
    f = pkg / "data" / resource
    lines = gzip.decompress(f.read_bytes()).decode("utf-8").splitlines()
    for k, line in enumerate(lines):
        p = line.split(",")
        if (p[0], p[1]) in changes:
            p[2] = repr(float(p[2]) + changes[(p[0], p[1])])
            lines[k] = ",".join(p)
    data = gzip.compress(("\n".join(lines) + "\n").encode("utf-8"), mtime=0)
    f.write_bytes(data)
    desc = json.loads((pkg / "datapackage.json").read_text(encoding="utf-8"))
    for r in desc["resources"]:
        if r["path"] == f"data/{resource}":
            r["bytes"], r["hash"] = len(data), "sha256:" + hashlib.sha256(data).hexdigest()
    (pkg / "datapackage.json").write_text(json.dumps(desc, indent=1), encoding="utf-8")
    return folder


def mb(n: int) -> str:
    return f"{n / 2**20:,.0f} MiB"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--articles", type=int, default=100_000)
    ap.add_argument("--small", type=int, default=1_000, help="articles of the small archive")
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--keep", type=Path, help="write the articles and stores here (else a temporary folder)")
    a = ap.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="fc-archive-")) if a.keep is None else a.keep
    tmp.mkdir(parents=True, exist_ok=True)
    try:
        arts = tmp / "articles"
        t0 = time.perf_counter()
        chars = write_archive(arts, a.articles)
        print(f"synthetic archive: {a.articles:,} articles, {chars / 1e6:,.0f} million characters, written in "
              f"{time.perf_counter() - t0:.0f} s ({tmp})")
        small = tmp / "small"
        small.mkdir(exist_ok=True)
        for sub in sorted(arts.iterdir()):
            for f in sorted(sub.iterdir()):
                if int(f.name[1:7]) < a.small:
                    shutil.copy(f, small / f.name)
        stores = {}
        for name, folder, n in (("small", small, min(a.small, a.articles)), ("large", arts, a.articles)):
            store = tmp / f"{name}.sqlite"
            wall, p, peak, workers, cpu = run(["archive", "add", str(folder), "--store", str(store), "-q",
                                               "--jobs", str(a.jobs)], tmp)
            if p.returncode != 0:
                sys.exit(p.stderr)
            info = subprocess.run(FACTCHECK + ["archive", "info", "--store", str(store)], capture_output=True,
                                  text=True, check=True).stdout.strip()
            print(f"archive add --jobs {a.jobs}, {n:,} articles: {wall:.1f} s, {n / wall:,.0f} articles/s; {cpu:.0f} CPU "
                  f"seconds, {n / cpu:,.0f} articles per CPU second; load average {os.getloadavg()[0]:.1f}")
            print(f"  peak memory: "
                  f"main {mb(peak)}, workers {', '.join(mb(w) for w in workers) or '-'}; store "
                  f"{store.stat().st_size / 1e6:,.1f} MB")
            print(f"  {info}")
            stores[name] = store
        gdp = revise(tmp / "revised-gdp", "ny.gdp.mktp.kd.zg.csv.gz",
                     {(c, "1986"): 1.0 for c in ("JPN", "GBR", "FRA", "BRA")})
        fert = revise(tmp / "revised-fertilizer", "ag.con.fert.zs.csv.gz", {("JPN", "1986"): 1.0})
        for label, revised in (("gdp_growth of JPN, GBR, FRA, BRA 1986", gdp), ("fertilizer use, JPN 1986", fert)):
            first = None
            for name, store in stores.items():
                times = []
                for _ in range(3 if first is not None else 4):
                    wall, p, peak, _, _ = run(["archive", "recheck", "--store", str(store), "--data", str(revised),
                                            "-f", "json", "-o", str(tmp / "recheck.json")], tmp)
                    if p.returncode not in (0, 1):
                        sys.exit(p.stderr)
                    if first is None:
                        first = wall
                        print(f"recheck after revising {label}: the first run, which builds the revised copy's "
                              f"store, {wall:.1f} s")
                        continue
                    times.append(wall)
                said = p.stderr.strip().removeprefix("factcheck: ")
                print(f"  {name} archive: {sorted(times)[1]:.2f} s (median of 3), peak {mb(peak)}: {said}")
    finally:
        if a.keep is None:
            shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
