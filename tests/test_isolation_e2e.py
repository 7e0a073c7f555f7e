"""One bad story never costs a night: the real nightly flow, checked with SQL.

A story that fails enrichment (a real spaCy pipeline package that raises on a marker, see
tests/nlp/faulty.py), a story in every language langdetect knows, and a 1.1 MB story: each
night ends completed, every check passes, and only the failing story is quarantined.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.nlp.faulty import RAISE_MARKER, build_faulty_package
from tests.test_flow_e2e import query, run_night
from wirehouse.settings import Settings

pytestmark = pytest.mark.usefixtures("prefect_harness")

# One news sentence per langdetect profile (its 55 codes), written for this test.
SENTENCES = {
    "af": "Die regering het op Dinsdag nuwe maatreëls aangekondig om boere te ondersteun.",
    "ar": "أعلنت الحكومة يوم الثلاثاء عن إجراءات جديدة لدعم المزارعين في البلاد.",
    "bg": "Правителството обяви във вторник нови мерки в подкрепа на земеделските производители.",
    "bn": "সরকার মঙ্গলবার কৃষকদের সহায়তার জন্য নতুন পদক্ষেপ ঘোষণা করেছে।",
    "ca": "El govern va anunciar dimarts noves mesures per donar suport als agricultors.",
    "cs": "Vláda v úterý oznámila nová opatření na podporu zemědělců.",
    "cy": "Cyhoeddodd y llywodraeth fesurau newydd ddydd Mawrth i gefnogi ffermwyr yng Nghymru.",
    "da": "Regeringen annoncerede tirsdag nye tiltag for at støtte landmændene.",
    "de": "Die Regierung hat am Dienstag neue Maßnahmen für die Landwirte angekündigt.",
    "el": "Η κυβέρνηση ανακοίνωσε την Τρίτη νέα μέτρα για τη στήριξη των αγροτών.",
    "en": "The government announced new measures on Tuesday to support farmers.",
    "es": "El gobierno anunció el martes nuevas medidas para apoyar a los agricultores.",
    "et": "Valitsus teatas teisipäeval uutest meetmetest põllumeeste toetamiseks.",
    "fa": "دولت روز سه‌شنبه اقدامات جدیدی برای حمایت از کشاورزان اعلام کرد.",
    "fi": "Hallitus ilmoitti tiistaina uusista toimista maanviljelijöiden tukemiseksi.",
    "fr": "Le gouvernement a annoncé mardi de nouvelles mesures pour soutenir les agriculteurs.",
    "gu": "સરકારે મંગળવારે ખેડૂતોને ટેકો આપવા માટે નવા પગલાંની જાહેરાત કરી.",
    "he": "הממשלה הודיעה ביום שלישי על צעדים חדשים לתמיכה בחקלאים.",
    "hi": "सरकार ने मंगलवार को किसानों की मदद के लिए नए उपायों की घोषणा की।",
    "hr": "Vlada je u utorak najavila nove mjere za potporu poljoprivrednicima.",
    "hu": "A kormány kedden új intézkedéseket jelentett be a gazdák támogatására.",
    "id": "Pemerintah mengumumkan langkah-langkah baru pada hari Selasa untuk membantu petani.",
    "it": "Il governo ha annunciato martedì nuove misure per sostenere gli agricoltori.",
    "ja": "政府は火曜日、農家を支援するための新たな対策を発表した。",
    "kn": "ಸರ್ಕಾರವು ಮಂಗಳವಾರ ರೈತರಿಗೆ ಬೆಂಬಲ ನೀಡಲು ಹೊಸ ಕ್ರಮಗಳನ್ನು ಘೋಷಿಸಿತು.",
    "ko": "정부는 화요일 농민들을 지원하기 위한 새로운 대책을 발표했다.",
    "lt": "Vyriausybė antradienį paskelbė naujas priemones ūkininkams remti.",
    "lv": "Valdība otrdien paziņoja par jauniem pasākumiem lauksaimnieku atbalstam.",
    "mk": "Владата во вторник објави нови мерки за поддршка на земјоделците.",
    "ml": "കർഷകരെ സഹായിക്കാൻ സർക്കാർ ചൊവ്വാഴ്ച പുതിയ നടപടികൾ പ്രഖ്യാപിച്ചു.",
    "mr": "सरकारने मंगळवारी शेतकऱ्यांना मदत करण्यासाठी नवीन उपाययोजना जाहीर केल्या.",
    "ne": "सरकारले मंगलबार किसानहरूलाई सहयोग गर्न नयाँ उपायहरू घोषणा गर्यो।",
    "nl": "De regering heeft dinsdag nieuwe maatregelen aangekondigd om boeren te steunen.",
    "no": "Regjeringen kunngjorde tirsdag nye tiltak for å støtte bøndene.",
    "pa": "ਸਰਕਾਰ ਨੇ ਮੰਗਲਵਾਰ ਨੂੰ ਕਿਸਾਨਾਂ ਦੀ ਮਦਦ ਲਈ ਨਵੇਂ ਉਪਾਵਾਂ ਦਾ ਐਲਾਨ ਕੀਤਾ।",
    "pl": "Rząd ogłosił we wtorek nowe środki wsparcia dla rolników.",
    "pt": "O governo anunciou na terça-feira novas medidas para apoiar os agricultores.",
    "ro": "Guvernul a anunțat marți noi măsuri pentru sprijinirea fermierilor.",
    "ru": "Правительство во вторник объявило о новых мерах поддержки фермеров.",
    "sk": "Vláda v utorok oznámila nové opatrenia na podporu poľnohospodárov.",
    "sl": "Vlada je v torek napovedala nove ukrepe za podporo kmetom.",
    "so": "Dowladda ayaa maalinta Talaadada ku dhawaaqday tallaabooyin cusub oo beeralayda loogu talagalay.",
    "sq": "Qeveria njoftoi të martën masa të reja për të mbështetur fermerët.",
    "sv": "Regeringen meddelade på tisdagen nya åtgärder för att stödja bönderna.",
    "sw": "Serikali ilitangaza Jumanne hatua mpya za kuwasaidia wakulima nchini.",
    "ta": "விவசாயிகளுக்கு ஆதரவளிக்க அரசு செவ்வாய்க்கிழமை புதிய நடவடிக்கைகளை அறிவித்தது.",
    "te": "రైతులకు మద్దతుగా ప్రభుత్వం మంగళవారం కొత్త చర్యలను ప్రకటించింది.",
    "th": "รัฐบาลประกาศมาตรการใหม่เมื่อวันอังคารเพื่อช่วยเหลือเกษตรกรทั่วประเทศ",
    "tl": "Inanunsyo ng pamahalaan noong Martes ang mga bagong hakbang upang tulungan ang mga magsasaka.",
    "tr": "Hükümet salı günü çiftçileri desteklemek için yeni önlemler açıkladı.",
    "uk": "Уряд у вівторок оголосив нові заходи підтримки фермерів.",
    "ur": "حکومت نے منگل کو کسانوں کی مدد کے لیے نئے اقدامات کا اعلان کیا۔",
    "vi": "Chính phủ hôm thứ Ba đã công bố các biện pháp mới nhằm hỗ trợ nông dân.",
    "zh-cn": "政府星期二宣布了支持农民的新措施，以应对干旱带来的损失。",
    "zh-tw": "政府星期二宣布了支持農民的新措施，以應對乾旱帶來的損失。",
}


def _english(n: int, extra: str = "") -> str:
    return (
        f"Harbour report number {n}\n\n"
        f"The port of Felixstowe handled more containers than ever in week {n}, the operator "
        f"said on Monday. Dock workers expect a busy autumn. {extra}\n"
    )


# 55 languages through their pipelines: minutes (140 s on a loaded machine).
@pytest.mark.slow
def test_every_language_langdetect_knows_loads(settings: Settings) -> None:
    from langdetect import detector_factory

    assert sorted(SENTENCES) == sorted(
        p.name for p in Path(detector_factory.PROFILES_DIRECTORY).iterdir()
    )
    for code, sentence in SENTENCES.items():
        (settings.inbox / f"{code}.txt").write_text(
            f"{sentence}\n\n{sentence} {sentence}\n", encoding="utf-8"
        )
    summary = run_night(settings)

    assert summary.run["status"] == "completed"
    assert query(settings, "SELECT count(*) FROM articles") == [(55,)]
    assert query(settings, "SELECT count(*) FROM quarantine") == [(0,)]
    rows = dict(query(settings, "SELECT lang, nlp_pipeline FROM articles"))
    assert all(rows.values())
    # Whatever langdetect labelled these (a few close languages may swap), each got a
    # pipeline: Japanese, Korean, Thai and Vietnamese the multilingual one.
    for lang in ("ja", "ko", "th", "vi"):
        assert rows.get(lang, "blank:xx") == "blank:xx"
    assert {"de", "en", "fr", "ru", "ar", "zh"} <= set(rows)
    assert query(
        settings,
        "SELECT count(*) FROM articles a WHERE NOT EXISTS "
        "(SELECT 1 FROM sentences s WHERE s.article_id = a.article_id)",
    ) == [(0,)]
    assert query(settings, "SELECT bool_and(passed) FROM check_results") == [(True,)]


def test_a_story_enrichment_fails_on_is_quarantined_alone(
    settings: Settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    package = build_faulty_package(tmp_path / "site")
    monkeypatch.setenv("WIREHOUSE_PIPELINES", json.dumps({"en": package}))
    for n in (1, 2, 3):
        extra = RAISE_MARKER if n == 2 else ""
        (settings.inbox / f"story{n}.txt").write_text(_english(n, extra), encoding="utf-8")
    items = [
        {
            "uri": f"urn:test:{n}",
            "type": "text",
            "headline": f"Harbour report {n}",
            "body_text": _english(n, RAISE_MARKER if n == 5 else ""),
        }
        for n in (4, 5)
    ]
    (settings.inbox / "two.json").write_text(json.dumps(items), encoding="utf-8")

    summary = run_night(settings)

    assert summary.run["status"] == "completed"
    files = {
        Path(path).name: (status, reason, articles)
        for path, status, reason, articles in query(
            settings, "SELECT path, status, reason, articles FROM ingest_files"
        )
    }
    assert files["story2.txt"] == (
        "quarantined",
        "enrich: ValueError: fault injected on a marked text",
        0,
    )
    assert files["story1.txt"][0] == files["story3.txt"][0] == "loaded"
    assert files["two.json"] == ("loaded", None, 1)
    assert query(settings, "SELECT item_type, reason FROM skipped_items") == [
        ("article", "quarantined at enrich: ValueError: fault injected on a marked text")
    ]
    bodies = [b for (b,) in query(settings, "SELECT body FROM articles ORDER BY body")]
    assert len(bodies) == 3 and not any(RAISE_MARKER in b for b in bodies)
    assert query(settings, "SELECT DISTINCT nlp_pipeline FROM articles") == [("en_faulty",)]
    assert query(settings, "SELECT bool_and(passed) FROM check_results") == [(True,)]


# A 1.1 MB story enriched in pieces: minutes (186 s on a loaded machine).
@pytest.mark.slow
def test_a_long_story_loads_and_a_data_dump_is_quarantined(settings: Settings) -> None:
    paragraph = "The harbour grew again this year, the port authority said in Hamburg.\n\n"
    long_body = paragraph * (1_100_000 // len(paragraph) + 1)
    (settings.inbox / "long.txt").write_text(f"A very long report\n\n{long_body}", encoding="utf-8")
    dump = "0123456789 abcdefghij " * (2_100_000 // 22 + 1)
    (settings.inbox / "dump.txt").write_text(f"Data\n\n{dump}", encoding="utf-8")
    for n in (1, 2):
        (settings.inbox / f"story{n}.txt").write_text(_english(n), encoding="utf-8")

    summary = run_night(settings)

    assert summary.run["status"] == "completed"
    statuses = {
        Path(path).name: (status, reason)
        for path, status, reason in query(settings, "SELECT path, status, reason FROM ingest_files")
    }
    assert (
        statuses["long.txt"] == statuses["story1.txt"] == statuses["story2.txt"] == ("loaded", None)
    )
    status, reason = statuses["dump.txt"]
    assert status == "quarantined" and reason.startswith("enrich: the story has 2,1")
    assert "WIREHOUSE_MAX_STORY_CHARS" in reason
    long_id, length = query(
        settings, "SELECT article_id, length(body) FROM articles WHERE length(body) > 1000000"
    )[0]
    assert length > 1_100_000
    # Sentences of every piece, with offsets into the whole body.
    assert query(
        settings,
        "SELECT count(*), max(s.end_char) > 1000000, "
        "bool_and(substr(a.body, s.start_char + 1, s.end_char - s.start_char) = s.text) "
        "FROM sentences s JOIN articles a USING (article_id) "
        "WHERE s.article_id = ? AND s.part = 'body'",
        long_id,
    ) == [(long_body.count(paragraph), True, True)]
    assert query(settings, "SELECT bool_and(passed) FROM check_results") == [(True,)]
