"""The one refusal type and the one helper that shows a refusal on a page."""

import pytest
from django import forms
from django.contrib.messages import get_messages
from django.contrib.messages.storage.fallback import FallbackStorage
from django.core.exceptions import ValidationError
from django.test import RequestFactory

from assessment.services import AssessmentError
from jiangmen_edu.errors import REFUSALS, Refused, refusal_text, show_refusal
from jiangmen_edu.imports.reading import FileRejected
from jiangmen_edu.imports.services import ImportRefused
from jiangmen_edu.workflow import ReturnLocked, WorkflowError


class PlanForm(forms.Form):
    seats = forms.IntegerField()


def _request():
    request = RequestFactory().post("/")
    request.session = {}
    request._messages = FallbackStorage(request)
    return request


@pytest.mark.parametrize(
    "refusal", [WorkflowError, ReturnLocked, ImportRefused, FileRejected, AssessmentError]
)
def test_every_refusal_of_the_services_is_one_type(refusal):
    assert issubclass(refusal, Refused)
    assert issubclass(refusal, REFUSALS)


def test_a_field_error_lands_on_its_field_and_an_unknown_field_on_the_form():
    form = PlanForm({"seats": "1"})
    assert form.is_valid()
    show_refusal(ValidationError({"seats": "太少", "elsewhere": "别处"}), form=form)
    assert form.errors["seats"] == ["太少"]
    assert form.non_field_errors() == ["别处"]


def test_a_refusal_lands_on_the_form_as_a_whole():
    form = PlanForm({"seats": "1"})
    form.is_valid()
    show_refusal(ReturnLocked("已锁定"), form=form)
    show_refusal(ValidationError(["甲", "乙"]), form=form)
    assert form.non_field_errors() == ["已锁定", "甲", "乙"]
    assert "seats" not in form.errors


def test_without_a_form_the_refusal_is_one_page_message():
    request = _request()
    show_refusal(ValidationError({"seats": ["太少", "须为整数"]}), request=request)
    show_refusal(ImportRefused("已导入"), request=request)
    assert [str(m) for m in get_messages(request)] == ["太少 须为整数", "已导入"]


def test_refusal_text_is_one_line():
    assert refusal_text(ValidationError(["甲", "乙"])) == "甲 乙"
    assert refusal_text(Refused("不行")) == "不行"
