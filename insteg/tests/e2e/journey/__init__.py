"""The seed's process walked in a real browser, one module per part, each step as the role that does it."""
