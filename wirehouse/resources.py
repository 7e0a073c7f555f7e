"""Where wirehouse finds its own files, in a checkout and when installed as a package.

In a checkout the SQL and the German model sit beside the code (`sql/`, `models/`). The wheel
carries copies of both under `wirehouse/_data/` (pyproject's `force-include`), so an installed
`wirehouse` runs anywhere. Settings' defaults that need a project folder (the inbox, the
warehouse, the Prefect history) use the checkout when there is one, otherwise the current
directory, and the CLI says so.
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE_DIR = Path(__file__).resolve().parent
_PACKAGED_DATA = _PACKAGE_DIR / "_data"
CHECKOUT_ROOT = _PACKAGE_DIR.parent


def is_checkout() -> bool:
    """True when this code runs from a source checkout (editable install or `make setup`)."""
    return (CHECKOUT_ROOT / "pyproject.toml").is_file() and (CHECKOUT_ROOT / "sql").is_dir()


def data_path(*parts: str) -> Path:
    """A shipped data file or folder (`sql`, `models/de_wirehouse_news`): the installed copy
    when the package has one, otherwise the checkout's."""
    packaged = _PACKAGED_DATA.joinpath(*parts)
    return packaged if packaged.exists() else CHECKOUT_ROOT.joinpath(*parts)


def project_root() -> Path:
    """The folder relative default paths hang from: the checkout, or the current directory."""
    return CHECKOUT_ROOT if is_checkout() else Path.cwd().resolve()
