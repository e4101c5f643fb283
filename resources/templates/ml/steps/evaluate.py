"""evaluate: the model on the test set: metrics JSON (AUC, F1, accuracy...) and two pictures."""
import json
import os
import pickle

import matplotlib

matplotlib.use("Agg")  # no display in a step container: draw straight to PNG files
import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402
from sklearn.metrics import (  # noqa: E402
    accuracy_score, confusion_matrix, f1_score, precision_score, recall_score, roc_auc_score, roc_curve,
)

METRICS = "metrics/evaluation.json"
REPORTS = "reports"


def confusion_picture(actual, predicted):
    matrix = confusion_matrix(actual, predicted, labels=[0, 1])
    figure, axes = plt.subplots(figsize=(4, 3.6), dpi=100)
    axes.imshow(matrix, cmap="Blues")
    for (row, column), count in zip([(0, 0), (0, 1), (1, 0), (1, 1)], matrix.ravel()):
        dark = count > matrix.max() / 2
        axes.text(column, row, str(count), ha="center", va="center", color="white" if dark else "black", fontsize=14)
    axes.set_xticks([0, 1], labels=["stays", "churns"])
    axes.set_yticks([0, 1], labels=["stays", "churns"])
    axes.set_xlabel("predicted")
    axes.set_ylabel("actual")
    axes.set_title("Confusion matrix")
    figure.tight_layout()
    figure.savefig(f"{REPORTS}/confusion-matrix.png")
    plt.close(figure)


def roc_picture(actual, scores, auc):
    false_positive, true_positive, _ = roc_curve(actual, scores)
    figure, axes = plt.subplots(figsize=(4, 3.6), dpi=100)
    axes.plot(false_positive, true_positive, label=f"model (AUC {auc:.3f})")
    axes.plot([0, 1], [0, 1], linestyle="--", color="grey", label="chance")
    axes.set_xlabel("false positive rate")
    axes.set_ylabel("true positive rate")
    axes.set_title("ROC curve")
    axes.legend(loc="lower right")
    figure.tight_layout()
    figure.savefig(f"{REPORTS}/roc.png")
    plt.close(figure)


def main():
    with open("models/churn-model.pkl", "rb") as handle:
        model = pickle.load(handle)
    test = pd.read_csv("data/features/test.csv")
    actual = test["churned"]
    inputs = test[model.feature_names]
    scores = model.predict_proba(inputs)[:, 1]
    predicted = (scores >= 0.5).astype(int)
    metrics = {
        "auc": round(float(roc_auc_score(actual, scores)), 4),
        "f1": round(float(f1_score(actual, predicted)), 4),
        "accuracy": round(float(accuracy_score(actual, predicted)), 4),
        "precision": round(float(precision_score(actual, predicted, zero_division=0)), 4),
        "recall": round(float(recall_score(actual, predicted)), 4),
        "churn_rate": round(float(actual.mean()), 4),
    }
    os.makedirs(os.path.dirname(METRICS), exist_ok=True)
    os.makedirs(REPORTS, exist_ok=True)
    with open(METRICS, "w", encoding="utf-8") as handle:
        json.dump(metrics, handle, indent=2)
        handle.write("\n")
    confusion_picture(actual, predicted)
    roc_picture(actual, scores, metrics["auc"])
    print("evaluate: " + ", ".join(f"{name} {value}" for name, value in metrics.items()))


if __name__ == "__main__":
    main()
