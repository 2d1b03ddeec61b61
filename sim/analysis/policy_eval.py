"""What a policy buys: jobs created or saved against a counterfactual run, and their cost.

Both runs must share the config apart from the policy, and the seed: with common random numbers
the difference between them is the policy, not noise.
"""

from __future__ import annotations

import pandas as pd

from sim.analysis.results import Results


def effect_table(policy: Results, counterfactual: Results) -> pd.DataFrame:
    """By year: change in employment, urban and youth unemployment, the fiscal cost and the
    cost per job-year (yuan) of ``policy`` against ``counterfactual``."""
    a, b = policy.annual.set_index("year"), counterfactual.annual.set_index("year")
    m_a, m_b = policy.monthly.groupby("year"), counterfactual.monthly.groupby("year")
    jobs = m_a.employed.mean() - m_b.employed.mean()  # 10k persons, annual mean
    cost = a["cost_total"] - b["cost_total"]  # 100m yuan
    out = pd.DataFrame(
        {
            "jobs_10k": jobs,
            "d_urban_unemployment_rate": a.urban_unemployment_rate - b.urban_unemployment_rate,
            "d_youth_unemployment_rate": a.youth_unemployment_rate - b.youth_unemployment_rate,
            "cost_100m_yuan": cost,
        }
    )
    out["cost_per_job_yuan"] = (cost * 1e8 / (jobs * 1e4)).where(jobs > 0)
    return out.reset_index()
