"""The shipped reference datasets (Frictionless data packages), as ``factcheck.reference_data``.

Not code: this file makes the folder a package so that ``importlib.resources`` finds the data
in a wheel, an sdist install and an editable install alike (``pyproject.toml`` maps the folder
into ``factcheck``; ``factcheck/shipped.py`` resolves it). See README.md in this folder.
"""
