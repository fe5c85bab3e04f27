"""One module per screen; each imports its heavy modules only when opened."""
