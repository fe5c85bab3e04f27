"""KPIs (one documented formula each), satisfaction, variance, imports of external logs."""
