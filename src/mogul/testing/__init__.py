"""Testing with mogul: a pytest plugin (`mogul.testing.pytest_plugin`, loaded by pytest by itself once
mogul is installed) whose fixtures give each test a clean ChartMogul sandbox and clients configured for
it. See the plugin's docstring, or the README's "In your tests"."""
