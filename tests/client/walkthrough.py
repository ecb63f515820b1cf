"""The README's walk-through, through a client generated from the service's own /openapi.json.

Every answer must be decoded into the typed model its operation documents: the status is a
documented one (the client raises on any other), the body parses into that model's class, each
field holds a value of its documented type, no field is missing or undocumented at any depth,
and the values the README shows are there. So the OpenAPI document cannot drift from what the
service answers. Run by scripts/client-check:

    PYTHONPATH=<generated client> python walkthrough.py BASE_URL DATA_DIR
"""

import datetime
import enum
import json
import sys
import time
import types
import typing
from pathlib import Path

import attrs

from account_client import models
from account_client import AuthenticatedClient, Client
from account_client.api.account_management import (
    change_password,
    list_sessions,
    login,
    logout,
    profile,
    refresh,
    register,
    request_password_reset,
    reset_password,
    send_email_code,
    token,
    verify_email,
    verify_password,
)
from account_client.types import Unset

EMAIL = "user@example.com"
PASSWORD = "correct horse battery"
CHECKED = []


class Drift(AssertionError):
    """The service answered something its OpenAPI document does not describe."""


def decoded(step, response, status, model):
    """The answer's typed model, after checking it is exactly what the document describes."""
    raw = response.content.decode()
    if response.status_code != status:
        raise Drift(f"{step}: status {response.status_code}, expected {status}: {raw}")
    parsed = response.parsed
    conforms(step, parsed, model)
    written_back = (
        [item.to_dict() for item in parsed] if isinstance(parsed, list) else parsed.to_dict()
    )
    same_keys(step, written_back, json.loads(raw))
    CHECKED.append(step)
    return parsed


def conforms(path, value, annotation):
    """Whether `value` is of the type the generated code annotates, models checked field by field."""
    origin = typing.get_origin(annotation)
    if annotation is typing.Any:
        return
    if origin in (typing.Union, types.UnionType):
        errors = []
        for option in typing.get_args(annotation):
            try:
                return conforms(path, value, option)
            except Drift as error:
                errors.append(str(error))
        raise Drift(f"{path}: {value!r} is none of {annotation}: {errors}")
    if origin is list:
        if not isinstance(value, list):
            raise Drift(f"{path}: {value!r} is not a list")
        (item,) = typing.get_args(annotation)
        for i, element in enumerate(value):
            conforms(f"{path}[{i}]", element, item)
        return
    if origin is dict:
        if not isinstance(value, dict):
            raise Drift(f"{path}: {value!r} is not an object")
        return
    if annotation is type(None):
        if value is not None:
            raise Drift(f"{path}: {value!r} is not null")
        return
    if attrs.has(annotation):
        if not isinstance(value, annotation):
            raise Drift(f"{path}: {value!r} is not a {annotation.__name__}")
        if value.additional_properties:
            raise Drift(f"{path}: undocumented fields {sorted(value.additional_properties)}")
        hints = typing.get_type_hints(
            annotation, {**vars(sys.modules[annotation.__module__]), **vars(models)}
        )
        for field in attrs.fields(annotation):
            if field.name != "additional_properties":
                conforms(f"{path}.{field.name}", getattr(value, field.name), hints[field.name])
        return
    if annotation is int and isinstance(value, bool):
        raise Drift(f"{path}: {value!r} is a boolean, not an integer")
    if annotation is float and isinstance(value, int) and not isinstance(value, bool):
        return
    if isinstance(annotation, type) and (
        issubclass(annotation, (str, int, bool, float, enum.Enum, Unset))
        or annotation in (datetime.datetime, datetime.date)
    ):
        if not isinstance(value, annotation):
            raise Drift(f"{path}: {value!r} is not a {annotation.__name__}")
        return
    raise Drift(f"{path}: no check for the annotation {annotation!r}")


def same_keys(path, ours, theirs):
    """The model, written back, has the answer's keys at every depth: none lost, none added."""
    if isinstance(theirs, dict):
        if not isinstance(ours, dict) or set(ours) != set(theirs):
            raise Drift(f"{path}: the model keeps {sorted(ours)}, the answer has {sorted(theirs)}")
        for key in theirs:
            same_keys(f"{path}.{key}", ours[key], theirs[key])
    elif isinstance(theirs, list):
        if not isinstance(ours, list) or len(ours) != len(theirs):
            raise Drift(f"{path}: the model keeps {ours!r}, the answer has {theirs!r}")
        for i, (mine, answered) in enumerate(zip(ours, theirs)):
            same_keys(f"{path}[{i}]", mine, answered)


def succeeded(step, response):
    """The answer is the document's `{"success": true}`."""
    done = decoded(step, response, 200, models.SuccessResponse)
    expect(step, done.success is True, done)


def logged_in(step, client):
    """The tokens of a JSON log-in with the walk-through's address and password."""
    tokens = decoded(
        step,
        login.sync_detailed(
            client=client, body=models.LoginRequest(email=EMAIL, password=PASSWORD)
        ),
        200,
        models.TokenResponse,
    )
    expect(step, (tokens.token_type, tokens.expires_in) == ("Bearer", 900), tokens)
    return tokens


def expect(step, condition, shown):
    if not condition:
        raise Drift(f"{step}: unexpected value {shown!r}")


def emailed_code(outbox, template, sent_before):
    """The code of the newest `template` email in the dev outbox, once it is there."""
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        lines = outbox.read_text().splitlines() if outbox.exists() else []
        messages = [json.loads(line) for line in lines[sent_before:]]
        codes = [m["params"]["code"] for m in messages if m["template"] == template]
        if codes:
            return codes[-1]
        time.sleep(0.1)
    raise AssertionError(f"no {template} email in {outbox} within 10 s")


def outbox_length(outbox):
    return len(outbox.read_text().splitlines()) if outbox.exists() else 0


def walk(base_url, outbox):
    anonymous = Client(base_url=base_url, raise_on_unexpected_status=True)

    # 1. Register
    account = decoded(
        "register",
        register.sync_detailed(
            client=anonymous,
            body=models.RegisterRequest(email=EMAIL, password=PASSWORD, name="John Doe"),
        ),
        201,
        models.AccountResponse,
    )
    expect("register", (account.email, account.name) == (EMAIL, "John Doe"), account)

    # 2. An email verification code, from the dev outbox
    sent = outbox_length(outbox)
    succeeded(
        "email code",
        send_email_code.sync_detailed(client=anonymous, body=models.EmailCodeRequest(email=EMAIL)),
    )
    code = emailed_code(outbox, "email_verification", sent)

    # 3. Verify it
    succeeded(
        "verify email",
        verify_email.sync_detailed(
            client=anonymous, body=models.EmailVerifyRequest(email=EMAIL, code=code)
        ),
    )

    # 4. Log in (JSON), or by the OAuth2 password grant (form), whose errors are RFC 6749's
    tokens = logged_in("log in", anonymous)
    granted = decoded(
        "password grant",
        token.sync_detailed(
            client=anonymous,
            body=models.OAuthTokenRequest(grant_type="password", username=EMAIL, password=PASSWORD),
        ),
        200,
        models.OAuthTokenResponse,
    )
    expect("password grant", granted.token_type == "bearer" and granted.access_token, granted)
    refused = decoded(
        "password grant refused",
        token.sync_detailed(
            client=anonymous,
            body=models.OAuthTokenRequest(
                grant_type="password", username=EMAIL, password="not the password"
            ),
        ),
        400,
        models.OAuthErrorBody,
    )
    expect("password grant refused", refused.error == "invalid_grant", refused)

    # 5. Profile
    signed_in = AuthenticatedClient(
        base_url=base_url, token=tokens.access_token, raise_on_unexpected_status=True
    )
    me = decoded("profile", profile.sync_detailed(client=signed_in), 200, models.AccountResponse)
    expect("profile", (me.id, me.email, me.name) == (account.id, EMAIL, "John Doe"), me)

    # 6. Refresh: the refresh token rotates
    rotated = decoded(
        "refresh",
        refresh.sync_detailed(
            client=anonymous, body=models.RefreshRequest(refresh_token=tokens.refresh_token)
        ),
        200,
        models.TokenResponse,
    )
    expect("refresh", rotated.refresh_token != tokens.refresh_token, rotated)
    signed_in = AuthenticatedClient(
        base_url=base_url, token=rotated.access_token, raise_on_unexpected_status=True
    )

    # 7. Password care: check it (a wrong one too), change it, then a reset by email
    succeeded(
        "verify password",
        verify_password.sync_detailed(
            client=signed_in, body=models.PasswordCheckRequest(email=EMAIL, password=PASSWORD)
        ),
    )
    wrong = decoded(
        "verify a wrong password",
        verify_password.sync_detailed(
            client=signed_in,
            body=models.PasswordCheckRequest(email=EMAIL, password="not the password"),
        ),
        400,
        models.AccountManagementErrorBody,
    )
    expect(
        "verify a wrong password", (wrong.code, wrong.message) == (40000, "Invalid password"), wrong
    )
    succeeded(
        "change password",
        change_password.sync_detailed(
            client=signed_in,
            body=models.ChangePasswordRequest(
                email=EMAIL, password=PASSWORD, new_password="a new passphrase"
            ),
        ),
    )

    sent = outbox_length(outbox)
    succeeded(
        "reset request",
        request_password_reset.sync_detailed(
            client=anonymous, body=models.PasswordResetRequest(email=EMAIL)
        ),
    )
    reset_token = emailed_code(outbox, "password_reset", sent)
    bad = decoded(
        "reset with a wrong token",
        reset_password.sync_detailed(
            client=anonymous,
            body=models.ResetPasswordRequest(
                email=EMAIL, new_password=PASSWORD, token="ZZZZZZZZZZ"
            ),
        ),
        400,
        models.AccountManagementErrorBody,
    )
    expect("reset with a wrong token", bad.message == "Invalid token", bad)
    succeeded(
        "reset",
        reset_password.sync_detailed(
            client=anonymous,
            body=models.ResetPasswordRequest(email=EMAIL, new_password=PASSWORD, token=reset_token),
        ),
    )

    # 8. Sessions, then log out
    tokens = logged_in("log in again", anonymous)
    signed_in = AuthenticatedClient(
        base_url=base_url, token=tokens.access_token, raise_on_unexpected_status=True
    )
    listed = decoded(
        "sessions",
        list_sessions.sync_detailed(client=signed_in),
        200,
        list[models.SessionResponse],
    )
    expect("sessions", len(listed) == 1, listed)
    succeeded("log out", logout.sync_detailed(client=signed_in))
    gone = decoded(
        "profile after log-out",
        profile.sync_detailed(client=signed_in),
        401,
        models.AccountManagementErrorBody,
    )
    expect("profile after log-out", (gone.status, gone.code) == (401, 40100), gone)


def main():
    base_url, data_dir = sys.argv[1], Path(sys.argv[2])
    try:
        walk(base_url, data_dir / "outbox.jsonl")
    except AssertionError as failure:
        print(f"client-check: {failure}", file=sys.stderr)
        print(f"client-check: {len(CHECKED)} passed, 1 failed")
        sys.exit(1)
    print(f"client-check: {len(CHECKED)} passed, 0 failed")


if __name__ == "__main__":
    main()
