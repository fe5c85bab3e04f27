"""Practical exams: templates with parameters that vary per candidate, sealed packs,
submissions and grading (docs/exams.md). Pure functions of texts and a secret: the lab
(`lab.exam_*`) reads and writes the files and runs the simulations."""
