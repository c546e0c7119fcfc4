"""The importer learning from corrected editions (issue 16): tune on some, score on others held back.

    python bench/run.py learn

- 都市快报 (one shared edition, 16 pages, the truth made into edition JSON by truth_to_edition.py,
  as editors would have corrected it): tuned on its A pages and scored on its B pages, and the
  reverse; then four folds, each tuned on twelve pages and scored on the four held back; and, for
  what a paper's first day teaches its next, tuned on the whole edition and scored on it (seen);
- People's Daily (three dates): tuned on one date, scored on the other two, each date in turn;
- each weight and threshold of the profile alone at ×0.5, ×0.75, ×1.5 and ×2, every page of both
  papers scored: whether any number the tuner could fit gains anything on these pages;
- the time to tune on ten editions (the 都市快报 edition ten times, a new date each: its 160 pages
  are parsed every round, as ten real editions would be).

Scores are the core scorer's (`importer.core.learn.score`, the shared scorers' measures) and, for
都市快报, the shared score_pages.py on the same pages. The baseline is the default profile in the
same run. Tuning here is `tune(…, holdout=0)` on the part it learns from: the held-back part is
the bench's own.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from common import PY, ROOT, save, table

FIXTURES = ROOT / "tests" / "fixtures"
DSKB = FIXTURES / "corpus-dskb" / "2026-03-28"
RMRB = FIXTURES / "corpus"
TRUTH_TO_EDITION = FIXTURES / "parser" / "truth_to_edition.py"
SCORE_PAGES = FIXTURES / "parser" / "score_pages.py"
FOLDS = 4


def _dskb_lesson():
    from importer.core.learn.tune import Lesson

    published = json.loads(
        subprocess.run(
            [PY, str(TRUTH_TO_EDITION), str(DSKB / "truth.json")], capture_output=True, text=True, check=True
        ).stdout
    )
    pages = tuple((path.stem, path.read_text(encoding="utf-8-sig")) for path in sorted(DSKB.glob("*.txt")))
    return Lesson("2026-03-28", pages, published)


def _rmrb_lessons():
    from importer.core.learn.truths import peoples_daily_edition
    from importer.core.learn.tune import Lesson

    out = []
    for folder in sorted(path for path in RMRB.iterdir() if path.is_dir()):
        truth = json.loads((folder / "truth.json").read_text(encoding="utf-8"))
        pages = tuple((p.stem, p.read_text(encoding="utf-8-sig")) for p in sorted(folder.glob("*.txt")))
        out.append(Lesson(folder.name, pages, peoples_daily_edition(truth)))
    return out


def _shared_score(lesson, profile) -> float:
    """score_pages.py on the lesson's pages (the truth cut to them)."""
    from importer.core.learn.texts import page_key
    from importer.core.learn.tune import Evaluator

    truth = json.loads((DSKB / "truth.json").read_text(encoding="utf-8"))
    keys = {page_key(label) for label, _text in lesson.pages}
    truth["pages"] = [page for page in truth["pages"] if page_key(page["label"]) in keys]
    parsed = Evaluator.parse(lesson, profile)
    with tempfile.TemporaryDirectory() as folder:
        truth_path, parsed_path = Path(folder) / "truth.json", Path(folder) / "edition.json"
        truth_path.write_text(json.dumps(truth, ensure_ascii=False), encoding="utf-8")
        parsed_path.write_text(json.dumps(parsed, ensure_ascii=False), encoding="utf-8")
        out = subprocess.run(
            [PY, str(SCORE_PAGES), str(truth_path), str(parsed_path)], capture_output=True, text=True
        )
    return float(out.stdout.strip().splitlines()[-1].split()[-1])


def _tuned(learn, check):
    from importer.core.learn.tune import Evaluator, tune
    from importer.core.profile import DEFAULT

    started, cpu = time.perf_counter(), time.process_time()
    tuning = tune(learn, DEFAULT, holdout=0, seed=0)
    seconds = time.perf_counter() - started
    tuning.cpu_seconds = time.process_time() - cpu
    evaluator = Evaluator()
    before, after = evaluator.score(DEFAULT, check), evaluator.score(tuning.profile, check)
    return tuning, before, after, seconds


def _changes(tuning) -> str:
    learned = [f"{p.field} {p.value}" for p in tuning.learned]
    learned += [f"{name} {before:g}→{after:g}" for name, (before, after) in tuning.weights.items()]
    return "; ".join(learned) or "nothing"


def _dskb_row(name, dskb, learn_labels, check_labels):
    from importer.core.profile import DEFAULT

    learn, check = [dskb.only(learn_labels)], [dskb.only(check_labels)]
    tuning, before, after, seconds = _tuned(learn, check)
    shared = (_shared_score(check[0], DEFAULT), _shared_score(check[0], tuning.profile))
    data = {
        "fold": name,
        "learned_from": learn_labels,
        "held_back": check_labels,
        "before": before.value,
        "after": after.value,
        "shared_before": shared[0],
        "shared_after": shared[1],
        "seconds": seconds,
        "learned": [p.to_dict() for p in tuning.learned],
        "weights": tuning.weights,
    }
    row = (
        "都市快报",
        name,
        f"{before.value:.3f}",
        f"{after.value:.3f}",
        f"{shared[0]:.3f} → {shared[1]:.3f}",
        _changes(tuning),
        f"{seconds:.1f}",
    )
    return data, row


SWEEP = (0.5, 0.75, 1.5, 2.0)


def _numbers_sweep(dskb, rmrb) -> dict:
    """Every weight and threshold of the profile alone at half, three quarters, 1.5 and twice its
    default, each page of both papers scored: how many changes gain a check on some page, and the
    best net change (checks gained less checks lost) on each paper."""
    from importer.core.learn.tune import Evaluator
    from importer.core.profile import DEFAULT

    evaluator = Evaluator()
    corpora = {"都市快报": [dskb], "人民日报": rmrb}
    base = {name: evaluator.page_passes(DEFAULT, lessons) for name, lessons in corpora.items()}
    tried, gaining, best = 0, [], {name: (0, "") for name in corpora}
    for name, value in DEFAULT.numbers().items():
        for factor in SWEEP:
            changed = round(value * factor, 4) if isinstance(value, float) else max(1, round(value * factor))
            if changed == value:
                continue
            tried += 1
            profile = DEFAULT.with_numbers({name: changed})
            for paper, lessons in corpora.items():
                gains = [
                    a - b for a, b in zip(evaluator.page_passes(profile, lessons), base[paper], strict=True)
                ]
                if any(gain > 0 for gain in gains):
                    gaining.append(f"{name} {value:g}→{changed:g} ({paper} {sum(gains):+d})")
                if sum(gains) > best[paper][0]:
                    best[paper] = (sum(gains), f"{name} {value:g}→{changed:g}")
    print(
        f"\nEach of the profile's numbers alone ×{'/'.join(map(str, SWEEP))} ({tried} profiles, every page):"
    )
    print(f"changes that gain a check on some page: {', '.join(gaining) or 'none'}")
    for paper, (net, change) in best.items():
        print(f"best net change on {paper}: {f'{net:+d} checks ({change})' if net else 'none gains'}")
    return {"tried": tried, "gaining": gaining, "best": {paper: list(pair) for paper, pair in best.items()}}


def bench_learn(args):
    sys.path.insert(0, str(ROOT))
    data = {"dskb": [], "rmrb": []}
    rows = []
    dskb = _dskb_lesson()
    labels = [label for label, _text in dskb.pages]
    a_pages = [x for x in labels if x.startswith("A")]
    b_pages = [x for x in labels if x.startswith("B")]
    folds = [("A → B", a_pages, b_pages), ("B → A", b_pages, a_pages)]
    for fold in range(FOLDS):
        held = labels[fold::FOLDS]
        folds.append((f"rest → {' '.join(held)}", [x for x in labels if x not in held], held))
    folds.append(("all → all (seen)", labels, labels))
    for name, learn_labels, check_labels in folds:
        found, row = _dskb_row(name, dskb, learn_labels, check_labels)
        data["dskb"].append(found)
        rows.append(row)
    rmrb = _rmrb_lessons()
    for index, lesson in enumerate(rmrb):
        others = [x for i, x in enumerate(rmrb) if i != index]
        tuning, before, after, seconds = _tuned([lesson], others)
        name = f"{lesson.date} → {', '.join(x.date for x in others)}"
        data["rmrb"].append({"fold": name, "before": before.value, "after": after.value, "seconds": seconds})
        rows.append(
            (
                "人民日报",
                name,
                f"{before.value:.3f}",
                f"{after.value:.3f}",
                "",
                _changes(tuning),
                f"{seconds:.1f}",
            )
        )
    print("\n### Tuned on one part, scored on the part held back (before = the default profile)\n")
    print(
        table(
            ["paper", "learned from → scored on", "before", "after", "score_pages.py", "learned", "tuning s"],
            rows,
        )
    )

    data["numbers"] = _numbers_sweep(dskb, rmrb)

    from importer.core.learn.tune import Lesson

    ten = [
        Lesson(f"2026-03-{day:02d}", dskb.pages, {**dskb.published, "date": f"2026-03-{day:02d}"})
        for day in range(1, 11)
    ]
    tuning, _before, _after, seconds = _tuned(ten, ten[:1])
    data["ten_editions_seconds"] = seconds
    data["ten_editions_cpu_seconds"] = tuning.cpu_seconds
    print(f"\nTuning on ten 16-page editions: {seconds:.1f} s wall clock, {tuning.cpu_seconds:.1f} s CPU")
    save("learn", data)
