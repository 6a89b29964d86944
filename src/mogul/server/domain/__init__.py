"""The server's domain: one module per resource, with its typed inputs, its rules, its writes and their
effects on derived figures. No Starlette here: the routes (`mogul.server.routes`), the bulk importer,
and any other face call these functions with a `Scope` and get back ChartMogul's wire objects.
"""
