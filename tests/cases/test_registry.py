"""The core's extension points: each function counted once, all answers joined."""

from cases.registry import Registry


def test_a_function_registered_twice_answers_once():
    gates = Registry("gates")

    def no_start(case):
        return [f"{case}: no start agreed"]

    gates.register(no_start)
    gates.register(no_start)  # ready() can run more than once
    assert gates.collect("case 7") == ["case 7: no start agreed"]


def test_answers_are_joined_in_the_order_registered():
    releases = Registry("releases")
    releases.register(lambda **kw: [f"start cancelled ({kw['reason']})"])
    releases.register(lambda **kw: [])
    releases.register(lambda **kw: ["order 3 cancelled", "order 4 cancelled"])
    assert releases.collect(reason="died") == [
        "start cancelled (died)",
        "order 3 cancelled",
        "order 4 cancelled",
    ]
