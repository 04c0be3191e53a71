"""What higher apps add to certification without certification importing them (STYLE.md: the
higher app registers a provider in its AppConfig.ready()).

- ``application_panels``: ``(request, application) -> str`` of HTML (or "") shown on the
  application's page, after certification's own panels.
- ``submission_checks``: ``(application) -> list[rules.Missing]``: what must still be done before
  the application may be submitted (GOST 8.7–8.9 and what the higher app knows).
- ``issue_checks``: ``(application) -> list[str]``: why the commission may not put «issue the
  certificate» on the agenda yet (GOST 8.17).
- ``conclusion_sections``: ``(application) -> list[str]``: lines the conclusion on the documents
  states besides its text (GOST 8.11), in the language of the document.
"""

from collections.abc import Callable

application_panels: list[Callable] = []
submission_checks: list[Callable] = []
issue_checks: list[Callable] = []
conclusion_sections: list[Callable] = []


def register(registry: list[Callable], provider: Callable) -> Callable:
    """Add ``provider`` once (ready() may run more than once in tests)."""
    if provider not in registry:
        registry.append(provider)
    return provider
