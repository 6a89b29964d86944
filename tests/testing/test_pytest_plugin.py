"""mogul's pytest plugin in a test suite of its own, run by pytest's `pytester`: the entry point loads
it, the session shares one server, every test gets a clean (or seeded) account, and the fixtures are
overridable as their docstrings say."""

from __future__ import annotations

from pathlib import Path

import pytest

pytest_plugins = ["pytester"]


def test_every_test_gets_a_clean_account_on_one_session_server(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(
        test_app="""
        import chartmogul

        PORTS = set()


        def test_writes(chartmogul_sandbox, mogul_client):
            PORTS.add(chartmogul_sandbox.port)
            mogul_client.data_sources.create(name="Billing")
            assert [d["name"] for d in mogul_client.data_sources.list()] == ["Billing"]


        def test_starts_clean(chartmogul_sandbox, mogul_client):
            PORTS.add(chartmogul_sandbox.port)
            assert list(mogul_client.data_sources.list()) == []


        def test_official_client(chartmogul_config):
            chartmogul.DataSource.create(chartmogul_config, data={"name": "Official"}).get()
            names = [d.name for d in chartmogul.DataSource.all(chartmogul_config).get().data_sources]
            assert names == ["Official"]


        def test_the_session_server_keeps_what_a_test_left(mogul_sandbox):
            PORTS.add(mogul_sandbox.port)
            assert len(PORTS) == 1
            assert [d["name"] for d in mogul_sandbox.export()["data_sources"]] == ["Official"]
        """
    )
    result = pytester.runpytest("-p", "no:cacheprovider")
    result.assert_outcomes(passed=4)


def test_a_suite_seeds_its_tests_from_a_csv_folder_and_names_its_database(
    pytester: pytest.Pytester, tmp_path: Path
) -> None:
    fixtures = pytester.mkdir("fixtures")
    (fixtures / "plans.csv").write_text("external_id,name,interval_count,interval_unit\ngold,Gold,1,month\n")
    (fixtures / "customers.csv").write_text("external_id,name\nada,Ada\n")
    database = tmp_path / "sandbox.db"
    pytester.makeini(f"[pytest]\nmogul_database_url = sqlite:///{database}\n")
    pytester.makeconftest(
        """
        import pytest


        @pytest.fixture
        def mogul_bundle():
            return "fixtures"
        """
    )
    pytester.makepyfile(
        test_seeded="""
        def test_seeded(chartmogul_sandbox, mogul_client):
            assert [c["external_id"] for c in mogul_client.customers.list()] == ["ada"]
            assert [d["name"] for d in mogul_client.data_sources.list()] == ["fixtures"]
            mogul_client.customers.create(data_source="fixtures", external_id="bob")


        def test_seeded_again(chartmogul_sandbox):
            customers = chartmogul_sandbox.export()["data_sources"][0]["customers"]
            assert customers == [{"external_id": "ada", "name": "Ada"}]
            chartmogul_sandbox.snapshot("end")
        """
    )
    result = pytester.runpytest("-p", "no:cacheprovider")
    result.assert_outcomes(passed=2)
    assert database.exists()


def test_the_plugin_can_be_turned_off(pytester: pytest.Pytester) -> None:
    pytester.makepyfile("def test_uses(mogul_sandbox):\n    pass\n")
    result = pytester.runpytest("-p", "no:cacheprovider", "-p", "no:mogul")
    result.assert_outcomes(errors=1)
    result.stdout.fnmatch_lines(["*fixture 'mogul_sandbox' not found*"])
