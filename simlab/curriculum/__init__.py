"""The curriculum: the standard's units, abilities and knowledge as data, the exercises
with their automatic checks, and a trainee's portfolio. Headless: the front ends reach
it through `simlab.lab.exercises`."""
