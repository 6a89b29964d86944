"""The MCP face: every module a tool for AI assistants (`mogul mcp`), derived from the module registry.

It sits beside the CLI, over the same modules and client, so it works against ChartMogul itself and any
`mogul serve`. `tools` derives the tools from the modules, `present` the answers and the errors,
`tokens` the list cursors and confirmation tokens, `analytics` the analyses (the MRR bridge, a metric
explained), `server` the MCP server built on the official SDK (the optional extra `mogul[mcp]`).
"""
