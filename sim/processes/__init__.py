"""The monthly processes of the model, one mechanism per module.

Each process declares its parameters beside its code (``DemandConfig`` next to ``LabourDemand``;
:class:`sim.config.Config` gathers them, one section each), owns its random stream and its
monthly results, and exposes ``step(model)``. The order in which they run, and the few calls
through which one process changes what another owns, are written out once, in :mod:`sim.model`.
"""
