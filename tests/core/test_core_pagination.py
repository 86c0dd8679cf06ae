from __future__ import annotations

import pytest
from core_models import ListInput, ListOutput, Thing

from sagemaker_client._core.errors import PaginationError
from sagemaker_client._core.pagination import next_page_params, page_items
from sagemaker_client._core.specs import OperationSpec, PaginatorSpec

SPEC = PaginatorSpec(
    operation=OperationSpec(name="ListThings", input=ListInput, output=ListOutput),
    input_token="next_token",
    output_token="next_token",
    result_key="things",
    limit_key="max_results",
)


def test_token_is_handed_over_and_other_params_kept():
    params = ListInput(max_results=7)
    following = next_page_params(SPEC, params, ListOutput(next_token="tok-1"))
    assert following == ListInput(max_results=7, next_token="tok-1")
    after = next_page_params(SPEC, following, ListOutput(next_token="tok-2"))
    assert after == ListInput(max_results=7, next_token="tok-2")
    assert params == ListInput(max_results=7)  # not mutated


@pytest.mark.parametrize("token", [None, ""])
def test_end_of_pages(token):
    assert next_page_params(SPEC, ListInput(next_token="t"), ListOutput(next_token=token)) is None


def test_repeated_token_raises():
    with pytest.raises(PaginationError) as caught:
        next_page_params(SPEC, ListInput(next_token="same"), ListOutput(next_token="same"))
    assert "same" in str(caught.value)
    assert "ListThings" in str(caught.value)


def test_page_items():
    things = [Thing(name="a"), Thing(name="b")]
    assert page_items(SPEC, ListOutput(things=things)) == things
    assert page_items(SPEC, ListOutput()) == []
    assert page_items(SPEC, ListOutput(things=[])) == []
