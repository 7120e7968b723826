"""Lazy public faces for the ``classifier`` package and its wings (PEP 562).

A wing's ``__init__`` names its public API without importing it: each name's module is imported
the first time the name is used, so ``crimerec --help`` and the data loader never pay for spaCy or
scikit-learn, and importing one module of a wing does not import the rest.
"""

import importlib
import sys


def lazy_exports(package, exports):
    """Return ``(__getattr__, __dir__)`` for ``package``, serving ``exports`` (name -> module) lazily.

    Parameters
    ----------
    package : str
        The package's ``__name__``.
    exports : dict of str to iterable of str
        Module (relative to ``package``, or absolute) -> the public names it defines.

    Examples
    --------
    >>> getattr_, dir_ = lazy_exports("classifier", {"classifier.data.contract": ["NO_CRIME"]})
    >>> getattr_("NO_CRIME")
    'No crime'
    """

    modules = {name: module for module, names in exports.items() for name in names}

    def __getattr__(name):
        if name not in modules:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        module = modules[name]
        value = getattr(importlib.import_module(module if "." in module else f"{package}.{module}"), name)
        setattr(sys.modules[package], name, value)
        return value

    def __dir__():
        return sorted(set(vars(sys.modules[package])) | set(modules))

    return __getattr__, __dir__
