"""The layer contract of docs/architecture.md, read from every product module's imports (ast).

Each product package may import only the project packages listed for it in ALLOWED; streamlit only where
STREAMLIT_OK says; no product file over MAX_FILE_LINES lines and no function over MAX_FUNCTION_LINES.
"""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PRODUCT = ("app.py", "settings.py", "errors.py", "geography.py", "attribution.py", "pages", "components", "services", "loading",
           "connectors", "store", "analysis", "charts", "guidance", "export")
SHARED_BASE = {"errors", "settings", "geography", "attribution"}  # top-level modules every layer may use
ALLOWED: dict[str, set[str]] = {
    "app": {"components", "services"},
    "pages": {"components", "services"},
    "components": {"components", "services", "charts"} | SHARED_BASE,
    "services": {"services", "analysis", "store", "loading", "connectors", "guidance", "charts", "export"}
    | SHARED_BASE,
    "loading": {"loading", "connectors", "store", "analysis"} | SHARED_BASE,
    "connectors": {"connectors"} | SHARED_BASE,
    "store": {"store"} | SHARED_BASE,
    "analysis": {"analysis"} | SHARED_BASE,
    "charts": {"charts"} | SHARED_BASE,
    "guidance": {"guidance"} | SHARED_BASE,
    "export": {"export", "charts"} | SHARED_BASE,
    "settings": set(),
    "errors": set(),
    "geography": set(),
    "attribution": set(),
}
# The documented exceptions (docs/architecture.md): python -m connectors stays an alias of python -m loading.
EXCEPTIONS = {"connectors/__main__.py": {"loading"}}
STREAMLIT_OK = {"app", "pages", "components", "services"}
PROJECT = set(ALLOWED)
MAX_FILE_LINES = 400
MAX_FUNCTION_LINES = 60


def product_files() -> list[Path]:
    files: list[Path] = []
    for entry in PRODUCT:
        path = ROOT / entry
        files += [path] if path.is_file() else sorted(path.rglob("*.py"))
    return files


def layer_of(path: Path) -> str:
    rel = path.relative_to(ROOT)
    return rel.parts[0].removesuffix(".py")


def imported_roots(source: str) -> list[tuple[int, str]]:
    """(line, top-level name) of every import in a module, relative imports excluded."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name.split(".")[0]) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            found.append((node.lineno, node.module.split(".")[0]))
    return found


def violations(layer: str, source: str, name: str) -> list[str]:
    problems = []
    for line, root in imported_roots(source):
        if root == "streamlit" and layer not in STREAMLIT_OK:
            problems.append(f"{name}:{line} imports streamlit, which only {sorted(STREAMLIT_OK)} may use")
        elif root in PROJECT and root != layer and root not in ALLOWED[layer]:
            problems.append(f"{name}:{line} ({layer}) imports {root}, outside its contract {sorted(ALLOWED[layer])}")
    return problems


def long_functions(source: str, name: str) -> list[str]:
    out = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            length = node.end_lineno - node.lineno + 1
            if length > MAX_FUNCTION_LINES:
                out.append(f"{name}:{node.lineno} {node.name} is {length} lines (limit {MAX_FUNCTION_LINES})")
    return out


def test_every_import_keeps_the_layer_contract():
    problems = []
    for path in product_files():
        name = str(path.relative_to(ROOT))
        problems += [p for p in violations(layer_of(path), path.read_text(), name)
                     if not any(f"imports {ok}," in p for ok in EXCEPTIONS.get(name, ()))]
    assert not problems, "\n".join(problems)


def test_no_product_file_or_function_is_too_long():
    problems = []
    for path in product_files():
        source = path.read_text()
        name = str(path.relative_to(ROOT))
        if source.count("\n") > MAX_FILE_LINES:
            problems.append(f"{name} has {source.count(chr(10))} lines (limit {MAX_FILE_LINES})")
        problems += long_functions(source, name)
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize(("layer", "source"), [
    ("pages", "from store.db import Store\n"),
    ("components", "from analysis import explorer\n"),
    ("components", "import connectors.fingertips\n"),
    ("connectors", "from store import queries\n"),
    ("store", "from connectors.fingertips import FingertipsClient\n"),
    ("analysis", "import streamlit as st\n"),
    ("charts", "from services import data\n"),
    ("services", "from components import chart_block\n"),
])
def test_a_forbidden_import_is_caught(layer, source):
    assert violations(layer, source, "example.py")


def test_allowed_imports_pass():
    assert not violations("pages", "import streamlit as st\nfrom services import data\nfrom components import x\n", "p")
    assert not violations("loading", "from connectors.fingertips import C\nfrom store.db import Store\n", "l")


def test_a_long_function_is_caught():
    body = "\n".join(f"    x{i} = {i}" for i in range(MAX_FUNCTION_LINES))
    assert long_functions(f"def f():\n{body}\n", "example.py")


def test_the_contract_doc_lists_every_layer():
    doc = (ROOT / "docs" / "architecture.md").read_text()
    for layer in ALLOWED:
        assert f"`{layer}" in doc, f"docs/architecture.md does not describe {layer}"


def test_every_page_file_is_named_as_its_address():
    """Until a server's first session has run st.navigation, Streamlit routes by the pages/ folder's file
    names (docs/architecture.md): a page whose address differs from its file name shows 'Page not found'
    when a shared link is the first visit after a restart."""
    tree = ast.parse((ROOT / "app.py").read_text())
    pages = [node for node in ast.walk(tree) if isinstance(node, ast.Call) and getattr(node.func, "attr", "") == "Page"]
    assert len(pages) >= 5
    for call in pages:
        path = Path(call.args[0].value)
        keywords = {k.arg: k.value.value for k in call.keywords if isinstance(k.value, ast.Constant)}
        if keywords.get("default"):
            continue
        assert keywords.get("url_path", path.stem) == path.stem, f"{path} is served at /{keywords['url_path']}"
        assert (ROOT / path).is_file(), path
