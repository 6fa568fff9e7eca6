"""Score an actions frame against the gold CSVs with the project's copy of the shared scorer."""

from __future__ import annotations

import sys
from pathlib import Path

import pandas as pd

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import score_actions as S  # noqa: E402


def score(pred_dir: Path, gold_files: list[Path], dates: Path | None = None) -> dict[str, float]:
    """The scorer's summary numbers (recall, precision, f1, id, owner, due, ambiguous_flagged, dates)."""
    gold = S.load_gold(gold_files)
    pred = S.load_pred(pred_dir)
    truth = S.load_dates(dates) if dates else None
    tot: dict[str, int] = dict(gold=0, pred=0, found=0, id_n=0, id_ok=0, text_ok=0, owner_n=0, owner_ok=0,
                               due_n=0, due_ok=0, amb_n=0, amb_flagged=0, dates_n=0, dates_ok=0)
    for d in sorted(gold["doc"].unique()):
        gd = gold[gold["doc"] == d].reset_index(drop=True)
        pdd = pred[pred["doc"] == d].reset_index(drop=True)
        tot["gold"] += len(gd)
        tot["pred"] += len(pdd)
        for a, b, s in S.pair_doc(gd, pdd):
            g, p = gd.iloc[a], pdd.iloc[b]
            tot["found"] += 1
            tot["text_ok"] += bool(s >= 90)
            if g["action_id"]:
                tot["id_n"] += 1
                tot["id_ok"] += S.norm_id(g["action_id"]) == S.norm_id(p["action_id"])
            if g.get("ambiguous", "") == "Y":
                tot["amb_n"] += 1
                tot["amb_flagged"] += bool(p["flagged"])
                continue
            tot["owner_n"] += 1
            tot["owner_ok"] += S.norm_owner(g["owner"]) == S.norm_owner(p["owner"])
            tot["due_n"] += 1
            tot["due_ok"] += S.norm_due(g["due"]) == S.norm_due(p["due"])
            gdue = S.collapse_ws(g.get("due", ""))
            if truth is not None and gdue and (d, gdue) in truth:
                tot["dates_n"] += 1
                tot["dates_ok"] += truth[(d, gdue)] == (p["due_kind"], p["due_start"], p["due_date"])
    rec = tot["found"] / tot["gold"]
    prec = tot["found"] / tot["pred"] if tot["pred"] else 0.0
    return dict(recall=rec, precision=prec, f1=2 * rec * prec / (rec + prec) if rec + prec else 0.0,
                id=tot["id_ok"] / max(1, tot["id_n"]), text=tot["text_ok"] / max(1, tot["found"]),
                owner=tot["owner_ok"] / max(1, tot["owner_n"]), due=tot["due_ok"] / max(1, tot["due_n"]),
                ambiguous_flagged=tot["amb_flagged"] / max(1, tot["amb_n"]),
                dates=tot["dates_ok"] / max(1, tot["dates_n"]), dates_n=tot["dates_n"])


def frame_dir(df: pd.DataFrame, tmp: Path) -> Path:
    from plantrack.api import write_actions

    write_actions(df, tmp)
    return tmp
