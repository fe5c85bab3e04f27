"""The lab app (Textual). Only this package imports textual; a few modules here
(`sources`, `liverun`) stay free of it so that benchmarks and tests can use them headless.
"""
