"""Extension points the stage apps fill from their AppConfig.ready().

`cases` is the core and imports none of the apps built on it; where the core
needs their answer (what blocks a discharge, what closing a case releases),
it asks a `Registry` that those apps have registered functions into.
"""

from collections.abc import Callable, Iterator


class Registry:
    """Functions registered once each, called in the order they were registered."""

    def __init__(self, name: str):
        self.name = name
        self._functions: list[Callable] = []

    def register(self, function: Callable) -> Callable:
        """Add `function` (once, however often ready() runs); usable as a decorator."""
        if function not in self._functions:
            self._functions.append(function)
        return function

    def __iter__(self) -> Iterator[Callable]:
        return iter(tuple(self._functions))

    def collect(self, *args, **kwargs) -> list:
        """Call every function with the same arguments; join the lists they return."""
        return [item for function in self for item in function(*args, **kwargs)]

    def __repr__(self) -> str:
        return f"<Registry {self.name}: {len(self._functions)} registered>"
