"""Filling the store: refresh from the Fingertips API, import downloaded files, and the command line.

Uses `connectors` for HTTP and `store` for writes; neither of those imports this package.
"""
