"""The Flask survey server."""
