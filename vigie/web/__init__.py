"""The analysts' and officers' workspace: server-rendered pages over the same store views and
payloads as the JSON API, so a page never shows what the API would not.

Every page also answers in JSON (``?format=json`` or ``Accept: application/json``), every page
but sign-in needs a session, every form carries a CSRF token, and every string a user reads goes
through the translation layer. See ``docs/workspace.md``.
"""

from importlib.util import find_spec
from pathlib import Path

STATIC_DIR = Path(__file__).parent / "static"
TEMPLATE_DIR = Path(__file__).parent / "templates"


def _vis_network_dir() -> Path:
    # vis-network (the link chart's library) ships inside the pyvis package; it is served from
    # there, so nothing is copied into the repository or fetched from a CDN.
    spec = find_spec("pyvis")
    assert spec is not None and spec.origin is not None, "pyvis is a dependency"
    found = sorted((Path(spec.origin).parent / "lib").glob("vis-*/vis-network.min.js"))
    assert found, "pyvis ships vis-network"
    return found[-1].parent


VIS_NETWORK_DIR = _vis_network_dir()
