"""The README's table of modules, generated from the module registry (a test keeps the README in step).

python -c "from mogul.cli.docs import module_table; print(module_table())"
"""

from __future__ import annotations

from mogul.cli.commands import module_commands

START = "<!-- modules:start -->"
END = "<!-- modules:end -->"


def module_table() -> str:
    """Every module: its Make name, its module id and its CLI command, as a markdown table."""
    lines = [
        "| Make name | Module id | CLI command |",
        "|---|---|---|",
    ]
    for _group, commands in module_commands():
        for command in commands:
            module = command.module
            name = module.label if module.from_seed else f"{module.label} *"
            usage = command.usage()
            lines.append(f"| {name} | `{module.id}` | `{usage}` |")
    lines += ["", "\\* not in Make's ChartMogul app; mogul adds it."]
    return "\n".join(lines)


def readme_section(text: str) -> str:
    """What stands between the markers in a README."""
    start = text.index(START) + len(START)
    return text[start : text.index(END, start)].strip("\n")
