"""Logging in to the dashboard with an API key, the session cookie's flags, logging out, expiry, and
one account never seeing another's objects."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from http.cookies import SimpleCookie

from sqlalchemy import func, select, update
from starlette.testclient import TestClient

from mogul.server.app import create_app
from mogul.server.domain.accounts import digest
from mogul.store import schema as s
from tests.web.conftest import Site


def _cookie(response_header: str) -> SimpleCookie:
    cookie: SimpleCookie = SimpleCookie()
    cookie.load(response_header)
    return cookie


def _login(client: TestClient, key: str, **more: str) -> TestClient:
    return client.post("/dashboard/login", data={"api_key": key, **more})  # type: ignore[return-value]


def test_a_page_without_a_session_sends_the_browser_to_the_login_form(site: Site) -> None:
    with TestClient(site.app, follow_redirects=False) as client:
        response = client.get("/dashboard/mrr?interval=week")
        assert response.status_code == 303
        assert response.headers["location"] == "/dashboard/login?next=%2Fdashboard%2Fmrr%3Finterval%3Dweek"
        form = client.get(response.headers["location"])
        assert form.status_code == 200
        assert 'name="api_key"' in form.text and 'value="/dashboard/mrr?interval=week"' in form.text
        # the data formats answer 401 in ChartMogul's error shape instead
        answer = client.get("/dashboard/mrr.json")
        assert answer.status_code == 401
        assert answer.json() == {"code": 401, "message": "Log in to the dashboard first", "param": None}


def test_login_sets_an_httponly_samesite_strict_cookie_for_the_dashboard_only(site: Site) -> None:
    with TestClient(site.app, follow_redirects=False) as client:
        response = _login(client, site.keys[0], next="/dashboard/mrr?interval=week")
        assert response.status_code == 303
        assert response.headers["location"] == "/dashboard/mrr?interval=week"
        header = response.headers["set-cookie"]
        morsel = _cookie(header)["mogul_session"]
        assert morsel["httponly"] is True
        assert morsel["samesite"] == "strict"
        assert morsel["path"] == "/dashboard"
        assert morsel["max-age"] == str(12 * 3600)
        assert "secure" not in header.lower()  # plain http: a Secure cookie would never come back
        # the database keeps the token's digest, not the token
        token = morsel.value
        with site.db.read() as conn:
            row = conn.execute(
                select(s.web_sessions).where(s.web_sessions.c.token_hash == digest(token))
            ).one()
            assert token not in str(tuple(row))
        assert client.get("/dashboard/mrr").status_code == 200


def test_over_https_the_cookie_is_secure(site: Site) -> None:
    with TestClient(site.app, base_url="https://testserver", follow_redirects=False) as client:
        response = _login(client, site.keys[0])
        assert response.status_code == 303
        assert _cookie(response.headers["set-cookie"])["mogul_session"]["secure"] is True


def test_a_wrong_key_is_refused_with_the_form_again(site: Site) -> None:
    with TestClient(site.app, follow_redirects=False) as client:
        for key in ("not-a-key", "", f"{site.keys[0]}:wrong-secret"):
            response = _login(client, key)
            assert response.status_code == 401
            assert "That is not an API key of this server." in response.text
            assert "set-cookie" not in response.headers


def test_login_from_another_site_is_refused(site: Site) -> None:
    with TestClient(site.app, follow_redirects=False) as client:
        response = client.post(
            "/dashboard/login", data={"api_key": site.keys[0]}, headers={"origin": "https://evil.example"}
        )
        assert response.status_code == 403
        assert "set-cookie" not in response.headers


def test_after_login_the_browser_only_goes_to_a_dashboard_page(site: Site) -> None:
    with TestClient(site.app, follow_redirects=False) as client:
        for target in (
            "https://evil.example/",
            "//evil.example/dashboard/",
            "/v1/customers",
            "/dashboard\\x",
        ):
            response = _login(client, site.keys[0], next=target)
            assert response.headers["location"] == "/dashboard/", target


def test_logout_ends_the_session_and_clears_the_cookie(site: Site) -> None:
    client = site.browser()
    token = client.cookies["mogul_session"]
    response = client.post("/dashboard/logout")
    assert response.status_code == 303
    assert response.headers["location"] == "/dashboard/login"
    cleared = _cookie(response.headers["set-cookie"])["mogul_session"]
    assert cleared.value == "" and cleared["max-age"] == "0"
    with site.db.read() as conn:
        assert (
            conn.execute(select(s.web_sessions).where(s.web_sessions.c.token_hash == digest(token))).first()
            is None
        )
    # the old cookie, sent again, is worth nothing
    client.cookies.set("mogul_session", token, path="/dashboard")
    assert client.get("/dashboard/").status_code == 303
    client.close()


def test_an_expired_session_is_refused_and_removed(site: Site) -> None:
    client = site.browser()
    token = client.cookies["mogul_session"]
    assert client.get("/dashboard/customers").status_code == 200
    with site.db.write() as conn:
        conn.execute(
            update(s.web_sessions)
            .where(s.web_sessions.c.token_hash == digest(token))
            .values(expires_at=datetime.now(UTC) - timedelta(seconds=1))
        )
    response = client.get("/dashboard/customers")
    assert response.status_code == 303
    assert response.headers["location"].startswith("/dashboard/login?next=")
    with site.db.read() as conn:
        left = conn.execute(
            select(func.count())
            .select_from(s.web_sessions)
            .where(s.web_sessions.c.token_hash == digest(token))
        ).scalar_one()
    assert left == 0
    client.close()


def test_the_session_length_is_configurable(site: Site) -> None:
    app = create_app(site.db, session_seconds=90)
    with TestClient(app, follow_redirects=False) as client:
        before = datetime.now(UTC)
        response = _login(client, site.keys[0])
        morsel = _cookie(response.headers["set-cookie"])["mogul_session"]
        assert morsel["max-age"] == "90"
        with site.db.read() as conn:
            expires = conn.execute(
                select(s.web_sessions.c.expires_at).where(s.web_sessions.c.token_hash == digest(morsel.value))
            ).scalar_one()
        assert before + timedelta(seconds=89) <= expires <= datetime.now(UTC) + timedelta(seconds=91)


def test_another_accounts_customer_is_a_404(site: Site) -> None:
    theirs = site.worlds[1]["customers"]["acme"]
    mine = site.worlds[0]["customers"]["acme"]
    with site.browser(0) as client:
        assert client.get(f"/dashboard/customers/{mine}").status_code == 200
        page = client.get(f"/dashboard/customers/{theirs}")
        assert page.status_code == 404
        assert "Customer not found" in page.text
        for suffix in (".json", ".csv"):
            answer = client.get(f"/dashboard/customers/{theirs}{suffix}")
            assert answer.status_code == 404
            assert answer.json() == {"error": "Customer not found"}
        # and the list holds this account's customers only
        listed = client.get("/dashboard/customers.json").json()
        assert theirs not in {c["uuid"] for c in listed["entries"]}
        assert mine in {c["uuid"] for c in listed["entries"]}
    with site.browser(1) as client:
        assert client.get(f"/dashboard/customers/{theirs}").status_code == 200
        assert client.get(f"/dashboard/customers/{mine}").status_code == 404


def test_every_answer_carries_the_content_security_policy(site: Site) -> None:
    with site.browser() as client:
        for path in (
            "/dashboard/login",
            "/dashboard/",
            "/dashboard/mrr.json",
            "/dashboard/static/app.js",
            "/dashboard/nope",
        ):
            response = client.get(path)
            assert response.headers["content-security-policy"].startswith("default-src 'self'"), path
            assert response.headers["x-content-type-options"] == "nosniff"
