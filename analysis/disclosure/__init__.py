"""Disclosure control for public microdata files (issue 12); see ``analysis/docs/disclosure.md``.

A pure library (numpy, pandas): :func:`apply_policy` turns a release's
internal files into the public edition under a declared
:class:`DisclosurePolicy` and returns a :class:`DisclosureReport` (risk before
and after, suppressed cells, utility cost); :func:`verify` refuses a public
file that fails its own policy; :func:`annex_text` is the policy's section of
the methodology annex.
"""

from analysis.disclosure.apply import PolicyViolation, Violation, apply_policy, check, verify
from analysis.disclosure.policy import (
    DisclosurePolicy,
    KeyVariable,
    PolicyError,
    default_policy,
)
from analysis.disclosure.report import DisclosureReport, annex_paragraphs, annex_text
from analysis.disclosure.risk import RiskSummary, frequencies, individual_risk, measure_risk
from analysis.disclosure.suppression import local_suppression
from analysis.disclosure.utility import EstimateFunction, UtilityRow

__all__ = [
    "DisclosurePolicy",
    "DisclosureReport",
    "EstimateFunction",
    "KeyVariable",
    "PolicyError",
    "PolicyViolation",
    "RiskSummary",
    "UtilityRow",
    "Violation",
    "annex_paragraphs",
    "annex_text",
    "apply_policy",
    "check",
    "default_policy",
    "frequencies",
    "individual_risk",
    "local_suppression",
    "measure_risk",
    "verify",
]
