"""prepare: split the raw customers into a train and a test set, the same way for the same seed.

The test set stands for the newest customers. The `drift` param (0 to 1) changes that share of
them, as a shifting market would: their charges rise and their churn no longer follows the
pattern the model learns from the train set. Monitoring then sees the model's AUC fall.
"""
import os
import random

import pandas as pd
from sklearn.model_selection import train_test_split

import params

RAW = "data/raw/customers.csv"
OUT = "data/prepared"


def drifted(test, share, seed):
    rng = random.Random(seed)
    test = test.copy()
    base_rate = float(test["churned"].mean())
    for index in test.index:
        if rng.random() < share:
            test.at[index, "monthly_charges"] = round(test.at[index, "monthly_charges"] * 1.3, 2)
            test.at[index, "churned"] = 1 if rng.random() < base_rate else 0
    return test


def main():
    p = params.load()
    customers = pd.read_csv(RAW)
    train, test = train_test_split(
        customers, test_size=p["test_size"], random_state=p["seed"], stratify=customers["churned"]
    )
    if p["drift"] > 0:
        test = drifted(test, p["drift"], p["seed"])
    os.makedirs(OUT, exist_ok=True)
    train.sort_values("customer_id").to_csv(f"{OUT}/train.csv", index=False)
    test.sort_values("customer_id").to_csv(f"{OUT}/test.csv", index=False)
    print(f"prepare: {len(train)} train and {len(test)} test customers (seed {p['seed']}, drift {p['drift']})")


if __name__ == "__main__":
    main()
