"""What pyproject.toml cannot say on its own: the shipped scenarios stay in `scenarios/`
at the top of the repository, where users look for them, and install inside the package
as `simlab/scenarios/` (package-dir and package-data in pyproject.toml), so that an
installed simlab finds them too (simlab/lab/catalog.py)."""

from setuptools import find_packages, setup

setup(packages=[*find_packages(include=["simlab", "simlab.*"]), "simlab.scenarios"])
