"""Decisions before drawing, with no PDF library: text fitting, day-grid geometry, form-field
names.
"""
