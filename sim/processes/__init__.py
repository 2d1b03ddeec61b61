"""The monthly processes of the model, one mechanism per module.

Each process owns its parameters (a section of the config), its random stream and its monthly
results, and exposes ``step(model)``. The order in which they run is written out once, in
:meth:`sim.model.LabourMarketModel.step`.
"""
