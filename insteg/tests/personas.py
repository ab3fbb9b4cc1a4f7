"""The personas of the test suite (fixtures of the same names live in insteg/conftest.py)."""

PERSONAS = [
    "anonymous",
    "procurement_officer",
    "matching_officer",
    "administrator",
    "supplier",
    "other_supplier",
    "employment_officer",
    "other_employment_officer",
    "funder",
    "data_protection_officer",
]
