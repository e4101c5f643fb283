"""package: the model as it ships, with a model card: what it is, how well it does, what it
was trained on (params, data hashes) and from which commit, so any copy can be traced back.
"""
import hashlib
import json
import os
import shutil

import params

OUT = "dist"
DATA = ["data/raw/customers.csv", "data/prepared/train.csv", "data/prepared/test.csv"]
METRIC_NAMES = {"auc": "AUC", "f1": "F1", "accuracy": "Accuracy", "precision": "Precision", "recall": "Recall", "churn_rate": "Churn rate (test set)"}


def sha256(path):
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 16), b""):
            digest.update(block)
    return digest.hexdigest()


def card(metrics, run_params, hashes, model_hash):
    commit = os.environ.get("PW_GIT_COMMIT") or "none (the workspace is not a git repository)"
    lines = [
        "# Model card: churn prediction",
        "",
        "A random forest that scores how likely a customer is to leave (churn) from their contract,",
        "charges, tenure and support history. Trained and evaluated by the `churn` pipeline.",
        "",
        "## Provenance",
        "",
        f"- Git commit: `{commit}`",
        f"- Pipeline run: `{os.environ.get('PW_RUN_ID', 'unknown')}` in environment `{os.environ.get('PW_ENVIRONMENT') or 'local'}`",
        f"- Model file: `{OUT}/churn-model.pkl` (sha256 `{model_hash}`)",
        "",
        "## Metrics (test set)",
        "",
        "| metric | value |",
        "|---|---|",
        *[f"| {METRIC_NAMES.get(name, name)} | {value} |" for name, value in metrics.items()],
        "",
        "## Params",
        "",
        "| param | value |",
        "|---|---|",
        *[f"| {name} | {value} |" for name, value in sorted(run_params.items())],
        "",
        "## Data (sha256)",
        "",
        "| file | sha256 |",
        "|---|---|",
        *[f"| {path} | `{digest}` |" for path, digest in hashes.items()],
        "",
        "## Intended use and limits",
        "",
        "Ranking customers for retention offers. The training data is synthetic; before real use,",
        "retrain on real customers and check the metrics above against the promotion gate.",
        "",
    ]
    return "\n".join(lines)


def main():
    with open("metrics/evaluation.json", encoding="utf-8") as handle:
        metrics = json.load(handle)
    os.makedirs(OUT, exist_ok=True)
    shutil.copyfile("models/churn-model.pkl", f"{OUT}/churn-model.pkl")
    hashes = {path: sha256(path) for path in DATA}
    with open(f"{OUT}/MODEL_CARD.md", "w", encoding="utf-8") as handle:
        handle.write(card(metrics, params.load(), hashes, sha256(f"{OUT}/churn-model.pkl")))
    print(f"package: {OUT}/churn-model.pkl and {OUT}/MODEL_CARD.md (AUC {metrics['auc']})")


if __name__ == "__main__":
    main()
