"""The use cases: a booklet, log sheets, a batch from a roster, checks and listings."""
