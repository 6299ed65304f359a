"""Request dependencies: the settings, the store and the reader behind a bearer token."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from vigie.errors import AuthenticationFailed
from vigie.policy.accounts import reader_for_token
from vigie.policy.reader import Reader
from vigie.settings import Settings
from vigie.store import Store

bearer = HTTPBearer(auto_error=False, description="A token from POST /api/token")


def get_store(request: Request) -> Store:
    """The application's store."""
    store: Store = request.app.state.store
    return store


def get_settings(request: Request) -> Settings:
    """The application's settings."""
    settings: Settings = request.app.state.settings
    return settings


def client_address(request: Request) -> str:
    """The caller's address, for throttling and the audit log."""
    return request.client.host if request.client else "unknown"


def get_reader(
    store: Annotated[Store, Depends(get_store)],
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)],
) -> Reader:
    """The user behind the request's bearer token."""
    if credentials is None or credentials.scheme.lower() != "bearer":
        raise AuthenticationFailed("send a bearer token: Authorization: Bearer <token>")
    return reader_for_token(store.engine, credentials.credentials)


StoreDep = Annotated[Store, Depends(get_store)]
SettingsDep = Annotated[Settings, Depends(get_settings)]
ReaderDep = Annotated[Reader, Depends(get_reader)]
