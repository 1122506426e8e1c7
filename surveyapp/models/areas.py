"""The geographic hierarchy results are reported for."""

from __future__ import annotations

import enum

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .base import Base, enum_column


class AreaLevel(enum.StrEnum):
    """Levels from the largest to the smallest."""

    country = "country"
    region = "region"  # state, department, province
    municipality = "municipality"
    neighbourhood = "neighbourhood"

    @property
    def depth(self) -> int:
        return list(AreaLevel).index(self)


class Area(Base):
    """A country, region, municipality or neighbourhood."""

    __tablename__ = "areas"
    __table_args__ = (sa.UniqueConstraint("level", "parent_id", "code"),)

    id: Mapped[int] = mapped_column(primary_key=True)  # surrogate key
    level: Mapped[AreaLevel] = mapped_column(
        enum_column(AreaLevel, "area_level")
    )  # place in the hierarchy
    code: Mapped[str] = mapped_column(
        sa.String(32)
    )  # official code (e.g. INEGI/DANE), unique per level and parent
    name: Mapped[str] = mapped_column(sa.String(200))  # official name
    parent_id: Mapped[int | None] = mapped_column(  # enclosing area; none for countries
        sa.ForeignKey("areas.id", ondelete="RESTRICT"), index=True
    )
    population: Mapped[int | None] = mapped_column()  # total population, when known

    parent: Mapped[Area | None] = relationship(remote_side=[id], back_populates="children")
    children: Mapped[list[Area]] = relationship(back_populates="parent")

    def ancestors(self) -> list[Area]:
        """Enclosing areas from the parent up to the country."""
        chain: list[Area] = []
        node = self.parent
        while node is not None:
            chain.append(node)
            node = node.parent
        return chain

    def __repr__(self) -> str:
        return f"<Area {self.level.value} {self.code} {self.name}>"
