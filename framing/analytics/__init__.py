"""Analytics: sentences rolled up into profiles with bootstrap intervals (profiles.py), outlet and period
comparisons with permutation tests (compare.py), the blame matrix and voices table (matrices.py) and
same-event sentence alignment across outlets (align.py). Reads the tables; writes nothing."""
