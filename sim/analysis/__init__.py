"""Reading runs and sweeps: what the model's results say about the plan.

- ``results``: one run's tables (monthly, annual, scorecard, summary), saved and loaded;
- ``scorecard``: annual indicators and the plan's table 1 targets, pass or fail;
- ``policy_eval``: a lever's effect against a counterfactual run with the same seed;
- ``collect``: a sweep's jobs gathered into tidy tables (``python -m sim.analysis.collect``);
- ``sweep``: the Hydra callback that reports progress and collects at the end of a sweep;
- ``ceiling``: the probability that the 5.5% ceiling holds, across seeds;
- ``sensitivity``: Morris screening of the parameters (``experiment=sensitivity``);
- ``reproduce``: re-run a saved run and compare digests;
- ``ai_frontier``: unemployment by speed of AI adoption x training capacity;
- ``policy_ranking``: each lever's effect, cost and cost per job;
- ``validation``: the validation report, a package of checks
  (``python -m sim.analysis.validation``).
"""
