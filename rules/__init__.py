"""The shipped rule files (YAML), as the package ``factcheck.rules``.

Not code: this file makes the folder a package so that ``importlib.resources`` finds the rules
in a wheel, an sdist install and an editable install alike (``pyproject.toml`` maps the folder
into ``factcheck``; ``factcheck/shipped.py`` resolves it). See docs/rule-format.md.
"""
