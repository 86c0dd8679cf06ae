from __future__ import annotations

import datetime
import json

import pytest
from botocore.serialize import create_serializer
from core_models import CreateInput, Inner, Required, Status, Thing, Variant

from sagemaker_client._core.serde import ShapeMismatchError, from_wire, to_wire

# Every test here runs with the interpreted first tier and with compiled functions only.
pytestmark = pytest.mark.usefixtures("serde_tier")

UTC = datetime.timezone.utc


def botocore_epoch(value: datetime.datetime):
    """The oracle: what botocore's JSON 1.1 serializer puts on the wire for a timestamp."""
    serializer = create_serializer("json", include_validation=False)
    return serializer._convert_timestamp_to_str(value, "unixtimestamp")


# -- to_wire ----------------------------------------------------------------------------------


def test_to_wire_omits_none_and_uses_wire_names():
    assert to_wire(Thing(name="a")) == {"ThingName": "a"}


def test_to_wire_nested_lists_dicts_models_and_enums():
    thing = Thing(
        name="a",
        status=Status.IN_SERVICE,
        items=[Inner(count=1), Inner(count=2, label="two", weight=0.5)],
        tags={"k": "v"},
        nested=Inner(count=3),
        enabled=False,
    )
    assert to_wire(thing) == {
        "ThingName": "a",
        "ThingStatus": "InService",
        "Items": [{"Count": 1}, {"Count": 2, "Label": "two", "Weight": 0.5}],
        "Tags": {"k": "v"},
        "Nested": {"Count": 3},
        "Enabled": False,
    }


def test_to_wire_keeps_a_plain_string_for_an_enum_member():
    assert to_wire(Thing(name="a", status="Brand-New"))["ThingStatus"] == "Brand-New"


def test_to_wire_output_is_json_serializable():
    thing = Thing(name="a", created=datetime.datetime(2024, 1, 2, tzinfo=UTC), items=[])
    assert json.loads(json.dumps(to_wire(thing)))["Items"] == []


@pytest.mark.parametrize(
    "value",
    [
        datetime.datetime(2024, 1, 2, 3, 4, 5, tzinfo=UTC),
        datetime.datetime(2024, 1, 2, 3, 4, 5, 123456, tzinfo=UTC),
        datetime.datetime(2024, 1, 2, 3, 4, 5, 3691, tzinfo=UTC),
        datetime.datetime(1970, 1, 1, 0, 0, 1, 3691, tzinfo=UTC),
        datetime.datetime(2024, 1, 2, 3, 4, 5),  # naive: UTC
        datetime.datetime(
            2024, 1, 2, 5, 4, 5, 250000, tzinfo=datetime.timezone(datetime.timedelta(hours=2))
        ),
    ],
)
def test_to_wire_timestamps_match_botocore(value):
    wire = to_wire(Thing(name="a", created=value))["CreationTime"]
    expected = botocore_epoch(value)
    assert wire == expected
    assert type(wire) is type(expected)


def test_to_wire_whole_second_is_an_int():
    wire = to_wire(Thing(name="a", created=datetime.datetime(2024, 1, 2, tzinfo=UTC)))
    assert wire["CreationTime"] == 1704153600
    assert isinstance(wire["CreationTime"], int)


# -- from_wire --------------------------------------------------------------------------------

EXPECTED = datetime.datetime(2024, 1, 2, 3, 4, 5, tzinfo=UTC)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (1704164645, EXPECTED),
        (1704164645.5, EXPECTED.replace(microsecond=500000)),
        ("1704164645", EXPECTED),
        ("1704164645.25", EXPECTED.replace(microsecond=250000)),
        ("2024-01-02T03:04:05Z", EXPECTED),
        ("2024-01-02T03:04:05.123Z", EXPECTED.replace(microsecond=123000)),
        ("2024-01-02T03:04:05.123456789Z", EXPECTED.replace(microsecond=123456)),
        ("2024-01-02T05:04:05+02:00", EXPECTED),
        ("2024-01-02T03:04:05", EXPECTED),
    ],
)
def test_from_wire_timestamps_are_aware_and_equal(raw, expected):
    parsed = from_wire(Thing, {"ThingName": "a", "CreationTime": raw}).created
    assert parsed == expected
    assert parsed.tzinfo is not None


def test_from_wire_offset_timestamp_is_converted_to_utc():
    parsed = from_wire(
        Thing, {"ThingName": "a", "CreationTime": "2024-01-02T05:04:05+02:00"}
    ).created
    assert parsed.utcoffset() == datetime.timedelta(0)
    assert parsed.hour == 3


@pytest.mark.parametrize("raw", ["2024-01-02T05:04:05.123+02:00", "2024-01-02T01:04:05.123-02:00"])
def test_from_wire_fraction_with_offset(raw):
    parsed = from_wire(Thing, {"ThingName": "a", "CreationTime": raw}).created
    assert parsed == EXPECTED.replace(microsecond=123000)


def test_from_wire_epoch_is_utc():
    parsed = from_wire(Thing, {"ThingName": "a", "CreationTime": 0}).created
    assert parsed.utcoffset() == datetime.timedelta(0)


def test_from_wire_roundtrips_to_wire():
    thing = Thing(
        name="a",
        status=Status.FAILED,
        created=datetime.datetime(2024, 1, 2, 3, 4, 5, 120000, tzinfo=UTC),
        items=[Inner(count=1, label="x", weight=1.5)],
        tags={"a": "b"},
        nested=Inner(count=2),
        enabled=True,
    )
    assert from_wire(Thing, json.loads(json.dumps(to_wire(thing)))) == thing


def test_from_wire_ignores_unknown_fields():
    parsed = from_wire(
        Thing, {"ThingName": "a", "Surprise": {"x": 1}, "Items": [{"Count": 1, "New": 2}]}
    )
    assert parsed == Thing(name="a", items=[Inner(count=1)])


def test_from_wire_known_enum_is_member_unknown_is_str():
    known = from_wire(Thing, {"ThingName": "a", "ThingStatus": "InService"}).status
    unknown = from_wire(Thing, {"ThingName": "a", "ThingStatus": "Hibernating"}).status
    assert known is Status.IN_SERVICE
    assert unknown == "Hibernating"
    assert type(unknown) is str


def test_from_wire_int_accepts_integral_float_and_float_accepts_int():
    parsed = from_wire(Thing, {"ThingName": "a", "Items": [{"Count": 2.0, "Weight": 3}]})
    assert parsed.items[0].count == 2
    assert type(parsed.items[0].count) is int
    assert parsed.items[0].weight == 3.0
    assert type(parsed.items[0].weight) is float


def test_from_wire_missing_required_members_get_zero_values():
    parsed = from_wire(Required, {})
    assert parsed == Required(
        text="",
        number=0,
        ratio=0.0,
        flag=False,
        when=datetime.datetime(1970, 1, 1, tzinfo=UTC),
        status="",
        values=[],
        mapping={},
        inner=Inner(count=0),
    )


def test_from_wire_present_required_members_are_kept():
    parsed = from_wire(
        Required, {"Text": "t", "Number": 4, "Inner": {"Count": 9}, "Status": "Failed"}
    )
    assert (parsed.text, parsed.number, parsed.inner.count) == ("t", 4, 9)
    assert parsed.status is Status.FAILED


@pytest.mark.parametrize(
    ("data", "path"),
    [
        ({"ThingName": "a", "Items": [{"Count": 1}, {"Count": "two"}]}, "$.items[1].count"),
        ({"ThingName": 5}, "$.name"),
        ({"ThingName": "a", "Enabled": "yes"}, "$.enabled"),
        ({"ThingName": "a", "Enabled": 1}, "$.enabled"),
        ({"ThingName": "a", "Items": [{"Count": True}]}, "$.items[0].count"),
        ({"ThingName": "a", "Items": [{"Count": 1.5}]}, "$.items[0].count"),
        ({"ThingName": "a", "Tags": {"k": 1}}, "$.tags['k']"),
        ({"ThingName": "a", "CreationTime": "yesterday"}, "$.created"),
        ({"ThingName": "a", "CreationTime": True}, "$.created"),
        ({"ThingName": "a", "ThingStatus": 3}, "$.status"),
        ({"ThingName": "a", "Nested": []}, "$.nested"),
    ],
)
def test_from_wire_wrong_types_raise_with_path(data, path):
    with pytest.raises(ShapeMismatchError) as caught:
        from_wire(Thing, data)
    assert any(path in problem for problem in caught.value.problems), caught.value.problems
    assert path in str(caught.value)


def test_from_wire_top_level_not_an_object():
    with pytest.raises(ShapeMismatchError) as caught:
        from_wire(Thing, ["ThingName"])
    assert caught.value.problems


def test_from_wire_lists_every_problem():
    with pytest.raises(ShapeMismatchError) as caught:
        from_wire(Thing, {"ThingName": 1, "Items": [{"Count": "x"}]})
    joined = " ".join(caught.value.problems)
    assert "$.name" in joined
    assert "$.items[0].count" in joined


def test_shape_mismatch_is_a_value_error():
    assert issubclass(ShapeMismatchError, ValueError)


def test_to_wire_of_create_input():
    params = CreateInput(
        config_name="c", production_variants=[Variant(variant_name="v", initial_instance_count=1)]
    )
    assert to_wire(params) == {
        "EndpointConfigName": "c",
        "ProductionVariants": [{"VariantName": "v", "InitialInstanceCount": 1}],
    }


# -- properties ---------------------------------------------------------------------------------

from hypothesis import given  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

AWARE = st.datetimes(
    min_value=datetime.datetime(1970, 1, 1),
    max_value=datetime.datetime(2200, 1, 1),
    timezones=st.just(UTC),
)


@given(AWARE)
def test_timestamp_wire_matches_botocore_and_round_trips(value):
    wire = to_wire(Thing(name="a", created=value))["CreationTime"]
    assert wire == botocore_epoch(value)
    assert (
        from_wire(Thing, json.loads(json.dumps({"ThingName": "a", "CreationTime": wire}))).created
        == value
    )


@given(
    st.builds(
        Thing,
        name=st.text(),
        status=st.one_of(
            st.none(),
            st.sampled_from(Status),
            st.text().filter(lambda s: s not in {m.value for m in Status}),
        ),
        items=st.one_of(
            st.none(),
            st.lists(
                st.builds(
                    Inner, count=st.integers(-(10**6), 10**6), label=st.one_of(st.none(), st.text())
                )
            ),
        ),
        tags=st.one_of(st.none(), st.dictionaries(st.text(), st.text())),
        enabled=st.one_of(st.none(), st.booleans()),
    )
)
def test_models_round_trip_through_json(thing):
    assert from_wire(Thing, json.loads(json.dumps(to_wire(thing)))) == thing


@pytest.mark.parametrize(
    ("raw", "normalized"),
    [
        ("2024-01-02T03:04:05.123Z", "2024-01-02T03:04:05.123000+00:00"),
        ("2024-01-02T03:04:05.123456789Z", "2024-01-02T03:04:05.123456+00:00"),
        ("2024-01-02T05:04:05.123+02:00", "2024-01-02T05:04:05.123000+02:00"),
    ],
)
def test_normalize_iso_is_python310_compatible(raw, normalized):
    from sagemaker_client._core.serde import _normalize_iso

    assert _normalize_iso(raw) == normalized


def test_normalize_iso_without_zone():
    from sagemaker_client._core.serde import _normalize_iso

    assert _normalize_iso("2024-01-02T03:04:05.5") == "2024-01-02T03:04:05.500000"
    assert _normalize_iso("2024-01-02T03:04:05Z") == "2024-01-02T03:04:05+00:00"
