"""Every Make ChartMogul module, defined once (see `spec` for what a module is, `registry` to find them)."""
