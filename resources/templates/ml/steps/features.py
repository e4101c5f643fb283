"""features: the model's inputs, one numeric column per feature, the label last.

Categories become one column per known value (a fixed list, so the train and test sets always
have the same columns, even when a value is missing from one of them).
"""
import os

import pandas as pd

CATEGORIES = {
    "contract": ["month-to-month", "one-year", "two-year"],
    "internet": ["dsl", "fiber", "none"],
    "payment_method": ["card", "bank-transfer", "check"],
}
NUMERIC = ["age", "tenure_months", "monthly_charges", "support_calls"]
OUT = "data/features"


def features(customers):
    table = customers[["customer_id", *NUMERIC]].copy()
    table["charges_per_tenure_month"] = (customers["monthly_charges"] / customers["tenure_months"]).round(4)
    for column, values in CATEGORIES.items():
        for value in values:
            table[f"{column}_{value}".replace("-", "_")] = (customers[column] == value).astype(int)
    table["churned"] = customers["churned"]
    return table


def main():
    os.makedirs(OUT, exist_ok=True)
    for split in ("train", "test"):
        table = features(pd.read_csv(f"data/prepared/{split}.csv"))
        table.to_csv(f"{OUT}/{split}.csv", index=False)
        print(f"features: {split} has {len(table)} rows and {len(table.columns) - 2} features")


if __name__ == "__main__":
    main()
