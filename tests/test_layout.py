"""The package layout keeps the path of a log: imports run cli -> scoring/report -> model -> text -> data.

These tests read the import graph from the source (nothing is imported), so a module that imports
against the allowed direction fails here before it can tangle the wings. docs/ARCHITECTURE.md draws
the same graph.
"""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

# A wing may import its own modules and any wing of a lower rank; scoring and report share a rank,
# so neither may import the other.
RANKS = {"base": 0, "data": 1, "text": 2, "model": 3, "scoring": 4, "report": 4, "cli": 5}


def _module_name(path):
    """'classifier/data/loading.py' -> 'classifier.data.loading' (a package is its __init__)."""
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _modules(package):
    """Every module of ``package`` as {name: parsed tree}."""
    return {_module_name(path): ast.parse(path.read_text("utf-8"), str(path))
            for path in sorted((ROOT / package).rglob("*.py"))}


def _imports(tree, *, top_level_only=False):
    """(imported module, line, inside a function) for each import in ``tree``.

    ``from package import name`` counts as importing ``package.name`` as well as ``package``, since
    the name may be a submodule.
    """
    found = []
    nodes = tree.body if top_level_only else ast.walk(tree)
    nested = {id(node) for fn in ast.walk(tree) if isinstance(fn, (ast.FunctionDef, ast.AsyncFunctionDef))
              for node in ast.walk(fn) if node is not fn}
    for node in nodes:
        inside = id(node) in nested
        if isinstance(node, ast.Import):
            found += [(alias.name, node.lineno, inside) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            found.append((node.module, node.lineno, inside))
            found += [(f"{node.module}.{alias.name}", node.lineno, inside) for alias in node.names]
    return found


def _wing(module):
    """The wing of a ``classifier`` module name ('base' for errors and the lazy-export helper)."""
    parts = module.split(".")
    if len(parts) == 1:
        return "cli"  # the package facade re-exports every wing, like the CLI
    if parts[1] in RANKS:
        return parts[1]
    return {"cli": "cli", "__main__": "cli", "errors": "base", "_exports": "base"}.get(parts[1])


def _known(modules, name):
    """The longest prefix of ``name`` that is a module in ``modules`` (None for names outside them)."""
    while name and name not in modules:
        name = name.rpartition(".")[0]
    return name or None


CLASSIFIER = _modules("classifier")
TRAINING = _modules("training")


def test_every_classifier_module_belongs_to_a_wing():
    assert {name: _wing(name) for name in CLASSIFIER if _wing(name) is None} == {}


@pytest.mark.parametrize("importer", sorted(CLASSIFIER))
def test_classifier_imports_follow_the_path_of_a_log(importer):
    wrong = []
    for name, line, _ in _imports(CLASSIFIER[importer]):
        target = _known(CLASSIFIER, name)
        if target is None or target == "classifier" and name in {"classifier", "classifier.__version__"}:
            continue
        mine, theirs = _wing(importer), _wing(target)
        if theirs == "cli" and importer != "classifier.__main__":
            wrong.append(f"line {line}: {target} (nothing imports the CLI)")
        elif mine != theirs and RANKS[theirs] >= RANKS[mine]:
            wrong.append(f"line {line}: {target} ({mine} may not import {theirs})")
    assert wrong == []


@pytest.mark.parametrize("importer", sorted(CLASSIFIER))
def test_classifier_imports_training_only_lazily_from_the_cli(importer):
    lazy_in_cli = importer == "classifier.cli"
    wrong = [f"line {line}: {name}" for name, line, inside in _imports(CLASSIFIER[importer])
             if name.split(".")[0] == "training" and not (lazy_in_cli and inside)]
    assert wrong == []


def test_no_two_classifier_modules_import_each_other():
    graph = {name: {_known(CLASSIFIER, target) for target, _, _ in _imports(tree, top_level_only=True)}
             - {None, name} for name, tree in CLASSIFIER.items()}
    cycles = sorted((a, b) for a in graph for b in graph[a] if a < b and a in graph.get(b, set())
                    and a != "classifier" and b != "classifier")
    assert cycles == []


@pytest.mark.parametrize("importer", sorted(TRAINING))
def test_training_wings_stay_apart(importer):
    """The generator stands alone; the audit loop needs neither the generator nor the review app, which
    sits on the audit loop; nobody imports the CLI."""
    wrong = []
    for name, line, _ in _imports(TRAINING[importer]):
        if name.startswith("classifier.cli"):
            wrong.append(f"line {line}: {name}")
        if importer.startswith("training.generator") and name.startswith("training.") \
                and not name.startswith("training.generator"):
            wrong.append(f"line {line}: {name} (the generator imports only itself and classifier)")
        if importer.startswith("training.audit") and name.startswith(("training.generator", "training.review")):
            wrong.append(f"line {line}: {name} (the audit loop uses neither the generator nor the review app)")
        if importer.startswith("training.review") and name.startswith("training.") \
                and not name.startswith(("training.review", "training.audit")):
            wrong.append(f"line {line}: {name} (the review app imports only itself, the audit loop and classifier)")
    assert wrong == []


def test_the_checks_see_a_wrong_import():
    """The graph reader is not vacuous: a data module importing the model wing is caught."""
    tree = ast.parse("from classifier.model.features import CharTfidfVectorizer\n")
    target = _known(CLASSIFIER, "classifier.model.features.CharTfidfVectorizer")
    assert target == "classifier.model.features"
    assert _imports(tree)[0][0] == "classifier.model.features"
    assert RANKS[_wing(target)] > RANKS[_wing("classifier.data.loading")]
