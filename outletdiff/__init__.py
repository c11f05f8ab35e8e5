"""outletdiff: how two or more outlets' coverage of the same event differs."""
