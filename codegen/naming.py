"""Names: botocore-compatible snake_case, escaped identifiers, enum member and class names.

``snake_case`` reproduces botocore's ``xform_name`` (the rule boto3 uses for method and parameter
names) so that ``client.create_notebook_instance(volume_size_in_gb=...)`` reads the same here as in
boto3. It is written from the observable behaviour; a test compares it with ``botocore.xform_name``
over every operation and member name of the SageMaker service model.
"""

from __future__ import annotations

import keyword
import re

# A trailing run of two or more capitals followed by a plural "s" ("ARNs", "IDs") is one word.
_PLURAL_ACRONYM = re.compile(r"[A-Z]{2,}s$")
# Any character followed by a capitalised word ("xName" -> "x_Name"); matches do not overlap.
_BEFORE_WORD = re.compile(r"(.)([A-Z][a-z]+)")
# A lower-case letter or digit followed by a capital ("3Uri" -> "3_Uri", "nGB" -> "n_GB").
_LOWER_THEN_UPPER = re.compile(r"([a-z0-9])([A-Z])")

_IDENTIFIER = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
_WIRE_NAME = re.compile(r"^[A-Za-z][A-Za-z0-9]*$")
_NON_IDENTIFIER_CHARS = re.compile(r"[^A-Za-z0-9]+")

# Names that cannot be parameters or attributes: hard keywords, plus ``self`` for methods. Soft
# keywords (match, case, type) and builtins (id, type) are valid parameter names and stay as is.
_RESERVED = frozenset(keyword.kwlist) | {"self"}


def snake_case(name: str) -> str:
    """``CreateNotebookInstance`` -> ``create_notebook_instance``, ``S3Uri`` -> ``s3_uri``.

    A name that already contains an underscore is returned unchanged, as botocore does.
    """
    if "_" in name:
        return name
    plural = _PLURAL_ACRONYM.search(name)
    if plural is not None:
        name = name[: plural.start()] + "_" + plural.group().lower()
    name = _BEFORE_WORD.sub(r"\1_\2", name)
    return _LOWER_THEN_UPPER.sub(r"\1_\2", name).lower()


def escape(name: str) -> str:
    """Append ``_`` to a Python keyword (``lambda`` -> ``lambda_``) or ``self``."""
    return f"{name}_" if name in _RESERVED else name


def attribute_name(wire_name: str) -> str:
    """The Python attribute / parameter name of a wire member name."""
    return escape(snake_case(wire_name))


def constant_name(name: str) -> str:
    """``DescribeEndpoint`` -> ``DESCRIBE_ENDPOINT``."""
    return snake_case(name).upper()


def is_identifier(name: str) -> bool:
    return bool(_IDENTIFIER.match(name)) and not keyword.iskeyword(name)


def is_wire_name(name: str) -> bool:
    """Whether a property, operation or schema name is one this generator accepts (ASCII alnum)."""
    return bool(_WIRE_NAME.match(name))


def enum_member_names(values: list[str]) -> list[str]:
    """UPPER_SNAKE member names for enum values, unique and in the order of ``values``.

    ``InService`` -> ``IN_SERVICE``, ``ml.t2.medium`` -> ``ML_T2_MEDIUM``, ``CREATE_FAILED`` stays.
    A name starting with a digit gets a ``VALUE_`` prefix; a repeated name gets ``_2``, ``_3``...
    """
    names: list[str] = []
    taken: set[str] = set()
    for value in values:
        words = [snake_case(part) for part in _NON_IDENTIFIER_CHARS.split(value) if part]
        base = "_".join(words).upper() or "VALUE"
        base = re.sub(r"_+", "_", base).strip("_") or "VALUE"
        if base[0].isdigit():
            base = f"VALUE_{base}"
        name, counter = base, 2
        while name in taken:
            name, counter = f"{base}_{counter}", counter + 1
        taken.add(name)
        names.append(name)
    return names


def singular(name: str) -> str:
    """``ProductionVariants`` -> ``ProductionVariant``; without a plural ending: + ``Item``."""
    if name.endswith("ies") and len(name) > 3:
        return name[:-3] + "y"
    if name.endswith(("sses", "xes", "ches", "shes")):
        return name[:-2]
    if name.endswith("s") and not name.endswith("ss"):
        return name[:-1]
    return name + "Item"


def pascal_case(name: str) -> str:
    """Upper-case the first letter: ``snakeName`` -> ``SnakeName``."""
    return name[:1].upper() + name[1:]
