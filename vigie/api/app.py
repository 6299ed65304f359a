"""The application factory: the JSON API under ``/api``, its OpenAPI page at ``/docs`` (served
from local assets, never a CDN) and the workspace at ``/``."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import swagger_ui_bundle
from fastapi import FastAPI, Request
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles

from vigie import __version__
from vigie.api.routers import (
    audit,
    auth,
    casework,
    documents,
    entities,
    interdictions,
    lookouts,
    network,
    planning,
    products,
    referrals,
    resolve,
    screen,
)
from vigie.errors import AuthenticationFailed, Forbidden, InvalidInput, NotFound, VigieError
from vigie.settings import Settings
from vigie.store import Store

STATUS = {AuthenticationFailed: 401, Forbidden: 403, NotFound: 404, InvalidInput: 422}


def status_of(exc: VigieError) -> int:
    """The HTTP status for one of Vigie's errors."""
    for kind, status in STATUS.items():
        if isinstance(exc, kind):
            return status
    return 400


def create_app(settings: Settings, store: Store | None = None) -> FastAPI:
    """Build the application for ``settings``; pass ``store`` to share an open one (tests)."""
    from vigie.web import STATIC_DIR, VIS_NETWORK_DIR
    from vigie.web.routes import router as web_router
    from vigie.web.routes import web_error

    settings = settings.with_secret()
    owned = store is None
    the_store = store or Store.open(settings)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        yield
        if owned:
            the_store.close()

    app = FastAPI(
        title="Vigie",
        version=__version__,
        description="Immigration intelligence platform: JSON API. Every response holds only "
        "what the signed-in user may see; every read, search and export is audited.",
        docs_url=None,
        redoc_url=None,
        lifespan=lifespan,
    )
    app.state.settings = settings
    app.state.store = the_store
    for router in (auth.router, entities.router, audit.router, lookouts.router):
        app.include_router(router, prefix="/api")
    app.include_router(interdictions.router, prefix="/api")
    app.include_router(documents.router, prefix="/api")
    app.include_router(resolve.router, prefix="/api")
    app.include_router(screen.router, prefix="/api")
    app.include_router(referrals.router, prefix="/api")
    app.include_router(network.router, prefix="/api")
    app.include_router(planning.router, prefix="/api")
    app.include_router(products.router, prefix="/api")
    app.include_router(casework.router, prefix="/api")
    app.mount("/static/swagger", StaticFiles(directory=Path(swagger_ui_bundle.swagger_ui_path)))
    app.mount("/static/vis", StaticFiles(directory=VIS_NETWORK_DIR))
    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")
    app.include_router(web_router)

    @app.get("/docs", include_in_schema=False)
    def docs() -> HTMLResponse:
        return get_swagger_ui_html(
            openapi_url="/openapi.json",
            title="Vigie API",
            swagger_js_url="/static/swagger/swagger-ui-bundle.js",
            swagger_css_url="/static/swagger/swagger-ui.css",
            swagger_favicon_url="/static/swagger/favicon-32x32.png",
        )

    @app.exception_handler(VigieError)
    async def vigie_error(request: Request, exc: VigieError) -> Response:
        if not request.url.path.startswith("/api"):
            return web_error(request, exc, status_of(exc))
        headers = {"WWW-Authenticate": "Bearer"} if isinstance(exc, AuthenticationFailed) else None
        return JSONResponse({"detail": str(exc)}, status_code=status_of(exc), headers=headers)

    return app
