"""The label's text cut into runs, each run carrying the findings that cover it, so that the page
marks exactly the words each finding is about (server-rendered, no script needed)."""

from dataclasses import dataclass, field

SEVERITY_RANK = {"info": 0, "warning": 1, "error": 2}


@dataclass
class Run:
    text: str
    findings: list[int] = field(default_factory=list)  # numbers of the findings, from 1
    severity: str = ""
    clauses: list[str] = field(default_factory=list)


def runs(text: str, findings: list[dict], field_name: str) -> list[Run]:
    """``findings`` as the review gives them (dicts, numbered by their place from 1)."""
    spans = [
        (f["start"], f["end"], number, f)
        for number, f in enumerate(findings, start=1)
        if f["field"] == field_name and f["start"] is not None
    ]
    cuts = sorted({0, len(text), *(s for s, _e, _n, _f in spans), *(e for _s, e, _n, _f in spans)})
    result = []
    for start, end in zip(cuts, cuts[1:], strict=False):
        covering = [(n, f) for s, e, n, f in spans if s <= start and end <= e]
        run = Run(text[start:end])
        if covering:
            run.findings = [n for n, _f in covering]
            run.severity = max((f["severity"] for _n, f in covering), key=SEVERITY_RANK.get)
            run.clauses = sorted({f["clause"] for _n, f in covering})
        result.append(run)
    return result


def numbered(findings: list[dict]) -> list[dict]:
    return [{**f, "number": number} for number, f in enumerate(findings, start=1)]
