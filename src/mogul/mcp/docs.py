"""The README's list of MCP tools, generated from the module registry (a test keeps it in step).

python -c "from mogul.mcp.docs import tool_table; print(tool_table())"
"""

from __future__ import annotations

from mogul.mcp.server import Toolbox

START = "<!-- mcp-tools:start -->"
END = "<!-- mcp-tools:end -->"
OFFERED = {
    "read": "always (read-only)",
    "write": "`--allow-writes`",
    "destroy": "`--allow-writes --allow-destructive`, confirmed by the user",
}


def tool_table() -> str:
    """Every tool: its name, what it is (the Make name) and when `mogul mcp` offers it."""
    toolbox = Toolbox()
    lines = ["| Tool | What it is | Offered |", "|---|---|---|"]
    for tool in toolbox.modules.values():
        offered = OFFERED[tool.effect]
        if tool.module.id == "api.call":
            offered = "always: GET; POST, PUT, PATCH with `--allow-writes`; DELETE with `--allow-destructive`"
        lines.append(f"| `{tool.name}` | {tool.module.label} | {offered} |")
    for analysis in toolbox.analyses.values():
        lines.append(f"| `{analysis.name}` | {analysis.title} | {OFFERED['read']} |")
    return "\n".join(lines)


def readme_section(text: str) -> str:
    start = text.index(START) + len(START)
    return text[start : text.index(END, start)].strip("\n")
