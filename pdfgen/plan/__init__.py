"""The plan: its model, loads and rep targets, loading plans and the exercise library, client files
and options.
"""
