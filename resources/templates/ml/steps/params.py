"""The run's params, as Pipewright resolved them (pipeline default, environment, run)."""
import json
import os


def load():
    """Every param by name, from the JSON file Pipewright names in PW_PARAMS_FILE."""
    with open(os.environ["PW_PARAMS_FILE"], encoding="utf-8") as handle:
        return json.load(handle)
