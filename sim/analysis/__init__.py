"""Analyses of the model's output: the validation report and what reads runs and sweeps."""
