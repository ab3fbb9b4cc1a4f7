#!/usr/bin/env python
"""Same as the `insteg` console script; kept for tools that look for manage.py."""

from insteg.__main__ import main

if __name__ == "__main__":
    main()
