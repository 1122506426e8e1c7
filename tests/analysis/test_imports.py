"""Importing the analysis package loads only what is used (issue 13): checked in fresh processes."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
HEAVY = ("scipy", "scipy.stats", "statsmodels", "patsy", "matplotlib", "weasyprint")


def loaded_after(code: str) -> set[str]:
    """The heavy modules (and pandas) in ``sys.modules`` after running ``code`` in a new interpreter."""
    probe = f"{code}\nimport json, sys\nprint(json.dumps(sorted(sys.modules)))"
    out = subprocess.run(
        [sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, check=True
    )
    modules = set(json.loads(out.stdout.strip().splitlines()[-1]))
    return modules & {*HEAVY, "pandas"}


def test_import_analysis_loads_neither_pandas_nor_scipy() -> None:
    assert loaded_after("import analysis") == set()


def test_a_first_domain_estimate_needs_neither_scipy_nor_statsmodels() -> None:
    code = (
        "import pandas as pd\n"
        "from analysis import SurveyDesign\n"
        "d = pd.DataFrame({'h': [1, 1, 1, 2, 2, 2], 'p': [1, 2, 3, 4, 5, 6], 'w': [1.0] * 6,\n"
        "                  'y': [1.0, 2, 3, 4, 5, 7], 'g': list('ababab')})\n"
        "design = SurveyDesign(d, weights='w', strata='h', psu='p')\n"
        "design.mean(['y'], by='g'); design.ratio('y', 'w', by='g'); design.total('y')\n"
    )
    assert loaded_after(code) == {"pandas"}


def test_regression_loads_statsmodels_when_a_model_is_fitted() -> None:
    code = (
        "import pandas as pd\n"
        "from analysis import SurveyDesign\n"
        "d = pd.DataFrame({'w': [1.0] * 8, 'y': [1.0, 2, 3, 4, 5, 7, 8, 8], 'x': range(8)})\n"
        "SurveyDesign(d, weights='w').glm('y ~ x')\n"
    )
    assert {"statsmodels", "patsy"} <= loaded_after(code)


def test_the_package_names_resolve_lazily_and_unknown_names_fail() -> None:
    code = (
        "import analysis\n"
        "assert analysis.SurveyDesign.__module__ == 'analysis.design'\n"
        "assert analysis.ReplicateDesign.__module__ == 'analysis.replicate'\n"
        "assert analysis.Estimate.__module__ == 'analysis.estimate'\n"
        "try:\n    analysis.Nope\nexcept AttributeError:\n    pass\nelse:\n    raise SystemExit(1)\n"
    )
    loaded_after(code)  # raises CalledProcessError when an assertion fails


def test_a_report_module_of_plain_tables_loads_no_chart_or_pdf_library() -> None:
    """The management page of a wave reads the report's list of comparisons it leaves out
    (analysis.report.not_asked); through the package's eager names that import loaded
    matplotlib and the PDF builder, 5-10 s on the first wave page each server process served."""
    assert not loaded_after("import analysis.report.not_asked") & {"matplotlib", "weasyprint"}


def test_the_report_package_names_resolve_lazily_and_unknown_names_fail() -> None:
    code = (
        "import analysis.report as report\n"
        "assert report.build_report.__module__ == 'analysis.report.builder'\n"
        "assert report.ReportData.__module__ == 'analysis.report.data'\n"
        "assert 'es' in report.LANGUAGES\n"
        "from analysis.report import Report, Wave\n"
        "try:\n    report.Nope\nexcept AttributeError:\n    pass\nelse:\n    raise SystemExit(1)\n"
    )
    loaded_after(code)  # raises CalledProcessError when an assertion fails


def test_the_comparisons_load_scipy_only_when_a_difference_is_tested() -> None:
    """``analysis.compare`` is read for its names by the management pages (the comparisons a
    wave's reports leave out); scipy there cost 2 s on a server process's first wave page."""
    assert "scipy" not in loaded_after("import analysis.compare")
    code = (
        "import numpy as np\n"
        "from analysis.compare.differences import _test\n"
        "_test(np.array([1.0]), np.array([0.5]), np.array([10.0]), 0.95)\n"
    )
    assert "scipy" in loaded_after(code)
