"""The server's HTTP layer: the request pipeline (`Api`, `Call`), authentication, rendering, and the
reading of ChartMogul's query parameters. Routes are built from it; it knows no resource.
"""
