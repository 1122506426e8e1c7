"""What a microdata release is: its files, their variables with labels, and the study."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import Literal

import pandas as pd

__all__ = [
    "EDITIONS",
    "FILE_NAMES",
    "Edition",
    "FileName",
    "Release",
    "Role",
    "Study",
    "Variable",
]

Edition = Literal["public", "internal"]
EDITIONS: tuple[Edition, ...] = ("public", "internal")
FileName = Literal["respondent", "incident", "household"]
#: The files of a release, in the order they are written and described.
FILE_NAMES: tuple[FileName, ...] = ("respondent", "incident", "household")
#: What a variable is for: the key, the design, geography, a questionnaire answer,
#: a derived indicator variable, an incident helper, a roster column, other meta data.
Role = Literal["id", "design", "weight", "geography", "question", "derived", "roster", "meta"]


@dataclass(frozen=True)
class Variable:
    """One column of a release file, described in the release's language.

    ``value_labels`` maps codes to labels (declared missing codes included);
    ``missing`` lists the codes declared missing (-8 don't know, -9 refused)
    and ``not_applicable`` says that a blank means "not asked" (the
    questionnaire's routing skipped it), which the Stata and SPSS files
    write as a declared missing value of its own.
    """

    name: str
    label: str
    role: Role
    numeric: bool = True
    value_labels: Mapping[int, str] = field(default_factory=dict)
    missing: tuple[int, ...] = ()
    not_applicable: bool = False
    #: questionnaire item (grid row, multiple-choice item) the column comes from
    item: str | None = None
    #: question text and the condition under which it is asked (questionnaire variables)
    question: str | None = None
    universe: str | None = None
    #: how a derived variable is computed, in words
    derivation: str | None = None


@dataclass(frozen=True)
class Study:
    """What the DDI study description and the file labels say about a wave."""

    id: str  # the wave's slug: the study's identifier in a catalogue
    title: str
    reference_start: dt.date
    reference_end: dt.date
    fieldwork_start: dt.date | None = None
    fieldwork_end: dt.date | None = None
    producer: str = "surveyapp"
    country: str | None = None
    instrument: str = ""  # instrument id and version


@dataclass(frozen=True)
class Release:
    """The files of one wave's release and their variables, in one language and edition.

    ``variables[name]`` describes the columns of ``files[name]`` in order.
    ``notes`` holds what the builder wants the codebook to say (e.g. the
    disclosure-control summary of a public edition).
    """

    study: Study
    language: str
    edition: Edition
    files: Mapping[FileName, pd.DataFrame]
    variables: Mapping[FileName, tuple[Variable, ...]]
    notes: tuple[str, ...] = ()

    def variable(self, file: FileName, name: str) -> Variable:
        """The variable ``name`` of ``file``; ``KeyError`` when absent."""
        for var in self.variables[file]:
            if var.name == name:
                return var
        raise KeyError(f"{file} file has no variable {name!r}")

    def with_files(self, files: Mapping[FileName, pd.DataFrame], *notes: str) -> Release:
        """The release with new file contents (after disclosure control), variables realigned.

        Columns dropped from a file lose their description; a column that
        appears (a recode under a new name) gets a plain one.
        """
        variables: dict[FileName, tuple[Variable, ...]] = {}
        for name, frame in files.items():
            known = {v.name: v for v in self.variables.get(name, ())}
            described = []
            for column in frame.columns:
                numeric = bool(pd.api.types.is_numeric_dtype(frame[column]))
                var = known.get(str(column)) or Variable(str(column), str(column), "meta")
                if var.numeric != numeric:  # a recode to text (age groups) keeps only its label
                    var = replace(var, numeric=numeric, value_labels={}, missing=())
                described.append(var)
            variables[name] = tuple(described)
        return replace(self, files=dict(files), variables=variables, notes=self.notes + notes)
