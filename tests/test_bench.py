"""The build benchmark keeps working (its numbers are not asserted)."""

from __future__ import annotations

import sys
from pathlib import Path

from conftest import ROOT
from kitoutils.intake.loader import load_kit

sys.path.insert(0, str(ROOT))

from bench import run  # noqa: E402


def test_benchmark_runs_at_ten_sheets(tmp_path: Path, capsys):
    result = run.run_size(10, 1, tmp_path)
    for key in ("build_baseline", "build_ours", "build_ours_no_downloads", "build_ours_cold",
                "rebuild_baseline", "rebuild_ours", "validate", "bare_parse"):
        assert result[key] > 0, key
    # Both variants built the same ten sheets: the real kit's, then synthetic ones.
    kit = load_kit(tmp_path / "ours" / "kit")
    assert len(kit.fiches) == 10 and {"pilotage", "fiche-0001"} <= {f.id for f in kit.fiches}
    for variant in ("ours", "baseline"):
        pages = sorted(p.parent.name for p in (tmp_path / f"site-{variant}-build" / "fiches").glob("*/index.html"))
        assert pages == sorted(f.id for f in kit.fiches)
    # The cold default build made each sheet's files once (its PDF, each checklist
    # in five formats), in one generation: its offline copy made none.
    assert result["generated_cold"] == [sum(1 + 5 * len(f.checklists()) for f in kit.fiches)]
    assert result["peak_workers_cold"] > 0
    section = run.report([result], "python bench/run.py --sizes 10 --runs 1", offline=[55])
    assert section.startswith(run.BEGIN) and section.endswith(run.END)
    assert "\n| 10 | " in section
    assert "| 0 sur 55 |" in section
    # When and beside what it ran: the date and the machine's load.
    assert f"- à N = 10 : mesuré à partir du {result['started']}, charge " in section
    # The targets' rows appear for the sizes they are about (the same figures, relabelled).
    rows = "\n".join(run.targets([dict(result, count=150), dict(result, count=1000)], None))
    assert "| N = 150, la même relancée (cache chaud) |" in rows and "| ≤ 1,2× |" in rows


def test_report_replaces_only_its_own_section(tmp_path: Path, monkeypatch):
    report = tmp_path / "BENCHMARKS.md"
    report.write_text(f"# Mesures\n\n{run.BEGIN}\nancien\n{run.END}\n\n## Autre section\n", encoding="utf-8")
    monkeypatch.setattr(run, "REPORT", report)
    run.write_report(f"{run.BEGIN}\nnouveau\n{run.END}")
    text = report.read_text(encoding="utf-8")
    assert "nouveau" in text and "ancien" not in text and "## Autre section" in text


def test_adversarial_benchmark_runs_and_reports_each_case():
    from bench import adversarial

    results = adversarial.run(1, field_size=2_000)
    assert set(results) == set(adversarial.cases(2_000))
    for name, result in results.items():
        assert result["verify"] > 0 and result["parse"] > 0, name
    # Near 1 MB, a field is refused on its length, before any parsing.
    assert results["1 Mo de « [ »"]["outcome"].startswith("refusée (texte trop long")
    section = adversarial.report(results, "python bench/adversarial.py --runs 1")
    assert section.startswith(adversarial.BEGIN) and section.endswith(adversarial.END)
