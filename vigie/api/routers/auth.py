"""Tokens: sign in for the API."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Request

from vigie.api.deps import ReaderDep, SettingsDep, StoreDep, client_address
from vigie.api.models import ReaderOut, TokenOut
from vigie.api.payloads import reader_out
from vigie.policy.accounts import authenticate, issue_token

router = APIRouter(tags=["auth"])


@router.post("/token", response_model=TokenOut)
def token(
    request: Request,
    store: StoreDep,
    settings: SettingsDep,
    username: Annotated[str, Form()],
    password: Annotated[str, Form()],
) -> TokenOut:
    """Exchange a user name and password for a bearer token (OAuth2 password form)."""
    reader = authenticate(
        store.engine, settings, username, password, client_address(request), "api"
    )
    value = issue_token(store.engine, settings, reader)
    return TokenOut(access_token=value, expires_in=settings.token_hours * 3600)


@router.get("/me", response_model=ReaderOut)
def me(reader: ReaderDep) -> ReaderOut:
    """The user behind the token."""
    return reader_out(reader)
