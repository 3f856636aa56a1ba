"""The shipped integrations, run for real:

- the pre-commit hooks (`.pre-commit-hooks.yaml`) through `pre-commit try-repo`, which clones a git
  repository of this project, pip-installs factcheck from it into its own virtualenv and runs the
  hooks on a drafts repository's files;
- the GitHub Action (`action.yml`): its install step (a virtualenv, pip install of the action's own
  checkout) and its check step, run by bash as a runner runs them, with the runner's variables
  (GITHUB_OUTPUT, GITHUB_STEP_SUMMARY, GITHUB_WORKSPACE, GITHUB_ACTION_PATH, RUNNER_TEMP) and the
  inputs substituted, against small drafts repositories;
- the workflow recipe (`docs/examples/github-workflow.yml`), which uses that action: its shell steps
  and the action run in a scratch repository with a pull request branch; checkout and the SARIF
  upload are GitHub's own actions and are not run (the SARIF they would upload is validated).

"A git repository of this project" is HEAD cloned with the working tree's changes on top, so the
tests see what is being written, not only what is committed. The first use of each installs
factcheck and its dependencies into a fresh virtualenv (about 45 s each, from pip's cache); the
later ones reuse it, as pre-commit and the action do themselves.
"""
from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import pytest
import yaml

from factcheck.documents import FORMATS as SUFFIXES

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
SARIF_SCHEMA = ROOT.parent / "shared" / "schemas" / "sarif-schema-2.1.0.json"
ACTION = ROOT / "action.yml"
WORKFLOW = ROOT / "docs" / "examples" / "github-workflow.yml"

HEAD = "---\ndate: 2020-02-20\n---\n\n"
CONTRADICTED = HEAD + "Turkey is home to more than 5 million Syrian refugees.\n"
APPROXIMATE = HEAD + "Turkey has taken in about 3.7 million Syrian refugees since the war started.\n"
INCONSISTENT = "The man, aged 46, was born in 1990.\n"
HARMLESS = "The talks resumed on Thursday.\n"

needs_git = pytest.mark.skipif(not shutil.which("git"), reason="git is not installed")


def git(cwd: Path, *args: str) -> str:
    return subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@example.org", "-c", "init.defaultBranch=main",
                           "-c", "commit.gpgsign=false", *args], cwd=cwd, check=True, capture_output=True,
                          text=True).stdout


def clean_env(**extra: str) -> dict[str, str]:
    """The environment of a fresh shell: this test's virtualenv is not on PATH or active."""
    env = {k: v for k, v in os.environ.items()
           if k not in {"VIRTUAL_ENV", "PYTHONPATH", "PYTHONHOME", "FACTCHECK_UPDATE_GOLDEN"}
           and not k.startswith(("GITHUB_", "RUNNER_", "INPUT_", "PRE_COMMIT"))}
    env["PATH"] = os.pathsep.join(p for p in env.get("PATH", "").split(os.pathsep) if Path(p) != BIN)
    env["NO_COLOR"] = "1"
    env.update(extra)
    return env


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A git repository of factcheck as the working tree has it: HEAD cloned, then every file
    changed, added (and not ignored) or deleted since, applied and committed."""
    if not shutil.which("git"):
        pytest.skip("git is not installed")
    if not (ROOT / ".git").exists():
        pytest.skip("the project is not a git checkout")
    dest = tmp_path_factory.mktemp("project") / "factcheck"
    git(ROOT.parent, "clone", "-q", str(ROOT), str(dest))
    listed = subprocess.run(["git", "ls-files", "-z", "--modified", "--others", "--exclude-standard"], cwd=ROOT,
                            check=True, capture_output=True).stdout
    for rel in {x.decode() for x in listed.split(b"\0") if x}:
        src, out = ROOT / rel, dest / rel
        if src.is_file():
            out.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, out)
        elif out.exists() and not src.exists():
            out.unlink()
    git(dest, "add", "-A")
    git(dest, "commit", "-q", "--allow-empty", "-m", "the working tree")
    return dest


# --- the manifests ------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def hooks() -> list[dict]:
    return yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))


def test_hooks_manifest_has_what_pre_commit_requires(hooks):
    assert isinstance(hooks, list) and hooks
    for h in hooks:
        assert {"id", "name", "entry", "language"} <= set(h), h
        assert h["language"] == "python"
    assert hooks[0]["id"] == "factcheck"


def test_hooks_take_every_suffix_factcheck_reads_and_nothing_else(hooks):
    for h in hooks:
        pattern = re.compile(h["files"])
        for suffix in SUFFIXES:
            assert pattern.search(f"desk/story{suffix}") and pattern.search(f"DESK/STORY{suffix.upper()}"), (h["id"], suffix)
        for other in ("script.py", "data.csv", "notes.md.bak", "image.png"):
            assert not pattern.search(other), (h["id"], other)


def test_workflow_triggers_on_every_suffix_factcheck_reads():
    wf = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    on = wf.get("on", wf.get(True))  # YAML 1.1 reads a bare `on` as true
    assert set(on["pull_request"]["paths"]) == {f"**{s}" for s in SUFFIXES}
    listing = next(s["run"] for s in wf["jobs"]["factcheck"]["steps"] if s.get("id") == "changed")
    assert {m for m in re.findall(r"':\(icase\)\*(\.\w+)'", listing)} == set(SUFFIXES)


def test_action_has_the_inputs_the_docs_name():
    action = yaml.safe_load(ACTION.read_text(encoding="utf-8"))
    assert action["runs"]["using"] == "composite"
    assert {"paths", "format", "output", "fail-on", "changed-lines-only", "diff-base"} <= set(action["inputs"])
    docs = (ROOT / "docs" / "ci.md").read_text(encoding="utf-8")
    for name in action["inputs"]:
        assert f"`{name}`" in docs, name


# --- pre-commit, for real ---------------------------------------------------------------------

@pytest.fixture(scope="module")
def pre_commit_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if os.environ.get("CI") == "true":
        import pre_commit  # noqa: F401  # CI installs the test extras: a missing pre-commit is a failure there
    else:
        pytest.importorskip("pre_commit")
    return tmp_path_factory.mktemp("pre-commit-home")


def try_repo(project: Path, home: Path, cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "pre_commit", "try-repo", str(project), *args, "--color", "never"],
                          cwd=cwd, env=clean_env(PRE_COMMIT_HOME=str(home)), capture_output=True, text=True,
                          timeout=600)


@pytest.fixture()
def desk(tmp_path: Path) -> Path:
    """A newsroom's drafts repository with a contradicted draft, an approximate one, a draft with
    an upper-case suffix, and a Python file whose text would be a finding if it were checked."""
    repo = tmp_path / "desk"
    (repo / "drafts").mkdir(parents=True)
    (repo / "drafts" / "bad.md").write_text(CONTRADICTED, encoding="utf-8")
    (repo / "drafts" / "ok.md").write_text(APPROXIMATE, encoding="utf-8")
    (repo / "drafts" / "LOUD.MD").write_text(CONTRADICTED, encoding="utf-8")
    (repo / "tool.py").write_text("# Turkey is home to more than 5 million Syrian refugees, 2020-02-20.\n", encoding="utf-8")
    git(repo, "init", "-q")
    git(repo, "add", ".")
    return repo


@needs_git
def test_pre_commit_hooks_through_try_repo(project, pre_commit_home, desk):
    """One try-repo (each makes its own virtualenv): both hooks, the sign-off one at its manual stage."""
    started = time.monotonic()
    proc = try_repo(project, pre_commit_home, desk, "--hook-stage", "manual",
                    "--files", "drafts/bad.md", "drafts/ok.md", "drafts/LOUD.MD", "tool.py")
    print(f"pre-commit try-repo (virtualenv, install, both hooks): {time.monotonic() - started:.0f} s")
    out = proc.stdout
    assert proc.returncode == 1, out + proc.stderr
    check, sign_off = out.split("factcheck sign-off sheet")
    assert re.search(r"factcheck \(numeric claims in drafts\)\.+Failed", check), check
    assert "CONTRADICTED" in check and "drafts/bad.md" in check
    assert "drafts/LOUD.MD" in check  # an upper-case suffix is a draft too
    assert "APPROXIMATE" in check and "drafts/ok.md" in check  # reported, but it does not fail the commit alone
    assert "tool.py" not in out  # not a draft: not given to factcheck (its text would be a finding)
    assert re.search(r"\(never fails\)\.+Passed", sign_off) and "| # | Line | Claim |" in sign_off, sign_off


# --- a GitHub runner, as far as the action and the recipe need one ------------------------------

EXPR = re.compile(r"\$\{\{\s*(.*?)\s*\}\}", re.S)


@dataclass
class Step:
    """What one step did."""

    id: str
    code: int | None  # None: skipped
    stdout: str = ""
    stderr: str = ""
    outputs: dict[str, str] = field(default_factory=dict)
    seconds: float = 0.0
    #: A `uses:` step: its own steps are in the job too (and their output in its log).
    composite: bool = False


@dataclass
class Job:
    steps: dict[str, Step] = field(default_factory=dict)
    summary: str = ""
    uploads: list[dict[str, str]] = field(default_factory=list)
    failed: bool = False

    @property
    def log(self) -> str:
        return "".join(s.stdout for s in self.steps.values() if not s.composite)


def lookup(ctx: dict, expr: str) -> str:
    """`steps.x.outputs.y || github.event.before || 'literal'`: the first value that is set."""
    for alt in expr.split("||"):
        alt = alt.strip()
        if alt.startswith("'") and alt.endswith("'"):
            value = alt[1:-1]
        else:
            value = ctx
            for key in alt.split("."):
                value = value.get(key, "") if isinstance(value, dict) else ""
        if value:
            return str(value)
    return ""


def substitute(text: str | bool | int, ctx: dict) -> str:
    if isinstance(text, bool):  # YAML's true is the string "true" to an action
        return "true" if text else "false"
    return EXPR.sub(lambda m: lookup(ctx, m.group(1)), str(text))


def condition(cond: str | bool | None, ctx: dict, workspace: Path, failed: bool) -> bool:
    """`if:` as GitHub reads it here: atoms joined by &&; without always(), only after success."""
    text = str(cond or "").strip()
    m = EXPR.fullmatch(text)
    text = m.group(1) if m else text
    atoms = [a.strip() for a in text.split("&&") if a.strip()]
    if failed and "always()" not in atoms:
        return False
    for atom in atoms:
        if atom in ("always()", "success()"):
            continue
        m = re.fullmatch(r"(.+?)\s*(==|!=)\s*'([^']*)'", atom)
        assert m or re.fullmatch(r"[\w.-]+", atom), f"the test does not know how to evaluate {atom!r}"
        left = m.group(1) if m else atom
        h = re.fullmatch(r"hashFiles\('([^']+)'\)", left)
        if h:
            f = workspace / h.group(1)
            value = hashlib.sha256(f.read_bytes()).hexdigest() if f.is_file() else ""
        else:
            value = lookup(ctx, left)
        if m and (value == m.group(3)) != (m.group(2) == "=="):
            return False
        if not m and not value:
            return False
    return True


def read_outputs(path: Path) -> dict[str, str]:
    """GITHUB_OUTPUT: `key=value` lines and `key<<DELIM` ... `DELIM` blocks."""
    out: dict[str, str] = {}
    lines = path.read_text(encoding="utf-8").splitlines()
    i = 0
    while i < len(lines):
        line = lines[i]
        i += 1
        if "<<" in line and ("=" not in line or line.index("<<") < line.index("=")):
            key, delim = line.split("<<", 1)
            block = []
            while lines[i] != delim:
                block.append(lines[i])
                i += 1
            i += 1
            out[key] = "\n".join(block)
        elif "=" in line:
            key, value = line.split("=", 1)
            out[key] = value
    return out


class Runner:
    """Runs `run:` steps with bash as a GitHub-hosted runner does (`bash --noprofile --norc -eo
    pipefail FILE`), with the runner's variables; a `uses:` of the factcheck action runs its
    composite steps. ``python`` is the runner's python3 (this machine's Python 3.11)."""

    def __init__(self, workspace: Path, temp: Path, project: Path, github: dict) -> None:
        self.workspace, self.temp, self.project = workspace, temp, project
        self.github = {"workspace": str(workspace), **github}
        tools = temp / "runner-bin"
        tools.mkdir(parents=True, exist_ok=True)
        python = Path(os.path.realpath(sys.executable))
        if not (tools / "python3").exists():
            (tools / "python3").symlink_to(python)
        self.path = os.pathsep.join([str(tools), clean_env()["PATH"]])
        #: step id -> function(outputs) run after the step (the tests' spy on the installed factcheck)
        self.after: dict[str, object] = {}

    def env(self, **extra: str) -> dict[str, str]:
        return clean_env(PATH=self.path, CI="true", GITHUB_ACTIONS="true", GITHUB_WORKSPACE=str(self.workspace),
                         RUNNER_TEMP=str(self.temp), GITHUB_BASE_REF=self.github.get("base_ref", ""),
                         GITHUB_EVENT_NAME="pull_request", **extra)

    def script(self, sid: str, run: str, env: dict[str, str], cwd: Path) -> Step:
        script = self.temp / f"step-{sid}-{time.monotonic_ns()}.sh"
        script.write_text(run, encoding="utf-8")
        out, summary = self.temp / f"output-{script.stem}", self.temp / f"summary-{script.stem}"
        out.write_text("", encoding="utf-8")
        summary.write_text("", encoding="utf-8")
        started = time.monotonic()
        proc = subprocess.run(["bash", "--noprofile", "--norc", "-eo", "pipefail", str(script)], cwd=cwd,
                              env={**env, "GITHUB_OUTPUT": str(out), "GITHUB_STEP_SUMMARY": str(summary)},
                              capture_output=True, text=True, timeout=900)
        step = Step(sid, proc.returncode, proc.stdout, proc.stderr, read_outputs(out), time.monotonic() - started)
        step.outputs["_summary"] = summary.read_text(encoding="utf-8")
        return step

    def action(self, inputs: dict[str, str], job: Job, sid: str = "factcheck") -> Step:
        """The factcheck action as a `uses:` step: its inputs, its composite steps, its outputs."""
        spec = yaml.safe_load((self.project / "action.yml").read_text(encoding="utf-8"))
        ctx_outer = {"github": self.github}
        given = {k: str(v) for k, v in inputs.items()}
        unknown = set(given) - set(spec["inputs"])
        assert not unknown, f"the action has no input {unknown}"
        values = {k: given.get(k, substitute(v.get("default", ""), ctx_outer)) for k, v in spec["inputs"].items()}
        ctx = {"inputs": values, "github": {**self.github, "action_path": str(self.project)}, "steps": {}}
        failed, code, stdout, summary, seconds = False, 0, "", "", 0.0
        for s in spec["runs"]["steps"]:
            assert s.get("shell") == "bash" and "run" in s, s
            if not condition(s.get("if"), ctx, self.workspace, failed):
                continue
            env = self.env(GITHUB_ACTION_PATH=str(self.project))
            env.update({k: substitute(v, ctx) for k, v in (s.get("env") or {}).items()})
            inner = self.script(s["id"], substitute(s["run"], ctx), env, self.workspace)
            hook = self.after.get(s["id"])
            if hook is not None:
                hook(inner.outputs)  # type: ignore[operator]
            ctx["steps"][s["id"]] = {"outputs": inner.outputs, "outcome": "success" if inner.code == 0 else "failure"}
            job.steps[f"{sid}.{s['id']}"] = inner
            stdout += inner.stdout
            summary += inner.outputs["_summary"]
            seconds += inner.seconds
            if inner.code != 0:
                failed, code = True, inner.code or 1
        outputs = {k: substitute(v["value"], ctx) for k, v in spec.get("outputs", {}).items()}
        return Step(sid, code, stdout, "", {**outputs, "_summary": summary}, seconds, composite=True)

    def workflow(self, path: Path = WORKFLOW) -> Job:
        """The recipe's one job: its steps in order, as GitHub would run them for a pull request."""
        wf = yaml.safe_load(path.read_text(encoding="utf-8"))
        (job_spec,) = wf["jobs"].values()
        job = Job()
        ctx: dict = {"github": self.github, "steps": {}}
        for s in job_spec["steps"]:
            sid = s.get("id") or s.get("name") or s.get("uses")
            if not condition(s.get("if"), ctx, self.workspace, job.failed):
                job.steps[sid] = Step(sid, None)
                continue
            uses = s.get("uses", "")
            if uses.startswith(("actions/checkout@", "actions/setup-python@")):
                continue  # the scratch repository is the checkout; python3 is on PATH
            if uses.startswith("github/codeql-action/upload-sarif@"):
                job.uploads.append({k: substitute(v, ctx) for k, v in s["with"].items()})
                continue
            if uses:
                assert re.fullmatch(r"[\w.-]+/factcheck@[\w.-]+", uses), f"the test does not run {uses}"
                step = self.action({k: substitute(v, ctx) for k, v in (s.get("with") or {}).items()}, job, sid)
            else:
                env = self.env(**{k: substitute(v, ctx) for k, v in (job_spec.get("env") or {}).items()})
                step = self.script(sid, substitute(s["run"], ctx), env, self.workspace)
            job.steps[sid] = step
            job.summary += step.outputs.get("_summary", "")
            ctx["steps"][sid] = {"outputs": step.outputs}
            if step.code:
                job.failed = True
        return job


@pytest.fixture(scope="module")
def runner_temp(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """RUNNER_TEMP of one job: the action's virtualenv made there by the first test is reused."""
    return tmp_path_factory.mktemp("runner-temp")


def spy(temp: Path):
    """Wrap the factcheck the install step reports, to count its runs (the check step must run it once)."""
    log = temp / f"runs-{time.monotonic_ns()}.log"

    def hook(outputs: dict[str, str]) -> None:
        real = outputs["factcheck"]
        wrapper = temp / f"factcheck-spy-{log.stem}"
        wrapper.write_text(f'#!/bin/sh\necho "$*" >> "{log}"\nexec "{real}" "$@"\n', encoding="utf-8")
        wrapper.chmod(0o755)
        outputs["factcheck"] = str(wrapper)

    return hook, log


def newsroom(tmp_path: Path, base: dict[str, str], change: dict[str, str]) -> Path:
    """A drafts repository: main has ``base``; the branch `pr` (checked out) changes ``change``
    (appending to a file when its text starts with "+")."""
    repo = tmp_path / "newsroom"
    repo.mkdir(parents=True)
    for name, text in base.items():
        (repo / name).parent.mkdir(parents=True, exist_ok=True)
        (repo / name).write_text(text, encoding="utf-8")
    git(repo, "init", "-q")
    git(repo, "add", ".")
    git(repo, "commit", "-qm", "base", "--allow-empty")
    git(repo, "update-ref", "refs/remotes/origin/main", "HEAD")
    git(repo, "checkout", "-qb", "pr")
    for name, text in change.items():
        path = repo / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if text.startswith("+"):
            path.write_text(path.read_text(encoding="utf-8") + text[1:], encoding="utf-8")
        else:
            path.write_text(text, encoding="utf-8")
    git(repo, "add", ".")
    git(repo, "commit", "-qm", "pr", "--allow-empty")
    return repo


def sarif_of(path: Path) -> dict:
    sarif = json.loads(path.read_text(encoding="utf-8"))
    if SARIF_SCHEMA.exists():
        import jsonschema

        jsonschema.Draft4Validator(json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))).validate(sarif)
    return sarif


def results(sarif: dict, suppressed: bool = False) -> set[tuple[str, int, str]]:
    return {(r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
             r["locations"][0]["physicalLocation"]["region"]["startLine"], r["level"])
            for r in sarif["runs"][0]["results"] if bool(r.get("suppressions")) == suppressed}


# --- the action ---------------------------------------------------------------------------------

@needs_git
def test_action_installs_factcheck_and_checks_a_drafts_folder_in_one_run(project, runner_temp, tmp_path):
    repo = newsroom(tmp_path, {"drafts/bad.md": CONTRADICTED, "drafts/ok.md": APPROXIMATE, "README.txt": HARMLESS}, {})
    runner = Runner(repo, runner_temp, project, {"base_ref": "main"})
    hook, log = spy(runner_temp)
    runner.after["install"] = hook
    job = Job()
    step = runner.action({"paths": "drafts/"}, job)
    install = job.steps["factcheck.install"]
    assert install.code == 0, install.stdout + install.stderr
    assert install.outputs["factcheck"].startswith(str(runner_temp))
    assert re.search(r"version \d", install.stdout)  # `factcheck --version` of the installed copy
    print(f"action install step: {install.seconds:.0f} s")
    # One run of factcheck gives the annotations, the SARIF file and the job summary.
    assert len(log.read_text().splitlines()) == 1
    assert step.code == 1 and step.outputs["exit-code"] == "1"
    assert step.outputs["report"] == "factcheck.sarif"
    assert "::error file=drafts/bad.md,line=5," in step.stdout
    assert "::warning file=drafts/ok.md,line=5," in step.stdout
    sarif = sarif_of(repo / "factcheck.sarif")
    assert {("drafts/bad.md", 5, "error"), ("drafts/ok.md", 5, "warning")} <= results(sarif)
    assert "| # | Line | Claim |" in step.outputs["_summary"] and "drafts/bad.md" in step.outputs["_summary"]


@needs_git
def test_action_changed_lines_only_fails_on_new_problems_not_old_ones(project, runner_temp, tmp_path):
    repo = newsroom(tmp_path, {"drafts/story.md": CONTRADICTED}, {"drafts/story.md": "+\n" + INCONSISTENT})
    runner = Runner(repo, runner_temp, project, {"base_ref": "main"})
    job = Job()
    step = runner.action({"paths": "drafts/story.md", "changed-lines-only": "true", "diff-base": "origin/main"}, job)
    assert job.steps["factcheck.install"].seconds < 15  # the virtualenv of the first use is reused
    assert step.code == 1, step.stdout
    assert "::error file=drafts/story.md,line=7," in step.stdout  # the new self-contradiction
    assert "line=5," not in step.stdout  # the old contradiction is not annotated ...
    sarif = sarif_of(repo / "factcheck.sarif")
    assert ("drafts/story.md", 5, "error") in results(sarif, suppressed=True)  # ... but kept as accepted
    assert "unchanged since origin/main" in step.outputs["_summary"]
    # The pull request's base commit is the default to compare with.
    base = git(repo, "rev-parse", "main").strip()
    runner = Runner(repo, runner_temp, project, {"base_ref": "main", "event": {"pull_request": {"base": {"sha": base}}}})
    step = runner.action({"paths": "drafts/", "changed-lines-only": "true", "fail-on": "never"}, Job())
    assert step.code == 0 and "::error file=drafts/story.md,line=7," in step.stdout and "line=5," not in step.stdout


@needs_git
def test_action_passes_when_only_old_copy_has_problems(project, runner_temp, tmp_path):
    repo = newsroom(tmp_path, {"drafts/story.md": CONTRADICTED}, {"drafts/story.md": "+\n" + HARMLESS})
    runner = Runner(repo, runner_temp, project, {"base_ref": "main"})
    step = runner.action({"paths": "drafts/story.md", "changed-lines-only": "true", "diff-base": "origin/main",
                          "format": "junit", "output": "factcheck-junit.xml", "summary": "false"}, Job())
    assert step.code == 0 and step.outputs["exit-code"] == "0", step.stdout
    assert "<skipped" in (repo / "factcheck-junit.xml").read_text(encoding="utf-8")
    assert step.outputs["_summary"] == "" and not (repo / "factcheck.sarif").exists()


@needs_git
def test_action_reports_a_broken_input_as_an_error(project, runner_temp, tmp_path):
    repo = newsroom(tmp_path, {"drafts/story.md": CONTRADICTED}, {})
    runner = Runner(repo, runner_temp, project, {"base_ref": "main"})
    step = runner.action({"paths": "drafts/story.md\nno/such/file.md", "changed-lines-only": "true",
                          "diff-base": "not-a-ref"}, Job())
    assert step.code == 2 and step.outputs["exit-code"] == "2"
    assert "::error title=factcheck::factcheck could not check the drafts (exit 2)" in step.stdout
    assert step.outputs["report"] == ""


# --- the workflow recipe ------------------------------------------------------------------------

def run_recipe(project: Path, runner_temp: Path, repo: Path) -> Job:
    return Runner(repo, runner_temp, project, {"base_ref": "main"}).workflow()


@needs_git
def test_workflow_checks_the_changed_drafts_once_and_fails_on_a_contradiction(project, runner_temp, tmp_path):
    repo = newsroom(tmp_path, {"drafts/old.md": CONTRADICTED, "README.rst": HARMLESS},
                    {"drafts/new.md": CONTRADICTED, "drafts/notes.txt": HEAD + APPROXIMATE, "README.rst": "+more\n"})
    job = run_recipe(project, runner_temp, repo)
    assert job.steps["changed"].outputs["count"] == "2"
    assert job.steps["changed"].outputs["paths"].splitlines() == ["drafts/new.md", "drafts/notes.txt"]
    assert job.steps["factcheck"].code == 1 and job.failed
    sarif = sarif_of(repo / "factcheck.sarif")
    assert {uri for uri, _, _ in results(sarif)} == {"drafts/new.md", "drafts/notes.txt"}  # old.md: not changed
    assert ("drafts/new.md", 5, "error") in results(sarif)  # the line in the Markdown file, front matter counted
    assert "::error file=drafts/new.md,line=5," in job.log
    assert "| # | Line | Claim |" in job.summary
    assert job.uploads == [{"sarif_file": "factcheck.sarif", "category": "factcheck"}]  # uploaded although it failed


@needs_git
def test_workflow_passes_a_pull_request_without_contradictions(project, runner_temp, tmp_path):
    repo = newsroom(tmp_path, {"drafts/old.md": CONTRADICTED}, {"drafts/new.html": "<html><head><meta name=\"date\" "
                    "content=\"2020-02-20\"></head><body><article><p>Turkey has taken in about 3.7 million Syrian "
                    "refugees since the war started.</p></article></body></html>\n"})
    job = run_recipe(project, runner_temp, repo)
    assert job.steps["factcheck"].code == 0 and not job.failed, job.log
    assert "::warning file=drafts/new.html" in job.log
    assert job.uploads


@needs_git
def test_workflow_fails_on_new_lines_only(project, runner_temp, tmp_path):
    repo = newsroom(tmp_path, {"drafts/old.md": CONTRADICTED}, {"drafts/old.md": "+\n" + HARMLESS})
    job = run_recipe(project, runner_temp, repo)
    assert job.steps["factcheck"].code == 0 and not job.failed, job.log
    assert "::error" not in job.log
    repo2 = newsroom(tmp_path / "2", {"drafts/old.md": CONTRADICTED}, {"drafts/old.md": "+\n" + INCONSISTENT})
    job = run_recipe(project, runner_temp, repo2)
    assert job.steps["factcheck"].code == 1 and "::error file=drafts/old.md,line=7," in job.log


@needs_git
def test_workflow_skips_a_pull_request_without_drafts(project, runner_temp, tmp_path):
    repo = newsroom(tmp_path, {"drafts/old.md": CONTRADICTED}, {"tool.py": "x = 5_000_000\n"})
    job = run_recipe(project, runner_temp, repo)
    assert job.steps["changed"].outputs["count"] == "0"
    assert job.steps["factcheck"].code is None and not job.uploads and not job.failed
