"""train: fit a random forest on the train features; its hyper-parameters are pipeline params."""
import os
import pickle

import pandas as pd
from sklearn.ensemble import RandomForestClassifier

import params

MODEL = "models/churn-model.pkl"


def main():
    p = params.load()
    train = pd.read_csv("data/features/train.csv")
    inputs = train.drop(columns=["customer_id", "churned"])
    model = RandomForestClassifier(
        n_estimators=p["n_estimators"],
        max_depth=p["max_depth"],
        min_samples_leaf=p["min_samples_leaf"],
        random_state=p["seed"],
        n_jobs=1,
    )
    model.fit(inputs, train["churned"])
    # The feature names travel with the model, so evaluate and any later scorer use the same columns.
    model.feature_names = list(inputs.columns)
    os.makedirs(os.path.dirname(MODEL), exist_ok=True)
    with open(MODEL, "wb") as handle:
        pickle.dump(model, handle)
    print(f"train: {p['n_estimators']} trees of depth at most {p['max_depth']} on {len(train)} customers")


if __name__ == "__main__":
    main()
