"""The application layer: what a user does, once for every front end (the CLI and the
app). Load a bundle of scenario, care model and plan; run it; save, reopen and replay
it; the catalogue of scenarios; the queue lab; the live view of a run. It uses the core
(model, world, engine, analysis, reports) and `store`, and never textual."""
