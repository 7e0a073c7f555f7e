"""One spelling per agency: the table, and the agency of a story that names it elsewhere."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from wirehouse.agencies import AGENCIES, AgencyEvidence, canonical_agency, infer_agency


@pytest.mark.parametrize(
    ("raw", "canonical"),
    [
        ("dpa", "dpa"),
        ("DPA", "dpa"),
        ("Deutsche Presse-Agentur GmbH", "dpa"),
        ("dpa.com", "dpa"),
        ("http://www.dpa.de", "dpa"),
        ("dpa-spe", "dpa"),  # dpa's closing line: agency and desk
        ("dpa/lby", "dpa"),  # dpa's regional services in a dateline
        ("dpa-AFX", "dpa-AFX"),
        ("DPA-AFX", "dpa-AFX"),
        ("REUTERS", "Reuters"),
        ("Reuters", "Reuters"),
        ("reuters.com", "Reuters"),
        ("Thomson Reuters", "Reuters"),
        ("AP", "AP"),
        ("Associated Press", "AP"),
        ("The Associated Press", "AP"),
        ("AFP", "AFP"),
        ("Agence France-Presse", "AFP"),
        ("afp.com", "AFP"),
        ("أ ف ب", "AFP"),
        ("Agencia EFE", "EFE"),
        ("ANSA", "ANSA"),
        ("PA Media", "PA"),
        ("Ritzau", "Ritzau"),
        ("STT", "STT"),
        ("AAP", "AAP"),
        ("APA - Austria Presse Agentur", "APA"),
        ("APA-OTS", "APA-OTS"),
        ("SDA", "Keystone-SDA"),
        ("Keystone-ATS", "Keystone-SDA"),
        ("TT", "TT"),
        ("NTB", "NTB"),
        ("BusinessWire", "Business Wire"),
        ("KNA", "KNA"),
        ("epd", "epd"),
        # Unknown agencies keep what was sent, whitespace tidied.
        ("EXW", "EXW"),
        ("XML Team Solutions,  Inc.", "XML Team Solutions, Inc."),
        (None, None),
        ("  ", None),
    ],
)
def test_canonical_agency(raw: str | None, canonical: str | None) -> None:
    assert canonical_agency(raw) == canonical


def test_every_canonical_name_is_its_own_alias() -> None:
    for canonical in AGENCIES:
        assert canonical_agency(canonical) == canonical
        assert canonical_agency(canonical.upper()) == canonical


def _evidence(**given: str | None) -> AgencyEvidence:
    values: dict = {"agency": None, "copyright": None, "guid": None, "headline": None}
    values.update(body="Der Text.", byline=None)
    values.update(given)
    return AgencyEvidence(**values)


@pytest.mark.parametrize(
    ("given", "agency"),
    [
        ({"agency": "REUTERS", "copyright": "(c) dpa"}, "Reuters"),  # the field wins
        ({"copyright": "Copyright 2019, dpa (www.dpa.de). Alle Rechte vorbehalten"}, "dpa"),
        ({"copyright": "(c) dpa"}, "dpa"),
        ({"copyright": "(c) Copyright Thomson Reuters 2013. Click for restrictions"}, "Reuters"),
        ({"copyright": "Copyright Business Wire 2013"}, "Business Wire"),
        ({"copyright": "© 2020 AFP"}, "AFP"),
        ({"copyright": "Copyright 2015 AP"}, "AP"),
        ({"copyright": "(c) 2014 http://www.apa.at"}, "APA"),
        ({"copyright": "© EFE 2016. Está expresamente prohibida la redistribución"}, "EFE"),
        ({"guid": "urn:newsml:dpa.com:20090101:170629-99-48571"}, "dpa"),
        ({"guid": "tag:reuters.com,2016:newsml_WN3YCW1TW"}, "Reuters"),
        ({"guid": "tag:ap.org,2024:abc"}, "AP"),
        ({"guid": "urn:newsml:afp.com:20231124T192141Z:TX-PAR-EWE94"}, "AFP"),
        ({"guid": "http://www.businesswire.com/news/home/20130612006110/en"}, "Business Wire"),
        ({"guid": "http://PA_API/8d588e55-f20e-4647"}, "PA"),
        ({"body": "BERLIN (dpa) - Die Regierung hat beschlossen."}, "dpa"),
        ({"body": "NEW YORK (AP) _ Stocks fell."}, "AP"),
        ({"body": "LONDON (Reuters) - Prices rose."}, "Reuters"),
        ({"body": "FRANKFURT (dpa-AFX) - Der DAX stieg."}, "dpa-AFX"),
        ({"body": "MÜNCHEN (dpa/lby) - Der Landtag tagte."}, "dpa"),
        # Brackets that are no dateline, and names that are no holder, are no evidence.
        ({"body": "Governor Josh Shapiro (PA) said on Monday that the bill passed."}, None),
        ({"copyright": "Copyright 2017-18 Acme News and Media LLC"}, None),
        ({"guid": "urn:newsml:example.com:20250613:ports-strike"}, None),
        ({"guid": "story-123"}, None),
        ({}, None),
    ],
)
def test_infer_agency(given: dict, agency: str | None) -> None:
    assert infer_agency(_evidence(**given)) == agency


@given(st.text(max_size=120), st.text(max_size=120), st.text(max_size=300))
def test_any_text_gives_a_name_or_none_never_an_error(raw: str, line: str, body: str) -> None:
    canonical = canonical_agency(raw)
    assert canonical is None or canonical.strip() == canonical
    evidence = AgencyEvidence(agency=None, copyright=line, guid=raw, headline=line, body=body)
    assert infer_agency(evidence) in (None, *AGENCIES)
