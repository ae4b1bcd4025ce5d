"""Vietnam's administrative units after the 2025 reorganisation, from the CSV files
shipped in ``centres/data/`` (provenance in ``centres/data/SOURCE.md``)."""

import csv
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent / "data"


def _number(value, kind):
    value = (value or "").strip()
    return kind(value) if value else None


def province_rows():
    """Yield one dict per province, ready for ``Province(**row)``."""
    with open(DATA_DIR / "provinces.csv", encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            yield {
                "code": row["code"],
                "name": row["name"],
                "unit_type": row["type"],
                "latitude": float(row["latitude"]),
                "longitude": float(row["longitude"]),
                "population": _number(row["population"], int),
                "area_km2": _number(row["area_km2"], float),
            }


def commune_rows():
    """Yield one dict per commune with ``province_code`` instead of the province."""
    with open(DATA_DIR / "vn_admin_units_2025.csv", encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            yield {
                "code": row["code"],
                "name": row["name"],
                "unit_type": row["type"],
                "province_code": row["province_code"],
                "latitude": float(row["latitude"]),
                "longitude": float(row["longitude"]),
                "population": _number(row["population"], int),
                "area_km2": _number(row["area_km2"], float),
            }
