"""The end of a story that is not its text: credit lines and agency sign-offs (story_end.py)."""

from __future__ import annotations

import pytest

from wirehouse.readers.story_end import take_after_end_mark, take_notebook, take_story_end

STORY = "The ministry confirmed the figures on Tuesday."


@pytest.mark.parametrize(
    ("last", "kept", "credits", "reporters"),
    [
        (
            "(Reporting by Jane Doe; Editing by John Smith)",
            None,
            ["Reporting by Jane Doe", "Editing by John Smith"],
            "Jane Doe",
        ),
        (
            f"{STORY} (Reporting by Jane Doe in Paris and Li Wei in Beijing; Additional reporting"
            " by Omar Haddad; Writing by Tom Field; Editing by Anna Kerr)",
            STORY,
            [
                "Reporting by Jane Doe in Paris and Li Wei in Beijing",
                "Additional reporting by Omar Haddad",
                "Writing by Tom Field",
                "Editing by Anna Kerr",
            ],
            "Jane Doe, Li Wei and Tom Field",
        ),
        (
            "(Reporting by Ana Ruiz in Madrid, editing by Mark Potter)",
            None,
            ["Reporting by Ana Ruiz in Madrid", "editing by Mark Potter"],
            "Ana Ruiz",
        ),
        (
            "Reporting by Ana Ruiz; Editing by Mark Potter",
            None,
            ["Reporting by Ana Ruiz", "Editing by Mark Potter"],
            "Ana Ruiz",
        ),
        ("(Editing by Mark Potter)", None, ["Editing by Mark Potter"], None),
        # Prose in brackets is text, not a credit.
        ("(Reporting by the local press was criticised.)", "same", [], None),
        ("The council blamed (reporting by) rivals.", "same", [], None),
        ("Reporting by The Guardian revealed the scheme in 2019.", "same", [], None),
        (
            "(Reporting by Ana Ruiz; Editing by Gareth van der Berg)",
            None,
            ["Reporting by Ana Ruiz", "Editing by Gareth van der Berg"],
            "Ana Ruiz",
        ),
    ],
)
def test_credit_line(
    last: str, kept: str | None, credits: list[str], reporters: str | None
) -> None:
    paragraphs = ["First paragraph.", last]
    end = take_story_end(paragraphs)
    expected_last = last if kept == "same" else kept
    assert paragraphs == ["First paragraph.", *([expected_last] if expected_last else [])]
    assert end.credits == credits
    assert end.reporters == reporters


@pytest.mark.parametrize(
    ("last", "kept", "agency", "codes"),
    [
        ("El peso perdió 20 céntimos. EFE", "El peso perdió 20 céntimos.", "EFE", []),
        ("El peso perdió 20 céntimos. (EFE)", "El peso perdió 20 céntimos.", "EFE", []),
        ("El peso perdió 20 céntimos. EFE/", "El peso perdió 20 céntimos.", "EFE", []),
        (
            "El peso perdió 20 céntimos. EFE/jm/car",
            "El peso perdió 20 céntimos.",
            "EFE",
            ["jm", "car"],
        ),
        ("MONTEVIDEO 0,00 % 4.166,50 EFE", "MONTEVIDEO 0,00 % 4.166,50", "EFE", []),
        ("EFE", None, "EFE", []),
        ("(©NTB)", None, "NTB", []),
        ("È il titolo del volume. (ANSA).", "È il titolo del volume.", "ANSA", []),
        ("Lo ha detto il ministro. (ANSA-AFP).", "Lo ha detto il ministro.", "ANSA", []),
        (
            "The talks will resume on Monday. Enditem",
            "The talks will resume on Monday.",
            "Xinhua",
            [],
        ),
        # The agency named in a sentence is text.
        ("Así lo informó la agencia EFE.", "Así lo informó la agencia EFE.", None, []),
        ("Según datos de EFE", "Según datos de EFE", None, []),
    ],
)
def test_sign_off(last: str, kept: str | None, agency: str | None, codes: list[str]) -> None:
    paragraphs = ["Primer párrafo.", last]
    end = take_story_end(paragraphs)
    assert paragraphs == ["Primer párrafo.", *([kept] if kept else [])]
    assert end.agency == agency
    assert end.desk_codes == codes


def test_sign_off_under_a_credit_line_and_nothing_left() -> None:
    paragraphs = ["Text ends here. EFE", "(Reporting by Ana Ruiz; Editing by Mark Potter)"]
    end = take_story_end(paragraphs)
    assert paragraphs == ["Text ends here."]
    assert end.agency == "EFE" and end.reporters == "Ana Ruiz"
    assert take_story_end([]).credits == []


def test_reporter_contact_under_the_credit_is_dropped() -> None:
    paragraphs = [
        "Text ends here.",
        "(Reporting by Ana Ruiz; Editing by Mark Potter)",
        "((ana.ruiz@thomsonreuters.com; +34 91 585 0000; Reuters Messaging:"
        " ana.ruiz.thomsonreuters.com@reuters.net))",
    ]
    end = take_story_end(paragraphs)
    assert paragraphs == ["Text ends here."]
    assert end.reporters == "Ana Ruiz"
    kept = ["Text ends here.", "((Two brackets in a story))"]
    assert take_story_end(kept).credits == [] and len(kept) == 2


def test_dpa_notebook_and_closing_line_leave_the_body() -> None:
    paragraphs = [
        STORY,
        "#Notizblock",
        "##Redaktionelle Hinweise",
        "-Eine Zusammenfassung folgt.",
        "Die folgenden Informationen sind nicht zur Veröffentlichung bestimmt",
        "-Autorin: Anna Muster, +49 30 0000000",
        "dpa ab yyno n1 mua",
    ]
    found = take_notebook(paragraphs)
    assert paragraphs == [STORY]
    assert found.notes == "##Redaktionelle Hinweise\n-Eine Zusammenfassung folgt."
    assert (found.agency, found.desk_codes) == ("dpa", ["ab", "yyno", "n1", "mua"])


@pytest.mark.parametrize(
    "last",
    ["Notebook prices fell again in May.", "one more", "the end is near", "Notizblock: Die Stadt"],
)
def test_text_that_only_looks_like_a_notebook_stays(last: str) -> None:
    paragraphs = [STORY, last]
    found = take_notebook(paragraphs)
    assert paragraphs == [STORY, last]
    assert found.notes is None and found.desk_codes == []


@pytest.mark.parametrize("mark", ["- ENDS -", "ENDS", "###", "# # #", "-30-", "– Ende –"])
def test_a_press_release_ends_at_its_end_mark(mark: str) -> None:
    paragraphs = [STORY, STORY, mark, "Notes to editors", "Media contact: Sam Roe"]
    assert take_after_end_mark(paragraphs) == ["Notes to editors", "Media contact: Sam Roe"]
    assert paragraphs == [STORY, STORY]


@pytest.mark.parametrize(
    "paragraphs",
    [
        ["ENDS", STORY, STORY],  # no story ends before it began
        [STORY, STORY, "30", "25"],  # figures in a table
        [STORY, STORY, "The End", STORY],  # a heading
        [STORY, STORY, "***", STORY],  # a section break
    ],
)
def test_what_only_looks_like_an_end_mark_stays(paragraphs: list[str]) -> None:
    kept = list(paragraphs)
    assert take_after_end_mark(paragraphs) == []
    assert paragraphs == kept
