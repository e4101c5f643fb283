"""Writes data/raw/customers.csv: synthetic telecom customers with a churn label.

Deterministic (the same seed writes the same file, byte for byte) and standard library only,
so it runs anywhere without the step environment:

    python3 scripts/generate_customers.py --rows 3000 --seed 7 --out data/raw/customers.csv

Churn follows a hidden logistic pattern: short tenure, month-to-month contracts, high charges,
many support calls and fibre internet make a customer likelier to leave. The model's job is to
find that pattern; the pipeline's `drift` param breaks it on purpose for SPC demos.
"""
import argparse
import csv
import math
import random

CONTRACTS = ["month-to-month", "one-year", "two-year"]
PAYMENTS = ["card", "bank-transfer", "check"]
INTERNET = ["dsl", "fiber", "none"]


def customer(rng, index):
    contract = rng.choices(CONTRACTS, weights=[0.55, 0.25, 0.20])[0]
    internet = rng.choices(INTERNET, weights=[0.35, 0.45, 0.20])[0]
    tenure = rng.randint(1, 72)
    base = {"dsl": 45.0, "fiber": 75.0, "none": 22.0}[internet]
    monthly = round(max(18.0, rng.gauss(base, 12.0)), 2)
    calls = min(10, int(rng.expovariate(0.6)))
    age = rng.randint(18, 80)
    payment = rng.choice(PAYMENTS)
    score = (
        -1.0
        - 0.045 * tenure
        + {"month-to-month": 1.6, "one-year": 0.0, "two-year": -1.4}[contract]
        + 0.025 * (monthly - 50.0)
        + 0.45 * calls
        + (0.5 if internet == "fiber" else 0.0)
        + (0.3 if payment == "check" else 0.0)
    )
    churned = 1 if rng.random() < 1.0 / (1.0 + math.exp(-score)) else 0
    return {
        "customer_id": f"C{index:05d}",
        "age": age,
        "tenure_months": tenure,
        "contract": contract,
        "internet": internet,
        "payment_method": payment,
        "monthly_charges": monthly,
        "support_calls": calls,
        "churned": churned,
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=3000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--out", default="data/raw/customers.csv")
    args = parser.parse_args()
    rng = random.Random(args.seed)
    rows = [customer(rng, index + 1) for index in range(args.rows)]
    with open(args.out, "w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


if __name__ == "__main__":
    main()
