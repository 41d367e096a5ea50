"""Short names for the qualifiers, as the tests of figures write them."""

from __future__ import annotations

from sciplan_model import Qualifier

EXACT = Qualifier.EXACT
AT_LEAST = Qualifier.AT_LEAST
MORE_THAN = Qualifier.MORE_THAN
AT_MOST = Qualifier.AT_MOST
LESS_THAN = Qualifier.LESS_THAN
ODD = Qualifier.ODD
NEARLY = Qualifier.NEARLY
ABOUT = Qualifier.ABOUT
RANGE = Qualifier.RANGE
UNKNOWN = Qualifier.UNKNOWN
