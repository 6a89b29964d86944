"""The module registry: every module, found in the group files of `mogul.modules`.

A group file defines `GROUP = Group(...)`; adding modules is adding one such file.

    from mogul.modules import registry
    for module in registry.modules():
        print(module.id, module.label, [f.name for f in module.fields])
    registry.get("customers.create")
"""

from __future__ import annotations

import importlib
import pkgutil
from functools import cache

from mogul.errors import InputError
from mogul.modules.spec import Group, Module


@cache
def groups() -> tuple[Group, ...]:
    import mogul.modules as package

    found = []
    for info in pkgutil.iter_modules(package.__path__):
        module = importlib.import_module(f"{package.__name__}.{info.name}")
        group = getattr(module, "GROUP", None)
        if isinstance(group, Group):
            found.append(group)
    return tuple(sorted(found, key=lambda g: (g.order, g.name)))


@cache
def _by_id() -> dict[str, Module]:
    out: dict[str, Module] = {}
    for group in groups():
        for module in group.modules:
            if module.id in out:
                raise RuntimeError(f"two modules are called {module.id}")
            out[module.id] = module
    return out


def modules() -> tuple[Module, ...]:
    """All modules, in group order and, within a group, in the order Make lists them."""
    return tuple(_by_id().values())


def get(module_id: str) -> Module:
    """The module with this id (`customers.create`); an InputError naming the known ids otherwise."""
    by_id = _by_id()
    module = by_id.get(module_id) or by_id.get(module_id.replace("-", "_"))
    if module is None:
        group = module_id.split(".", 1)[0]
        near = [m for m in by_id if m.startswith(group + ".")] or list(by_id)
        raise InputError(f"no module {module_id!r}; modules: {', '.join(near)}")
    return module
