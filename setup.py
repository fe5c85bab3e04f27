"""What pyproject.toml cannot say on its own: the shipped scenarios stay in `scenarios/`
at the top of the repository, where users look for them, and install inside the package
as `simlab/scenarios/` (package-dir and package-data in pyproject.toml), so that an
installed simlab finds them too (simlab/lab/catalog.py)."""

from setuptools import find_namespace_packages, setup

# Namespace discovery lists the data folders too (locale/it/LC_MESSAGES, scenarios/
# validation, exercises, exams): setuptools treats every folder with a suitable name as
# a package and warns about any that it was not told of.
setup(
    packages=[
        *find_namespace_packages(include=["simlab", "simlab.*"], exclude=["*.__pycache__"]),
        "simlab.scenarios",
        *(f"simlab.scenarios.{name}" for name in find_namespace_packages(where="scenarios")),
    ]
)
