"""Bad input is refused with a plain sentence."""

from __future__ import annotations

import pytest

from analysis import methods


@pytest.mark.parametrize(("call", "message"), [
    (lambda: methods.wilson_ci(-1, 10), "The count cannot be negative"),
    (lambda: methods.wilson_ci(11, 10), "cannot be larger than the denominator"),
    (lambda: methods.wilson_ci(1, 10, confidence=0.9), "Confidence must be 0.95 \\(95%\\) or 0.998"),
    (lambda: methods.byars_ci([-3], [100]), "The count cannot be negative"),
    (lambda: methods.byars_ci(3, 100, confidence=0.9), "Confidence must be 0.95"),
    (lambda: methods.mean_ci(1, -1, 10), "standard deviation cannot be negative"),
    (lambda: methods.mean_ci(1, 1, 10, confidence="high"), "Confidence must be 0.95 or 0.998"),
    (lambda: methods.isr([5], [100], [-1], [1000]), "reference count cannot be negative"),
    (lambda: methods.smr([5], [100], [1], [0]), "reference population must be greater than zero"),
    (lambda: methods.wilson_ci(1, 10, multiplier=0), "multiplier must be a finite number"),
])
def test_bad_input_raises_a_plain_sentence(call, message):
    with pytest.raises(ValueError, match=message):
        call()


def test_confidence_accepts_percent_forms():
    assert methods.wilson_ci(5, 100, 95)[0] == methods.wilson_ci(5, 100, 0.95)[0]
    assert methods.byars_ci(5, 100, 99.8)[1] == methods.byars_ci(5, 100, 0.998)[1]
