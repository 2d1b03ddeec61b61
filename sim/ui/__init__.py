"""What a person sees: the figures (``plotting``) and the dashboard (``app``).

``plotting`` draws the figures of a run, of the notebooks and of the dashboard; ``app`` is the Mesa
SolaraViz dashboard (``python -m sim.ui.app``).
"""
