"""Reading plans from their text: every figure found in prose, and whole plans read
into drafts.

    >>> [f.text for f in find_figures("共争取项目36项，经费159。3万元。")]
    ['36项', '159。3万元']
"""

from __future__ import annotations

from ._draft import Draft, read_plan, read_plan_file
from ._find import Found, find_figures
from ._statements import Place

__all__ = ["Draft", "Found", "Place", "find_figures", "read_plan", "read_plan_file"]
