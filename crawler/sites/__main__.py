"""`python -m crawler.sites [DIR]`: validate the site configs (exit 1 when one is bad)."""
import sys

from . import main

sys.exit(main())
