"""The shipped integrations, exercised: the pre-commit hooks run as pre-commit would run them,
and the documented GitHub Actions workflow's shell steps run in a scratch git repository with a
pull request that changes Markdown files."""
from __future__ import annotations

import json
import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
SARIF_SCHEMA = ROOT.parent / "shared" / "schemas" / "sarif-schema-2.1.0.json"

CONTRADICTED = "---\ndate: 2020-02-20\n---\n\nTurkey is home to more than 5 million Syrian refugees.\n"
APPROXIMATE = "---\ndate: 2020-02-20\n---\n\nTurkey has taken in about 3.7 million Syrian refugees since the war started.\n"


def _env(**extra: str) -> dict[str, str]:
    env = dict(os.environ, PATH=f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}", NO_COLOR="1")
    env.pop("FACTCHECK_UPDATE_GOLDEN", None)
    env.update(extra)
    return env


# --- pre-commit --------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def hooks():
    return yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))


def test_hooks_manifest_has_what_pre_commit_requires(hooks):
    assert isinstance(hooks, list) and hooks
    for h in hooks:
        assert {"id", "name", "entry", "language"} <= set(h), h
        assert h["language"] == "python"
        re.compile(h["files"])
    assert hooks[0]["id"] == "factcheck"


def _run_hook(hook, files, cwd):
    """As pre-commit does: the entry, the hook's args, then the staged files its pattern matches."""
    chosen = [f for f in files if re.search(hook["files"], f)]
    cmd = shlex.split(hook["entry"]) + list(hook.get("args", [])) + chosen
    return subprocess.run(cmd, cwd=cwd, env=_env(), capture_output=True, text=True), chosen


def test_pre_commit_hook_fails_a_commit_with_a_contradicted_figure(hooks, tmp_path):
    (tmp_path / "drafts").mkdir()
    (tmp_path / "drafts" / "bad.md").write_text(CONTRADICTED, encoding="utf-8")
    (tmp_path / "drafts" / "ok.md").write_text(APPROXIMATE, encoding="utf-8")
    (tmp_path / "script.py").write_text("x = 5_000_000\n", encoding="utf-8")
    staged = ["drafts/bad.md", "drafts/ok.md", "script.py"]
    proc, chosen = _run_hook(hooks[0], staged, tmp_path)
    assert chosen == ["drafts/bad.md", "drafts/ok.md"]
    assert proc.returncode == 1, proc.stderr
    assert "CONTRADICTED" in proc.stdout and "drafts/bad.md" in proc.stdout
    proc, _ = _run_hook(hooks[0], ["drafts/ok.md"], tmp_path)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_sign_off_hook_never_fails(hooks, tmp_path):
    (tmp_path / "bad.md").write_text(CONTRADICTED, encoding="utf-8")
    hook = next(h for h in hooks if h["id"] == "factcheck-sign-off")
    proc, _ = _run_hook(hook, ["bad.md"], tmp_path)
    assert proc.returncode == 0 and "| # | Line | Claim |" in proc.stdout


# --- the GitHub Actions workflow ---------------------------------------------------------------

WORKFLOW = ROOT / "docs" / "examples" / "github-workflow.yml"


def _git(cwd, *args):
    subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@example.org", "-c", "init.defaultBranch=main",
                    *args], cwd=cwd, check=True, capture_output=True)


def _expr(text: str, outputs: dict[str, dict[str, str]]) -> str:
    """${{ steps.ID.outputs.KEY }} -> its value (the only expressions the workflow uses in scripts)."""
    return re.sub(r"\$\{\{\s*steps\.(\w+)\.outputs\.(\w+)\s*\}\}", lambda m: outputs.get(m.group(1), {}).get(m.group(2), ""), text)


def _condition(cond: str | None, outputs: dict[str, dict[str, str]]) -> bool:
    if not cond:
        return True
    cond = cond.replace("always() &&", "").strip()
    m = re.fullmatch(r"steps\.(\w+)\.outputs\.(\w+)\s*(==|!=)\s*'([^']*)'", cond)
    assert m, f"the test does not know how to evaluate {cond!r}"
    value = outputs.get(m.group(1), {}).get(m.group(2), "")
    return (value == m.group(4)) == (m.group(3) == "==")


def run_workflow(repo: Path) -> tuple[dict[str, int], dict[str, dict[str, str]], str]:
    """Run the workflow's shell steps (not the install step, not the `uses:` actions) in ``repo``.
    Returns each step's exit code, the steps' outputs, and the job summary."""
    wf = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    job = next(iter(wf["jobs"].values()))
    outputs: dict[str, dict[str, str]] = {}
    codes: dict[str, int] = {}
    summary = repo / "summary.md"
    for step in job["steps"]:
        if "run" not in step or step.get("id") == "install":
            continue
        if not _condition(step.get("if"), outputs):
            continue
        out_file = repo / f"output-{step['id']}"
        out_file.write_text("", encoding="utf-8")
        env = _env(GITHUB_BASE_REF="main", GITHUB_OUTPUT=str(out_file), GITHUB_STEP_SUMMARY=str(summary), CI="true",
                   **{k: str(v) for k, v in job.get("env", {}).items()})
        proc = subprocess.run(["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", _expr(step["run"], outputs)],
                              cwd=repo, env=env, capture_output=True, text=True)
        codes[step["id"]] = proc.returncode
        outputs[step["id"]] = dict(line.split("=", 1) for line in out_file.read_text().splitlines() if "=" in line)
        outputs[step["id"]]["_stdout"] = proc.stdout
    return codes, outputs, summary.read_text(encoding="utf-8") if summary.exists() else ""


def _pull_request(tmp_path: Path, changed: dict[str, str]) -> Path:
    """A repository whose main branch has an old draft, and a pull request branch changing ``changed``."""
    if not shutil.which("git"):
        pytest.skip("git is not installed")
    repo = tmp_path / "newsroom"
    (repo / "drafts").mkdir(parents=True)
    (repo / "drafts" / "old.md").write_text(CONTRADICTED, encoding="utf-8")  # already on main: not checked
    (repo / "README.txt").write_text("drafts\n", encoding="utf-8")
    _git(repo, "init", "-q")
    _git(repo, "add", ".")
    _git(repo, "commit", "-qm", "base")
    _git(repo, "update-ref", "refs/remotes/origin/main", "HEAD")
    _git(repo, "checkout", "-qb", "pr")
    for name, text in changed.items():
        (repo / name).parent.mkdir(parents=True, exist_ok=True)
        (repo / name).write_text(text, encoding="utf-8")
    _git(repo, "add", ".")
    _git(repo, "commit", "-qm", "pr")
    return repo


def test_workflow_checks_only_the_changed_markdown_and_fails_on_a_contradiction(tmp_path):
    repo = _pull_request(tmp_path, {"drafts/new.md": CONTRADICTED, "drafts/notes.txt": CONTRADICTED})
    codes, outputs, summary = run_workflow(repo)
    assert outputs["changed"]["count"] == "1"
    assert codes["check"] == 0 and outputs["check"]["exit"] == "1"
    assert codes["gate"] == 1
    sarif = json.loads((repo / "factcheck.sarif").read_text(encoding="utf-8"))
    uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in sarif["runs"][0]["results"]}
    assert uris == {"drafts/new.md"}
    region = sarif["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]
    assert region["startLine"] == 5  # the line in the Markdown file, front matter counted
    assert "::error file=drafts/new.md,line=5," in outputs["check"]["_stdout"]
    assert "| # | Line | Claim |" in summary
    if SARIF_SCHEMA.exists():
        import jsonschema

        jsonschema.Draft4Validator(json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))).validate(sarif)


def test_workflow_passes_a_pull_request_without_contradictions(tmp_path):
    repo = _pull_request(tmp_path, {"drafts/new.md": APPROXIMATE})
    codes, outputs, _ = run_workflow(repo)
    assert outputs["check"]["exit"] == "0" and codes["gate"] == 0
    assert "::warning file=drafts/new.md" in outputs["check"]["_stdout"]


def test_workflow_skips_a_pull_request_without_markdown(tmp_path):
    repo = _pull_request(tmp_path, {"drafts/notes.txt": CONTRADICTED})
    codes, outputs, _ = run_workflow(repo)
    assert outputs["changed"]["count"] == "0"
    assert set(codes) == {"changed"}
