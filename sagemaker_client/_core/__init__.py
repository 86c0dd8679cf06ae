"""The sans-I/O core: pure functions over requests, responses and models; no I/O, clock or env."""
