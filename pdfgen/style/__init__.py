"""Layouts as data: the layout schema, loading, and the trainer's brand."""
