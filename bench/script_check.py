"""What the script check after langdetect changes (a measurement, not a test).

    python -m bench.script_check

langdetect reads some short Traditional Chinese as Korean; `wirehouse.language.by_script`
corrects a `ko` label on Han text without Hangul (to `zh`, or `ja` with kana) and a `zh`
label on Hangul text (to `ko`). This runs both ways over texts of known language:

- the example sentences spaCy ships for every language, each alone and all joined;
- the same sentences cut to their first 20, 30 and 40 characters (short texts are where
  langdetect guesses);
- short Traditional Chinese, Korean and Japanese headlines of our own (`HEADLINES`), alone
  and with the next one as a lead.

It prints how many labels the check changed, from what to what, and how many labels agree
with the known language with and without it.
"""

from __future__ import annotations

import importlib
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

from langdetect import detector_factory

from wirehouse.language import detect_language

# Headlines of our own, in the style of a wire service (Traditional Chinese as used in Taiwan
# and Hong Kong, Korean, Japanese).
HEADLINES: dict[str, list[str]] = {
    "zh": [
        "台灣央行宣布維持利率不變，市場反應平淡",
        "香港立法會通過新預算案，增加醫療開支",
        "颱風接近台灣東部，氣象局發布海上警報",
        "總統府今日舉行記者會，說明國防預算細節",
        "台北股市收盤上漲，電子類股表現強勁",
        "行政院長表示將檢討能源政策與電價調整",
        "高雄港貨櫃量創新高，航運業者樂觀看待",
        "香港特區政府宣布放寬入境檢疫措施",
        "立法院三讀通過勞動基準法修正草案",
        "中央氣象署預測週末全台各地將有陣雨",
        "國際油價下跌，國內汽油價格下週調降",
        "台灣半導體出口連續三個月成長",
        "澳門博彩收入較去年同期增加兩成",
        "衛生福利部公布最新流感疫苗接種計畫",
        "鐵路局宣布春節期間加開列車班次",
        "教育部將推動雙語教育政策，預計明年實施",
        "新北市發生地震，暫無人員傷亡報告",
        "經濟部長訪問日本，洽談貿易合作協議",
        "外交部譴責網路攻擊事件，要求調查",
        "台中捷運綠線營運滿週年，運量穩定成長",
    ],
    "ko": [
        "한국은행 기준금리 동결 결정, 시장 반응 엇갈려",
        "서울 아파트 가격 상승세 지속, 정부 대책 검토",
        "대통령 신년 기자회견에서 경제 회복 강조",
        "삼성전자 반도체 수출 증가로 실적 개선 전망",
        "태풍 북상으로 제주도 항공편 대거 결항",
        "국회 본회의에서 예산안 처리 합의 실패",
        "부산항 컨테이너 물동량 사상 최대 기록",
        "기상청 주말 전국에 비 소식 예보 발표",
        "북한 탄도미사일 발사에 합참 대응 태세 강화",
        "교육부 대학 입시 제도 개편안 공개",
    ],
    "ja": [
        "日銀が金融政策決定会合で大規模緩和を維持",
        "東京株式市場、日経平均株価が続伸して取引終了",
        "台風が九州に接近、気象庁が警戒を呼びかけ",
        "首相が記者会見で経済対策の規模を表明",
        "大阪万博の入場者数が目標を上回る見通し",
    ],
}


def _spacy_examples() -> Iterator[tuple[str, str]]:
    spacy_lang = Path(importlib.import_module("spacy.lang").__file__ or "").parent
    for folder in sorted(spacy_lang.iterdir()):
        if not (folder / "examples.py").exists():
            continue
        module = importlib.import_module(f"spacy.lang.{folder.name}.examples")
        sentences = [s for s in getattr(module, "sentences", []) if isinstance(s, str)]
        code = "no" if folder.name == "nb" else folder.name
        yield code, " ".join(sentences)
        for sentence in sentences:
            yield code, sentence
            for cut in (20, 30, 40):
                if len(sentence) > cut:
                    yield code, sentence[:cut]


def samples() -> Iterator[tuple[str, str]]:
    yield from _spacy_examples()
    for code, headlines in HEADLINES.items():
        for i, headline in enumerate(headlines):
            yield code, headline
            # A headline alone is often under MIN_LETTERS; with the next one as its lead, it
            # is the short text langdetect mislabels.
            yield code, f"{headline}\n\n{headlines[(i + 1) % len(headlines)]}。"


def main() -> None:
    profiles = {p.name.split("-")[0] for p in Path(detector_factory.PROFILES_DIRECTORY).iterdir()}
    changed: Counter[tuple[str, str]] = Counter()
    right_before = right_after = total = 0
    for known, text in samples():
        before, _ = detect_language(text, script_check=False)
        after, _ = detect_language(text)
        if before == "und" or known not in profiles:
            continue
        total += 1
        right_before += before == known
        right_after += after == known
        if before != after:
            changed[(before, after)] += 1
    n_changed = sum(changed.values())
    print(f"{total} texts of langdetect's languages with a label; the check changed {n_changed}:")
    for (before, after), count in changed.most_common():
        print(f"  {before} → {after}: {count}")
    print(f"known language: {right_before} right without the check, {right_after} with it")


if __name__ == "__main__":
    main()
