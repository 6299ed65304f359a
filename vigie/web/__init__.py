"""The analysts' and officers' workspace: server-rendered pages over the same store views and
payloads as the JSON API, so a page never shows what the API would not.

Every page also answers in JSON (``?format=json`` or ``Accept: application/json``), every page
but sign-in needs a session, every form carries a CSRF token, and every string a user reads goes
through the translation layer. See ``docs/workspace.md``.
"""

from pathlib import Path

STATIC_DIR = Path(__file__).parent / "static"
TEMPLATE_DIR = Path(__file__).parent / "templates"
