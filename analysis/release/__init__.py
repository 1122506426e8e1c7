"""Microdata releases of a wave: labelled files in five formats and DDI Codebook metadata.

See docs/microdata.md. :func:`build_release` makes the files and their
variables from interview records, :func:`write_release` writes them (CSV
with a codebook, XLSX, Stata, SPSS, Parquet), :func:`read_release` reads
them back as analysis tables and :func:`ddi_codebook` describes a release in
DDI Codebook 2.5. Disclosure control of public editions is
:mod:`analysis.disclosure`'s; the server's service applies it.
"""

from analysis.release.build import DERIVED_PREFIX, build_release, household_file, rederive
from analysis.release.ddi import DDI_NAMESPACE, ddi_codebook
from analysis.release.model import (
    EDITIONS,
    FILE_NAMES,
    Edition,
    FileName,
    Release,
    Study,
    Variable,
)
from analysis.release.writers import (
    FORMATS,
    Format,
    codebook_table,
    read_release,
    release_prefix,
    write_release,
)

__all__ = [
    "DDI_NAMESPACE",
    "DERIVED_PREFIX",
    "EDITIONS",
    "FILE_NAMES",
    "FORMATS",
    "Edition",
    "FileName",
    "Format",
    "Release",
    "Study",
    "Variable",
    "build_release",
    "rederive",
    "codebook_table",
    "ddi_codebook",
    "household_file",
    "read_release",
    "release_prefix",
    "write_release",
]
