"""`factcheck lsp` driven by a real LSP client over stdio (pytest-lsp): initialize, didOpen,
publishDiagnostics, hover, codeAction, didChange (debounced, stale versions never published),
didSave (of a configuration file too), didClose, shutdown and exit."""
from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
import pytest_lsp
from lsprotocol import types as t
from pytest_lsp import LanguageClient, client_capabilities

from .conftest import (
    FIRST,
    SEED,
    apply,
    by_code,
    change,
    config,
    edits_of,
    open_doc,
    published,
    text_at,
)

pytestmark = pytest.mark.asyncio(loop_scope="module")

SEED_TEXT = SEED.read_text(encoding="utf-8")

#: Markdown with a contradicted figure after non-ASCII text (an emoji is two UTF-16 units).
REFUGEES_MD = """\
---
date: 2020-02-20
---

# Türkiye 🇹🇷 and its refugees

İbrahim Kalın 🙂 said “Turkey hosts more than 5 million Syrian refugees” on Thursday.

Turkey has taken in about 3.7 million Syrian refugees since the war started.
"""


@pytest.fixture(scope="module")
def workspace(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("lsp")
    (root / "desk").mkdir()
    (root / "desk" / "factcheck.toml").write_text('ignore = ["FC100"]\n', encoding="utf-8")
    (root / "plain").mkdir()
    (root / "broken").mkdir()
    (root / "broken" / "factcheck.toml").write_text('fail_on = "approximate"\n', encoding="utf-8")
    return root


@pytest_lsp.fixture(config=config(), scope="module")
async def client(lsp_client: LanguageClient, workspace: Path):
    folders = [t.WorkspaceFolder((workspace / n).as_uri(), n) for n in ("desk", "plain", "broken")]
    result = await lsp_client.initialize_session(t.InitializeParams(
        capabilities=client_capabilities("visual-studio-code"), workspace_folders=folders,
        initialization_options={"debounce": 0.2}))
    assert result.server_info is not None and result.server_info.name == "factcheck"
    assert result.capabilities.position_encoding in (None, t.PositionEncodingKind.Utf16)
    yield
    await lsp_client.shutdown_session()


async def seed_in(client: LanguageClient, folder: Path) -> tuple[str, t.PublishDiagnosticsParams]:
    """The seed article opened in ``folder`` (once), with its first diagnostics."""
    uri = (folder / SEED.name).as_uri()
    if not any(p.uri == uri for p in client.published) and uri not in client.diagnostics:  # type: ignore[attr-defined]
        open_doc(client, folder / SEED.name, SEED_TEXT)
    return uri, await published(client, uri, 1, timeout=FIRST)


async def test_open_publishes_the_findings_where_the_figures_are(client: LanguageClient, workspace: Path):
    _, p = await seed_in(client, workspace / "plain")
    approx = [d for d in by_code(p, "FC110")]
    assert len(approx) == 1
    d = approx[0]
    # README: 15:21 APPROXIMATE FC110 "about 3.7 million" (1-based); LSP counts from 0
    assert (d.range.start.line, d.range.start.character) == (14, 20)
    assert text_at(SEED_TEXT, d.range) == "about 3.7 million"
    assert d.severity == t.DiagnosticSeverity.Warning and d.source == "factcheck"
    assert d.message.startswith("APPROXIMATE: ") and "3.58 million" in d.message
    # supported claims are hints; unverifiable figures information
    assert any(x.severity == t.DiagnosticSeverity.Hint and x.message.startswith("SUPPORTED") for x in p.diagnostics)
    assert by_code(p, "FC100") and all(x.severity == t.DiagnosticSeverity.Information for x in by_code(p, "FC100"))


async def test_hover_shows_the_evidence(client: LanguageClient, workspace: Path):
    uri, _ = await seed_in(client, workspace / "plain")
    h = await client.text_document_hover_async(t.HoverParams(t.TextDocumentIdentifier(uri), t.Position(14, 26)))
    assert h is not None and h.contents.kind == t.MarkupKind.Markdown
    text = h.contents.value
    assert text.startswith("**APPROXIMATE** · `FC110` `metrics.refugees_from`\n\n")
    assert "(3.5% high; MPM Turkey Migrants' Presence Monitoring Quarterly Report October-December 2019)." in text
    assert "- **series:** Syrian refugees (under temporary protection) in Türkiye (`turkiye_syrian_refugees`)" in text
    assert "- **reference:** 3.58 million" in text
    assert "- **period:** 2020-01-20" in text
    assert ("[MPM Turkey Migrants' Presence Monitoring Quarterly Report October-December 2019](<https://reliefweb.int/"
            "report/turkey/mpm-turkey-migrants-presence-monitoring-quarterly-report-october-december-2019>)") in text
    assert "- **retrieved:** " in text or "- **vintage:** " in text  # the data's release
    assert "- **gap:** 3.5% higher than the reference" in text
    assert h.range is not None and text_at(SEED_TEXT, h.range) == "about 3.7 million"
    # an unverifiable figure: the reason
    line = SEED_TEXT.split("\n")[8]
    col = line.index("two weeks") + 2
    h = await client.text_document_hover_async(t.HoverParams(t.TextDocumentIdentifier(uri), t.Position(8, col)))
    assert h is not None and "UNVERIFIABLE" in h.contents.value
    assert "- **why unverifiable:** two weeks: no reference data covers this figure" in h.contents.value
    # nothing under the cursor: no hover
    assert await client.text_document_hover_async(t.HoverParams(t.TextDocumentIdentifier(uri), t.Position(0, 2))) is None


async def test_configuration_is_found_per_workspace_folder(client: LanguageClient, workspace: Path):
    _, p_plain = await seed_in(client, workspace / "plain")
    _, p_desk = await seed_in(client, workspace / "desk")
    assert by_code(p_plain, "FC100") and not by_code(p_desk, "FC100")  # desk/factcheck.toml: ignore = ["FC100"]
    assert by_code(p_desk, "FC110")


async def test_a_bad_configuration_is_one_error_naming_file_line_and_key_until_saved_right(
        client: LanguageClient, workspace: Path):
    cfg = workspace / "broken" / "factcheck.toml"
    uri = open_doc(client, workspace / "broken" / SEED.name, SEED_TEXT)
    p = await published(client, uri, 1)
    assert len(p.diagnostics) == 1
    d = p.diagnostics[0]
    assert d.severity == t.DiagnosticSeverity.Error
    assert d.message.startswith(f"{cfg}:1 [fail_on]: unknown key 'fail_on' (did you mean 'fail-on'?); known keys: ")
    assert (d.range.start.line, d.range.start.character) == (0, 0)
    # the writer fixes it and saves: the open documents are checked again with it
    cfg.write_text('fail-on = "approximate"\n', encoding="utf-8")
    before = len(client.published)  # type: ignore[attr-defined]
    client.text_document_did_save(t.DidSaveTextDocumentParams(t.TextDocumentIdentifier(cfg.as_uri())))
    loop = asyncio.get_running_loop()
    end = loop.time() + 30
    while loop.time() < end:
        later = [x for x in client.published[before:] if x.uri == uri]  # type: ignore[attr-defined]
        if later:
            break
        await asyncio.sleep(0.02)
    assert later, "no diagnostics after the configuration was saved"
    assert by_code(later[-1], "FC110") and later[-1].version == 1


async def test_code_action_writes_the_sourced_figure(client: LanguageClient, workspace: Path):
    path = workspace / "plain" / "refugees.md"
    uri = open_doc(client, path, REFUGEES_MD, "markdown")
    p = await published(client, uri, 1)
    [d] = [x for x in by_code(p, "FC110") if x.message.startswith("CONTRADICTED")]
    line = REFUGEES_MD.split("\n")[6]
    assert d.range.start.line == 6
    # the column in UTF-16 code units: the emoji before the figure counts two
    before = line[:line.index("more than 5 million")]
    assert d.range.start.character == len(before.encode("utf-16-le")) // 2 == len(before) + 1
    assert text_at(REFUGEES_MD, d.range) == "more than 5 million"
    assert "Suggested: about 3.6 million (MPM Turkey" in d.message
    actions = await client.text_document_code_action_async(t.CodeActionParams(
        t.TextDocumentIdentifier(uri), d.range, t.CodeActionContext([d])))
    assert actions
    fix = next(a for a in actions if a.title.startswith("Write the sourced figure"))
    assert fix.kind == t.CodeActionKind.QuickFix and fix.is_preferred and list(fix.diagnostics) == [d]
    fixed = apply(REFUGEES_MD, edits_of(fix, uri))
    assert "said “Turkey hosts about 3.6 million Syrian refugees” on Thursday." in fixed
    change(client, uri, 2, fixed)
    p2 = await published(client, uri, 2)
    assert not [x for x in p2.diagnostics if x.message.startswith("CONTRADICTED")]
    assert any(text_at(fixed, x.range) == "about 3.6 million" and x.message.startswith("SUPPORTED")
               for x in p2.diagnostics)


async def test_code_action_adds_a_suppression_whose_reason_the_editor_writes(client: LanguageClient, workspace: Path):
    path = workspace / "plain" / "approximate.md"
    uri = open_doc(client, path, REFUGEES_MD, "markdown")
    p = await published(client, uri, 1)
    [d] = [x for x in by_code(p, "FC110") if x.message.startswith("APPROXIMATE")]
    actions = await client.text_document_code_action_async(t.CodeActionParams(
        t.TextDocumentIdentifier(uri), t.Range(d.range.start, d.range.start), t.CodeActionContext([])))
    assert [a.title for a in actions] == ["Accept FC110 here: add a suppression (write its reason)"]
    noted = apply(REFUGEES_MD, edits_of(actions[0], uri))
    assert ("Turkey has taken in about 3.7 million Syrian refugees since the war started. "
            '<!-- factcheck: ignore FC110 reason="" -->\n') in noted
    change(client, uri, 2, noted)
    p2 = await published(client, uri, 2)
    # no reason yet: the suppression does not take effect and says so
    [missing] = by_code(p2, "FC901")
    assert missing.severity == t.DiagnosticSeverity.Error and "without a reason" in missing.message
    assert text_at(noted, missing.range) == '<!-- factcheck: ignore FC110 reason="" -->'
    assert [x for x in by_code(p2, "FC110") if x.message.startswith("APPROXIMATE")]
    reasoned = noted.replace('reason=""', 'reason="DGMM figure, confirmed by phone 3 March"')
    change(client, uri, 3, reasoned)
    p3 = await published(client, uri, 3)
    assert not by_code(p3, "FC901") and not [x for x in by_code(p3, "FC110") if x.message.startswith("APPROXIMATE")]
    # the accepted figure still shows its evidence, and why it was accepted
    pos = t.Position(8, 25)
    h = await client.text_document_hover_async(t.HoverParams(t.TextDocumentIdentifier(uri), pos))
    assert h is not None
    assert "- **accepted:** DGMM figure, confirmed by phone 3 March (suppression)" in h.contents.value


async def test_html_places_and_suppressions_count_the_markup(client: LanguageClient, workspace: Path):
    html = ('<html><head><meta property="article:published_time" content="2020-02-20"></head><body><article>\n'
            '<p><b>Şanlıurfa</b> — Turkey has taken in <i>about 3.7 million</i> Syrian refugees.</p>\n'
            '</article></body></html>\n')
    uri = open_doc(client, workspace / "plain" / "page.html", html, "html")
    p = await published(client, uri, 1)
    [d] = by_code(p, "FC110")
    assert d.range.start.line == 1 and text_at(html, d.range) == "about 3.7 million"
    actions = await client.text_document_code_action_async(t.CodeActionParams(
        t.TextDocumentIdentifier(uri), d.range, t.CodeActionContext([d])))
    noted = apply(html, edits_of(actions[-1], uri)).replace('reason=""', 'reason="checked with DGMM"')
    assert '<i>about 3.7 million <!-- factcheck: ignore FC110 reason="checked with DGMM" --></i>' in noted
    change(client, uri, 2, noted)
    p2 = await published(client, uri, 2)
    assert not by_code(p2, "FC110") and not by_code(p2, "FC901") and not by_code(p2, "FC902")


async def test_typing_is_debounced_and_stale_versions_are_never_checked_or_published(
        client: LanguageClient, workspace: Path):
    path = workspace / "plain" / "typing.txt"
    base = "Turkey has taken in about 3.7 million Syrian refugees, the UN said on 2020-02-20.\n"
    uri = open_doc(client, path, base)
    await published(client, uri, 1)
    logs_before = len(client.log_messages)
    for v in range(2, 7):  # five keystrokes, quicker than the debounce (0.2 s)
        change(client, uri, v, base.replace("3.7", f"3.{v}"))
    p = await published(client, uri, 6)
    assert "3.6 million" not in p.diagnostics[0].message or p.diagnostics[0].message.startswith("SUPPORTED")
    await asyncio.sleep(0.5)  # anything late would have come by now
    versions = [x.version for x in client.published if x.uri == uri]  # type: ignore[attr-defined]
    assert versions == [1, 6]
    checked = [m.message for m in client.log_messages[logs_before:] if "typing.txt" in m.message]
    assert len(checked) == 1 and "version 6" in checked[0], checked


async def test_save_checks_at_once_and_close_clears(client: LanguageClient, workspace: Path):
    path = workspace / "plain" / "saved.txt"
    uri = open_doc(client, path, "Turkey has taken in about 3.7 million Syrian refugees, the UN said on 2020-02-20.\n")
    await published(client, uri, 1)
    n = len([x for x in client.published if x.uri == uri])  # type: ignore[attr-defined]
    client.text_document_did_save(t.DidSaveTextDocumentParams(t.TextDocumentIdentifier(uri)))
    loop = asyncio.get_running_loop()
    end = loop.time() + 30
    while len([x for x in client.published if x.uri == uri]) == n and loop.time() < end:  # type: ignore[attr-defined]
        await asyncio.sleep(0.02)
    assert len([x for x in client.published if x.uri == uri]) == n + 1  # type: ignore[attr-defined]
    client.text_document_did_close(t.DidCloseTextDocumentParams(t.TextDocumentIdentifier(uri)))
    end = loop.time() + 30
    while client.diagnostics.get(uri) and loop.time() < end:
        await asyncio.sleep(0.02)
    assert list(client.diagnostics[uri]) == []


async def test_a_date_that_does_not_exist_is_an_error_on_its_line(client: LanguageClient, workspace: Path):
    text = "---\ntitle: Refugees\ndate: 2024-02-30\n---\n\nTurkey hosts about 3.7 million Syrian refugees.\n"
    uri = open_doc(client, workspace / "plain" / "baddate.md", text, "markdown")
    p = await published(client, uri, 1)
    [d] = p.diagnostics
    assert d.severity == t.DiagnosticSeverity.Error and d.range.start.line == 2
    assert "'2024-02-30' is not a valid date (February 2024 has 29 days)" in d.message


async def test_a_draft_over_the_limits_is_one_error_and_the_server_goes_on(client: LanguageClient, workspace: Path):
    uri = open_doc(client, workspace / "plain" / "table.txt", "1 " * 50_001)
    p = await published(client, uri, 1)
    [d] = p.diagnostics
    assert d.severity == t.DiagnosticSeverity.Error
    assert d.message.endswith("more than 50,000 numbers in one document: this is a table of data, not copy to check")
    change(client, uri, 2, "Turkey has taken in about 3.7 million Syrian refugees, the UN said on 2020-02-20.\n")
    assert by_code(await published(client, uri, 2), "FC110")


async def test_utf8_and_utf32_position_encodings_when_the_client_offers_them(workspace: Path):
    """Emacs (eglot) offers utf-32 first: columns are code points; the whole life of a server:
    initialize, didOpen, publishDiagnostics, shutdown, exit (code 0)."""
    c = await config().start()
    try:
        result = await c.initialize_session(t.InitializeParams(
            capabilities=client_capabilities("emacs"),
            workspace_folders=[t.WorkspaceFolder((workspace / "plain").as_uri(), "plain")]))
        assert result.capabilities.position_encoding == t.PositionEncodingKind.Utf32
        uri = open_doc(c, workspace / "plain" / "utf32.md", REFUGEES_MD, "markdown")
        p = await published(c, uri, 1, timeout=FIRST)
        [d] = [x for x in by_code(p, "FC110") if x.message.startswith("CONTRADICTED")]
        line = REFUGEES_MD.split("\n")[6]
        assert d.range.start.character == line.index("more than 5 million")
        assert d.range.end.character == line.index("more than 5 million") + len("more than 5 million")
        await c.shutdown_session()
        assert c._server is not None and c._server.returncode == 0
    finally:
        await c.stop()
