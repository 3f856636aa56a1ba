"""How factcheck frames claims about World Development Indicators: right indicator, right country.

usage: python benchmarks/indicator_framing.py [--set FILE] [--json] [--cli] [--no-cases]

Checks every sentence of ``benchmarks/indicator_framing/sentences.yaml`` (written for this
measurement, not tuned to the rules) as of its publication date, in one process through the API
``factcheck check`` uses (``Checker`` and the JSON report's finding dicts), or with ``--cli`` in
one ``factcheck check -f json`` run over a folder of the sentences (each file named with its date).
For each expected figure it takes the metric findings whose claim span overlaps the figure. A
figure's expected series is its ``indicator``, or for the five series of the issue's list that
wdi_full lacks (health expenditure, GDP at PPP, youth unemployment, internet users) its
``measures``: framed as that series it is framed right, though no data can judge it.

A figure is *framed as* an indicator when a metric rule judged it against that series: the claim
has a metric and no ``reason`` (a claim with a reason was recognised but held back: not judged, so
no alarm can come of it; counted apart as "held back"). The series is the claim's ``reference``
indicator; without one, the seven shipped legacy metrics map to their WDI codes and anything else
falls back to the evidence's indicator, then to the metric name. Lower-case WDI codes are upper-cased.

Reported per family (the seven the team keeps apart), per indicator and overall:

- precision: judged claims framed as the indicator that are the expected indicator AND country, over
  every claim framed as it (a framing of a figure the set does not list counts as wrong);
- recall: expected positives (a code and a country) framed right, over expected positives;
- hard negatives (figures of a family's sentences that are not its indicator: another series, a
  part of a country, the world, a forecast, a target...): how many were framed as the family's
  indicator (the false-alarm risk), and how many were judged as anything other than expected;
- the verdicts of the rightly framed positives (for information), and each alarm among them
  (contradicted or approximate: a real gap in the copy, or a period misread; periods are not graded);
- every miss and misframe, with the sentence. ``--json`` prints all of it as one object.

Exit 0 whatever the scores; 2 (one line, no traceback) when the set cannot be read.
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import subprocess
import sys
import tempfile
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
SET = ROOT / "benchmarks" / "indicator_framing" / "sentences.yaml"

#: The families the issue names, each with the WDI series that are that family (upper case).
#: Health expenditure (SH.XPD.CHEX.GD.ZS, SH.XPD.CHEX.PC.CD) is not among the 325 series of
#: wdi_full: its figures name the series under ``measures`` (see the set's header).
FAMILIES: dict[str, tuple[str, ...]] = {
    "life_expectancy": ("SP.DYN.LE00.IN",),
    "fertility": ("SP.DYN.TFRT.IN",),
    "health_spending": ("SH.XPD.CHEX.GD.ZS", "SH.XPD.CHEX.PC.CD"),
    "gni_ppp": ("NY.GNP.MKTP.PP.CD", "NY.GNP.PCAP.PP.CD"),
    "population_growth": ("SP.POP.GROW",),
    "undernourishment": ("SN.ITK.DEFC.ZS",),
    "freshwater": ("ER.H2O.INTR.PC",),
}
#: The rest of the issue's list (issue 12), for the "issue list" subtotal.
ISSUE_LIST: frozenset[str] = frozenset({
    *(c for codes in FAMILIES.values() for c in codes),
    "SP.DYN.IMRT.IN", "SH.DYN.MORT", "SH.STA.MMRT", "SP.URB.TOTL.IN.ZS", "EN.ATM.CO2E.KT",
    "EN.ATM.CO2E.PC", "EG.USE.PCAP.KG.OE", "EG.ELC.ACCS.ZS", "EG.FEC.RNEW.ZS", "AG.LND.FRST.ZS",
    "NY.GNP.ATLS.CD", "NY.GNP.PCAP.CD", "NY.GDP.PCAP.PP.CD", "NE.EXP.GNFS.ZS", "NE.IMP.GNFS.ZS",
    "BX.KLT.DINV.CD.WD", "BX.TRF.PWKR.CD.DT", "DT.DOD.DECT.CD", "GC.DOD.TOTL.GD.ZS", "GC.TAX.TOTL.GD.ZS",
    "MS.MIL.XPND.GD.ZS", "MS.MIL.XPND.ZS", "SE.XPD.TOTL.GD.ZS", "SI.POV.DDAY", "SI.POV.NAHC",
    "SI.POV.GINI", "SE.ADT.LITR.ZS", "SE.PRM.ENRR", "SE.SEC.ENRR", "SE.TER.ENRR", "SL.UEM.1524.FE.ZS",
    "SL.UEM.1524.MA.ZS", "SL.TLF.CACT.FE.ZS", "IT.CEL.SETS.P2", "SG.GEN.PARL.ZS",
    # in the issue's list, not among wdi_full's 325 (the set names them under `measures`)
    "NY.GDP.MKTP.PP.CD", "SL.UEM.1524.ZS", "IT.NET.USER.ZS",
})
#: The shipped metrics that predate per-series reference names, and their WDI series.
LEGACY: dict[str, str] = {
    "population": "SP.POP.TOTL",
    "gdp_usd": "NY.GDP.MKTP.CD",
    "gdp_per_capita_usd": "NY.GDP.PCAP.CD",
    "gdp_per_capita": "NY.GDP.PCAP.CD",
    "gdp_growth": "NY.GDP.MKTP.KD.ZG",
    "inflation_cpi": "FP.CPI.TOTL.ZG",
    "inflation": "FP.CPI.TOTL.ZG",
    "unemployment_rate": "SL.UEM.TOTL.ZS",
}
_WDI_CODE = re.compile(r"^[A-Za-z]{2,3}(?:\.[A-Za-z0-9]+){1,5}$")
VERDICTS = ("supported", "approximate", "contradicted", "unverifiable", "inconsistent")


class SetError(Exception):
    """The sentence set cannot be read: one line naming the file and place."""


# ----------------------------------------------------------------------------- the set
def locate(text: str, figure: str) -> list[int]:
    """Offsets where ``figure`` occurs in ``text`` as a whole figure (not inside a longer number
    or word: "2.1%" is not found in "12.1%")."""
    out = []
    start = text.find(figure)
    while start >= 0:
        before = text[start - 1] if start else " "
        end = start + len(figure)
        after = text[end] if end < len(text) else " "
        inside_number = (before.isalnum() or (before in ".," and start > 1 and text[start - 2].isdigit())) \
            if figure[:1].isalnum() else False
        runs_on = after.isdigit() or (after in ".," and end + 1 < len(text) and text[end + 1].isdigit()) \
            if figure[-1:].isalnum() else False
        if not inside_number and not runs_on and not (figure[-1:].isalpha() and after.isalpha()):
            out.append(start)
        start = text.find(figure, start + 1)
    return out


def load_set(path: Path) -> list[dict[str, Any]]:
    import yaml

    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as err:
        raise SetError(f"{path}: {str(err).splitlines()[0]}") from None
    if not isinstance(data, dict) or not isinstance(data.get("sentences"), list):
        raise SetError(f"{path}: expected a mapping with a 'sentences' list")
    out = []
    for i, s in enumerate(data["sentences"]):
        where = f"{path}: sentences[{i}]"
        if not isinstance(s, dict) or not {"id", "text", "as_of", "expect"} <= set(s):
            raise SetError(f"{where}: needs id, text, as_of and expect")
        as_of = s["as_of"]
        if not isinstance(as_of, dt.date):
            try:
                as_of = dt.date.fromisoformat(str(as_of))
            except ValueError:
                raise SetError(f"{where} ({s['id']}): as_of {s['as_of']!r} is not a date") from None
        expects = []
        for j, e in enumerate(s["expect"] or []):
            if not isinstance(e, dict) or "figure" not in e:
                raise SetError(f"{where}.expect[{j}] ({s['id']}): needs figure, indicator, country")
            at = locate(s["text"], str(e["figure"]))
            if len(at) != 1:
                raise SetError(f"{where}.expect[{j}] ({s['id']}): figure {e['figure']!r} occurs {len(at)} times "
                               "in the text")
            # the series it states: a shipped one, else one of the issue's list wdi_full lacks
            ind = e.get("indicator") or e.get("measures")
            expects.append({"figure": str(e["figure"]), "start": at[0], "end": at[0] + len(str(e["figure"])),
                            "indicator": ind.upper() if ind else None, "country": e.get("country"),
                            "unshipped": bool(e.get("measures")) and not e.get("indicator"),
                            "note": e.get("note")})
        out.append({"id": s["id"], "family": s.get("family", "other"), "text": s["text"],
                    "as_of": as_of, "expect": expects})
    return out


# ----------------------------------------------------------------------------- running factcheck
def run_api(items: list[dict[str, Any]]) -> list[list[dict[str, Any]]]:
    """Each sentence checked in this process: the finding dicts of the JSON report."""
    if str(ROOT) not in sys.path:
        sys.path.append(str(ROOT))   # after PYTHONPATH: another checkout can be measured with it
    from factcheck.errors import FactcheckError
    from factcheck.pipeline import Checker
    from factcheck.report.json_report import finding_dict

    out = []
    try:
        checker = Checker()
        for s in items:
            doc = checker.check_text(s["text"], as_of=s["as_of"], path=f"{s['id']}.txt")
            out.append([finding_dict(f, doc) for f in doc.findings])
    except FactcheckError as err:
        raise SetError(f"factcheck: {str(err).splitlines()[0]}") from None
    return out


def run_cli(items: list[dict[str, Any]]) -> list[list[dict[str, Any]]]:
    """One ``factcheck check -f json`` over a folder of the sentences, each file named with its
    date so that the file name gives the as_of."""
    exe = ROOT / ".venv" / "bin" / "factcheck"
    with tempfile.TemporaryDirectory() as tmp:
        names = []
        for n, s in enumerate(items):
            name = f"s{n:04d}_{s['as_of'].isoformat()}.txt"
            (Path(tmp) / name).write_text(s["text"] + "\n", encoding="utf-8")
            names.append(name)
        proc = subprocess.run([str(exe if exe.exists() else "factcheck"), "check", ".", "-f", "json", "--exit-zero"],
                              cwd=tmp, capture_output=True, text=True)
        if proc.returncode != 0:
            raise SetError(f"factcheck check exited {proc.returncode}: {proc.stderr.strip().splitlines()[-1:]}")
        report = json.loads(proc.stdout)
    by_name = {Path(d["path"]).name: d for d in report["documents"]}
    out = []
    for s, name in zip(items, names):
        d = by_name[name]
        if d.get("as_of") != s["as_of"].isoformat():
            raise SetError(f"{s['id']}: factcheck read the date {d.get('as_of')} from {name}, not {s['as_of']}")
        out.append(d["findings"])
    return out


# ----------------------------------------------------------------------------- scoring
def framed_code(f: dict[str, Any]) -> str | None:
    """The series a metric finding judges its claim against (upper-case WDI code, or
    'metric:<name>' for a non-WDI metric); None for a finding of no metric rule."""
    claim = f.get("claim") or {}
    metric = claim.get("metric")
    if not metric:
        return None
    ref = claim.get("reference") or f.get("reference")
    ind = ref.get("indicator") if isinstance(ref, dict) else None
    if ind and ind in LEGACY:
        return LEGACY[ind]
    if not ind:
        if metric in LEGACY:
            return LEGACY[metric]
        ind = (f.get("evidence") or {}).get("indicator") or metric
        if ind in LEGACY:
            return LEGACY[ind]
    if _WDI_CODE.match(ind) and "." in ind:
        return ind.upper()
    return f"metric:{metric}"


def outcome(e: dict[str, Any], found: list[dict[str, Any]]) -> dict[str, Any]:
    """What factcheck made of one expected figure: the overlapping metric findings, judged or held."""
    over = [f for f in found if f["claim"]["start"] < e["end"] and e["start"] < f["claim"]["end"]]
    judged = [(framed_code(f), f) for f in over if framed_code(f) and not f["claim"].get("reason")]
    held = [(framed_code(f), f) for f in over if framed_code(f) and f["claim"].get("reason")]
    right = [f for code, f in judged if code == e["indicator"] and f["claim"].get("subject") == e["country"]]
    if right:
        status, f = "right", right[0]
    elif judged:
        status, f = "misframed", judged[0][1]
    elif held:
        status, f = "held back", held[0][1]
    else:
        status, f = "not framed", (over[0] if over else None)
    return {
        "status": status,
        "code": framed_code(f) if f else None,
        "subject": (f["claim"].get("subject") if f else None),
        "rule": f["rule"] if f else None,
        "verdict": f["verdict"] if f else None,
        "message": f.get("message") if f else None,
        "reason": (f["claim"].get("reason") if f else None),
        "judged": [(c, g["claim"].get("subject")) for c, g in judged],
    }


def score(items: list[dict[str, Any]], findings: list[list[dict[str, Any]]]) -> dict[str, Any]:
    cases = []
    unexpected = []
    for s, found in zip(items, findings):
        for e in s["expect"]:
            cases.append({"id": s["id"], "family": s["family"], "text": s["text"], "as_of": s["as_of"].isoformat(),
                          "figure": e["figure"], "indicator": e["indicator"], "country": e["country"],
                          "unshipped": e.get("unshipped", False), "note": e["note"], **outcome(e, found)})
        for f in found:
            code = framed_code(f)
            if code is None or f["claim"].get("reason"):
                continue
            c = f["claim"]
            if not any(c["start"] < e["end"] and e["start"] < c["end"] for e in s["expect"]):
                unexpected.append({"id": s["id"], "family": s["family"], "text": s["text"], "figure": c["text"],
                                   "code": code, "subject": c.get("subject"), "rule": f["rule"],
                                   "verdict": f["verdict"]})

    def positive(c: dict[str, Any]) -> bool:
        return bool(c["indicator"] and c["country"])

    # every judged framing, by the code it was framed as: (right?, case or unexpected)
    framings: dict[str, list[bool]] = defaultdict(list)
    for c in cases:
        for code, subject in c["judged"]:
            framings[code].append(code == c["indicator"] and subject == c["country"])
    for u in unexpected:
        framings[u["code"]].append(False)

    def pr(codes: set[str] | frozenset[str], pool: list[dict[str, Any]]) -> dict[str, Any]:
        pos = [c for c in pool if positive(c) and c["indicator"] in codes]
        hits = [c for c in pos if c["status"] == "right"]
        framed = [ok for code in codes for ok in framings.get(code, [])]
        return {"positives": len(pos), "recalled": len(hits), "recall": _ratio(len(hits), len(pos)),
                "framed": len(framed), "framed_right": sum(framed), "precision": _ratio(sum(framed), len(framed)),
                "held_back": sum(1 for c in pos if c["status"] == "held back"),
                "verdicts": dict(Counter(c["verdict"] for c in hits))}

    families = {}
    for fam, codes in FAMILIES.items():
        row = pr(set(codes), cases)
        negs = [c for c in cases if c["family"] == fam and c["indicator"] not in codes]
        as_family = [c for c in negs if any(code in codes for code, _ in c["judged"])]
        other = [c for c in negs if c["status"] == "misframed" and c not in as_family]
        row.update({"hard_negatives": len(negs), "framed_as_family": len(as_family),
                    "misframed_otherwise": len(other),
                    "negatives_held_back": sum(1 for c in negs if c["status"] == "held back")})
        families[fam] = row

    codes_seen = sorted({c["indicator"] for c in cases if positive(c)} | set(framings))
    indicators = {code: pr({code}, cases) for code in codes_seen}
    all_codes = set(codes_seen)
    negatives = [c for c in cases if not positive(c)]
    overall = pr(all_codes, cases)
    overall.update({"negatives": len(negatives),
                    "negatives_misframed": sum(1 for c in negatives if c["status"] == "misframed"),
                    "unexpected_framings": len(unexpected)})
    issue = pr(ISSUE_LIST, cases)
    return {"sentences": len(items), "figures": len(cases), "families": families, "issue_list": issue,
            "overall": overall, "indicators": indicators,
            "misses": [c for c in cases if positive(c) and c["status"] != "right"],
            "misframes": [c for c in cases if not positive(c) and c["status"] == "misframed"],
            "alarms": [c for c in cases if positive(c) and c["status"] == "right"
                       and c["verdict"] in ("contradicted", "inconsistent", "approximate")],
            "unexpected": unexpected}


def _ratio(a: int, b: int) -> float | None:
    return round(a / b, 3) if b else None


# ----------------------------------------------------------------------------- output
def _pct(x: float | None) -> str:
    return "   n/a" if x is None else f"{x:6.3f}"


def render(res: dict[str, Any], cases: bool = True) -> str:
    o = res["overall"]
    lines = [f"{res['sentences']} sentences, {res['figures']} expected figures ({o['positives']} positives, "
             f"{o['negatives']} that must not be judged as listed)", ""]
    head = (f"{'family':<18} {'recall':>14} {'precision':>16} {'held':>5} {'hard neg':>9} {'as family':>10} "
            f"{'other':>6}  verdicts of the right")
    lines += [head, "-" * len(head)]
    for fam, r in res["families"].items():
        lines.append(f"{fam:<18} {r['recalled']:>3}/{r['positives']:<3}{_pct(r['recall'])} "
                     f"{r['framed_right']:>4}/{r['framed']:<4}{_pct(r['precision'])} {r['held_back']:>5} "
                     f"{r['hard_negatives']:>9} {r['framed_as_family']:>10} {r['misframed_otherwise']:>6}  "
                     + _verdicts(r["verdicts"]))
    for name, r in (("issue list (~40)", res["issue_list"]), ("all WDI series", res["overall"])):
        lines.append(f"{name:<18} {r['recalled']:>3}/{r['positives']:<3}{_pct(r['recall'])} "
                     f"{r['framed_right']:>4}/{r['framed']:<4}{_pct(r['precision'])} {r['held_back']:>5} "
                     f"{'':>9} {'':>10} {'':>6}  " + _verdicts(r["verdicts"]))
    lines.append("(health spending, GDP at PPP, youth unemployment and internet users are not among WDI's 325 "
                 "series: framed right, such a figure can only be unverifiable)")
    lines += ["", f"figures that must not be judged as anything but listed: {o['negatives']}, judged otherwise: "
              f"{o['negatives_misframed']}; framings of figures the set does not list: {o['unexpected_framings']}", "",
              "per indicator (positives recalled, framings right):"]
    for code, r in res["indicators"].items():
        if r["positives"] or r["framed"]:
            flag = "" if code in ISSUE_LIST else "  (not in the issue's list)"
            lines.append(f"  {code:<20} recall {r['recalled']:>2}/{r['positives']:<2} precision "
                         f"{r['framed_right']:>2}/{r['framed']:<2}{flag}")
    if cases:
        lines += ["", f"misses ({len(res['misses'])}): expected positives not framed right"]
        lines += [_case(c) for c in res["misses"]]
        lines += ["", f"misframes ({len(res['misframes'])}): figures judged as what they are not"]
        lines += [_case(c) for c in res["misframes"]]
        lines += ["", f"alarms on figures framed right ({len(res['alarms'])}): a gap in the copy, or a period "
                  "misread (the set does not grade periods)"]
        lines += [f"  [{c['id']}] {c['figure']!r}: {c['verdict']}: {c['message']}\n      {c['text']}"
                  for c in res["alarms"]]
        lines += ["", f"framings of figures the set does not list ({len(res['unexpected'])})"]
        lines += [f"  [{u['id']}] {u['figure']!r} judged as {u['code']} {u['subject']} ({u['rule']}, {u['verdict']})\n"
                  f"      {u['text']}" for u in res["unexpected"]]
    return "\n".join(lines) + "\n"


def _verdicts(v: dict[str, int]) -> str:
    return " ".join(f"{k[:4]} {v[k]}" for k in VERDICTS if v.get(k))


def _case(c: dict[str, Any]) -> str:
    want = f"{c['indicator'] or 'nothing'} {c['country'] or ''}".strip()
    if c["status"] == "misframed" or c["status"] == "right":
        got = f"judged as {c['code']} {c['subject']} ({c['rule']}, {c['verdict']})"
    elif c["status"] == "held back":
        got = f"held back as {c['code']} ({c['rule']}): {c['reason']}"
    else:
        got = f"not framed ({c['rule'] or 'no finding'})"
    note = f" [{c['note']}]" if c.get("note") else ""
    return f"  [{c['id']}] {c['figure']!r}: want {want}{note}; {got}\n      {c['text']}"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--set", type=Path, default=SET, help="the sentence set (YAML)")
    ap.add_argument("--json", action="store_true", help="print the results as one JSON object")
    ap.add_argument("--cli", action="store_true", help="run the factcheck command once over a folder, not the API")
    ap.add_argument("--no-cases", action="store_true", help="the tables only, not every miss and misframe")
    args = ap.parse_args(argv)
    try:
        items = load_set(args.set)
        findings = run_cli(items) if args.cli else run_api(items)
    except SetError as err:
        print(f"indicator_framing: error: {err}", file=sys.stderr)
        return 2
    res = score(items, findings)
    if args.json:
        for c in res["misses"] + res["misframes"] + res["alarms"]:
            c.pop("judged", None)
        print(json.dumps(res, ensure_ascii=False, indent=1))
    else:
        sys.stdout.write(render(res, cases=not args.no_cases))
    return 0


if __name__ == "__main__":
    sys.exit(main())
