"""Words and sentence templates for the synthetic wire stories, per language (all our own).

Names, places and compounds are built from parts so a few thousand stories meet tens of
thousands of distinct word forms, as real wire text does: spaCy's tokenizer pays per unseen
form, so one story repeated would flatter the pipeline.

Template slots: {per} a full name, {sur} a surname met before, {city}, {org}, {noun}, {noun2},
{adj}, {num}, {pct}, {day}, {year}, {quote} a direct quote sentence.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Lexicon:
    lang: str
    first_names: tuple[str, ...]
    surname_parts: tuple[tuple[str, ...], tuple[str, ...]]
    cities: tuple[str, ...]
    town_parts: tuple[tuple[str, ...], tuple[str, ...]]
    org_heads: tuple[str, ...]
    org_tails: tuple[str, ...]
    noun_parts: tuple[tuple[str, ...], tuple[str, ...]]  # combined into compounds / phrases
    adjectives: tuple[str, ...]
    days: tuple[str, ...]
    sentences: tuple[str, ...]
    quotes: tuple[str, ...]
    headlines: tuple[str, ...]
    said: str  # the speech verb used after a quote: „…“, sagte Müller.
    open_quote: str
    close_quote: str
    compound: bool  # German writes noun_parts as one word


def _w(words: str) -> tuple[str, ...]:
    """A word list written as one string: items separated by `|`, `_` for a space kept at
    an item's edge ("Bad_" + "Kissingen")."""
    return tuple(w.strip().replace("_", " ") for w in words.split("|"))


_SURNAMES_A = _w(
    "Ber|Hal|Kor|Lin|Mar|Ost|Ran|Sel|Tor|Wal|Fen|Gar|Hol|Kas|Lam|Mor|Nor|Pal|Ros|Sten|Var|Zan|"
    "Bren|Dal|Ell|Fro|Gun|Har|Ilm|Jor"
)
_SURNAMES_B = _w(
    "tenhoff|mann|ler|dorf|ova|ini|ez|eau|sen|berg|ström|ak|elli|ard|wick|ton|inger|ás|oni|ley|"
    "hausen|ovic|ier|ado|quist|etti|by|mont|ski|aert"
)

GERMAN = Lexicon(
    lang="de",
    first_names=_w(
        "Anna|Jörg|Katrin|Lukas|Miriam|Stefan|Ute|Tobias|Sabine|Henrik|Petra|Florian|Dagmar|"
        "Matthias|Ines|Rüdiger|Lena|Volker|Svenja|Klaus|Birgit|Jan|Heike|Oliver"
    ),
    surname_parts=(_SURNAMES_A, _SURNAMES_B),
    cities=_w(
        "Berlin|Hamburg|München|Köln|Frankfurt|Stuttgart|Leipzig|Dresden|Hannover|Bremen|"
        "Nürnberg|Kiel|Rostock|Mainz|Erfurt|Magdeburg|Potsdam|Schwerin|Saarbrücken|Wiesbaden|"
        "Wien|Zürich"
    ),
    town_parts=(
        _w("Neu|Alt|Ober|Unter|Klein|Groß|Bad_|Nieder"),
        _w("stadt|dorf|hausen|feld|burg|heim|brück|kirchen"),
    ),
    org_heads=_w(
        "Bundesamt für|Landesverband der|Stiftung für|Verband der|Institut für|Gewerkschaft der|"
        "Bundesagentur für|Kammer der"
    ),
    org_tails=_w(
        "Verkehr|Energie|Gesundheit|Bildung|Landwirtschaft|Forschung|Arbeit|Umwelt|Handwerker|"
        "Wohnungsbau|Kultur|Digitales"
    ),
    noun_parts=(
        _w(
            "Hafen|Energie|Wohnungs|Verkehrs|Klima|Steuer|Schul|Kranken|Renten|Bahn|Strom|"
            "Wasser|Daten|Bau|Landes|Grenz|Haushalts|Forschungs|Arbeits|Kultur"
        ),
        _w(
            "gesetz|reform|projekt|vertrag|behörde|plan|streit|förderung|preise|ausbau|kosten|"
            "politik|markt|netz|verordnung|bericht|programm|konzept|abgabe|zentrum"
        ),
    ),
    adjectives=_w(
        "neue|umstrittene|geplante|bisherige|erste|deutliche|zusätzliche|europäische|regionale|"
        "langfristige|schwierige|überraschende|wichtige|kommunale|digitale|öffentliche"
    ),
    days=_w("Montag|Dienstag|Mittwoch|Donnerstag|Freitag|Samstag|Sonntag"),
    sentences=(
        "Die {adj} {noun} soll nach Angaben des {org} bis {year} umgesetzt werden.",
        "{per} kündigte am {day} in {city} an, die {noun} werde {num} Millionen Euro kosten.",
        "Nach Angaben von {sur} stiegen die Ausgaben für die {noun} um {pct} Prozent.",
        "Kritiker aus {city} werfen dem {org} vor, die {noun2} zu lange verschleppt zu haben.",
        "Bereits im vergangenen Jahr hatte {per} eine {adj} {noun} gefordert.",
        "Die Opposition verlangt, dass die {noun} noch vor dem Sommer im Landtag beraten wird.",
        "In {city} demonstrierten am {day} rund {num} Menschen gegen die {noun}.",
        "Der Sprecher des {org}, {per}, sprach von einer {adj} Entwicklung.",
        "Wie das Statistische Landesamt mitteilte, lag der Wert zuletzt bei {pct} Prozent.",
        "Die {noun2} in {city} gilt seit Jahren als Vorbild für andere Städte.",
        "Ob die {noun} rechtzeitig fertig wird, ist nach Einschätzung von {sur} offen.",
        "Insgesamt sind nach Angaben der Behörde {num} Haushalte von der {noun} betroffen.",
        "Auch in {city} und {city2} wird über eine {adj} {noun} diskutiert.",
        "Das {org} will bis {year} weitere {num} Stellen schaffen.",
        "Die Entscheidung fiel am {day} nach einer mehrstündigen Sitzung in {city}.",
        "Experten rechnen damit, dass die {noun2} im kommenden Jahr um {pct} Prozent wächst.",
        "{sur} verwies auf die {adj} {noun}, die {year} beschlossen worden war.",
        "Die Gespräche zwischen {city} und dem {org} sollen bald fortgesetzt werden.",
    ),
    quotes=(
        "Wir werden die {noun} nicht auf die lange Bank schieben",
        "Die Menschen in {city} erwarten zu Recht eine Lösung",
        "Das ist ein wichtiger Schritt, aber noch lange nicht genug",
        "Ohne die {noun2} wird es nicht gehen",
        "Wir haben mit einem solchen Ergebnis nicht gerechnet",
    ),
    headlines=(
        "{city}: Streit um {noun} spitzt sich zu",
        "{org} legt Plan für {noun} vor",
        "Mehr Geld für {noun} in {city}",
        "{sur} verteidigt {adj} {noun}",
        "{noun2}: {city} setzt auf neue Regeln",
    ),
    said="sagte",
    open_quote="„",
    close_quote="“",
    compound=True,
)

ENGLISH = Lexicon(
    lang="en",
    first_names=_w(
        "Alice|Brian|Chloe|David|Emma|Frank|Grace|Henry|Isla|James|Karen|Liam|Megan|Nathan|"
        "Olivia|Paul|Rachel|Simon|Tessa|Victor|Wendy|Owen"
    ),
    surname_parts=(_SURNAMES_A, _SURNAMES_B),
    cities=_w(
        "London|Manchester|Leeds|Glasgow|Cardiff|Belfast|Dublin|Bristol|Liverpool|Edinburgh|"
        "New York|Chicago|Toronto|Sydney|Boston|Denver|Seattle|Auckland|Ottawa|Brisbane"
    ),
    town_parts=(
        _w("North_|South_|East_|West_|New_|Upper_|Lower_|Port_"),
        _w("field|bridge|ton|wood|ford|stead|haven|worth"),
    ),
    org_heads=_w(
        "Department of|Council for|Agency for|Institute of|Union of|Federation of|Commission on|"
        "Office for"
    ),
    org_tails=_w(
        "Transport|Energy|Health|Education|Agriculture|Research|Labour|Environment|Housing|"
        "Culture|Trade|Digital Services"
    ),
    noun_parts=(
        _w(
            "port|energy|housing|transport|climate|tax|school|hospital|pension|rail|power|water|"
            "data|building|regional|border|budget|research|labour|arts"
        ),
        _w(
            "bill|reform|project|agreement|authority|plan|dispute|subsidy|prices|expansion|"
            "costs|policy|market|network|rules|report|programme|strategy|levy|centre"
        ),
    ),
    adjectives=_w(
        "new|controversial|planned|current|first|significant|additional|European|regional|"
        "long-term|difficult|surprising|important|local|digital|public"
    ),
    days=_w("Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday"),
    sentences=(
        "The {adj} {noun} is due to take effect by {year}, the {org} said.",
        "{per} told reporters in {city} on {day} that the {noun} would cost {num} million pounds.",
        "Spending on the {noun} rose by {pct} percent last year, according to {sur}.",
        "Critics in {city} accuse the {org} of delaying the {noun2} for too long.",
        "Last year {per} had called for a {adj} {noun}.",
        "The opposition wants the {noun} to be debated in parliament before the summer.",
        "About {num} people protested against the {noun} in {city} on {day}, police said.",
        "A spokesperson for the {org}, {per}, described the development as {adj}.",
        "The figure stood at {pct} percent in the latest count, the statistics office said.",
        "The {noun2} in {city} has long been seen as a model for other cities.",
        "Whether the {noun} will be finished on time remains unclear, {sur} said.",
        "In total, {num} households are affected by the {noun}, officials said.",
        "Officials in {city} and {city2} are also discussing a {adj} {noun}.",
        "The {org} plans to create another {num} jobs by {year}.",
        "The decision was taken on {day} after a meeting that lasted several hours in {city}.",
        "Analysts expect the {noun2} to grow by {pct} percent next year.",
        "{sur} pointed to the {adj} {noun} that was approved in {year}.",
        "Talks between {city} and the {org} are expected to resume next week.",
    ),
    quotes=(
        "We will not put the {noun} on the back burner",
        "People in {city} rightly expect a solution",
        "This is an important step, but it is far from enough",
        "Without the {noun2} it simply will not work",
        "We did not expect a result like this",
    ),
    headlines=(
        "{city} dispute over {noun} escalates",
        "{org} unveils plan for {noun}",
        "More money for {noun} in {city}",
        "{sur} defends {adj} {noun}",
        "{city} bets on new {noun2} rules",
    ),
    said="said",
    open_quote="“",
    close_quote="”",
    compound=False,
)

FRENCH = Lexicon(
    lang="fr",
    first_names=_w(
        "Camille|Julien|Chloé|Mathieu|Élodie|Nicolas|Sophie|Antoine|Margaux|Thomas|Amélie|Hugo|"
        "Inès|Louis|Claire|Benoît|Léa|Rémi|Hélène|François"
    ),
    surname_parts=(_SURNAMES_A, _SURNAMES_B),
    cities=_w(
        "Paris|Lyon|Marseille|Toulouse|Bordeaux|Lille|Nantes|Strasbourg|Rennes|Montpellier|Nice|"
        "Grenoble|Dijon|Genève|Bruxelles|Québec|Montréal|Lausanne|Reims|Tours"
    ),
    town_parts=(
        _w("Saint-|Sainte-|Villeneuve-|Mont-|Bourg-|Pont-|Val-|Port-"),
        _w("Laurent|Marie|sur-Mer|Blanc|en-Bresse|Royal|d'Oise|Vendres"),
    ),
    org_heads=_w(
        "ministère de|agence pour|fédération de|institut de|syndicat de|conseil de|office de|"
        "commission de"
    ),
    org_tails=_w(
        "l'Énergie|la Santé|l'Éducation|l'Agriculture|la Recherche|l'Environnement|la Culture|"
        "l'Industrie|la Mer|l'Habitat"
    ),
    noun_parts=(
        _w(
            "réforme|projet|plan|contrat|budget|programme|réseau|marché|rapport|chantier|accord|"
            "taxe|stratégie|centre"
        ),
        _w(
            "des retraites|du logement|des transports|de l'énergie|du climat|des écoles|"
            "des hôpitaux|du rail|de l'eau|des données|portuaire|frontalier|régional|"
            "de recherche|culturel|agricole"
        ),
    ),
    adjectives=_w(
        "nouveau|controversé|prévu|actuel|important|supplémentaire|européen|régional|ambitieux|"
        "difficile|surprenant|local|numérique|public"
    ),
    days=_w("lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche"),
    sentences=(
        "Le {noun} {adj} doit entrer en vigueur d'ici {year}, selon le {org}.",
        "{per} a annoncé {day} à {city} que le {noun} coûterait {num} millions d'euros.",
        "Les dépenses liées au {noun} ont augmenté de {pct} % l'an dernier, selon {sur}.",
        "À {city}, des critiques reprochent au {org} d'avoir trop tardé sur le {noun2}.",
        "L'an dernier, {per} avait déjà réclamé un {noun} {adj}.",
        "L'opposition demande que le {noun} soit débattu au Parlement avant l'été.",
        "Environ {num} personnes ont manifesté {day} à {city} contre le {noun}, selon la police.",
        "Le porte-parole du {org}, {per}, a évoqué une évolution {adj}.",
        "Le chiffre s'établissait à {pct} % lors du dernier relevé, selon l'institut statistique.",
        "Le {noun2} de {city} est depuis longtemps considéré comme un modèle.",
        "Selon {sur}, il n'est pas certain que le {noun} soit achevé à temps.",
        "Au total, {num} foyers sont concernés par le {noun}, selon les autorités.",
        "À {city} et à {city2}, on discute aussi d'un {noun} {adj}.",
        "Le {org} prévoit de créer {num} emplois supplémentaires d'ici {year}.",
        "La décision a été prise {day} à {city} après plusieurs heures de réunion.",
        "Les analystes s'attendent à une hausse de {pct} % du {noun2} l'an prochain.",
        "{sur} a rappelé le {noun} {adj} adopté en {year}.",
    ),
    quotes=(
        "Nous ne repousserons pas le {noun} aux calendes grecques",
        "Les habitants de {city} attendent à juste titre une solution",
        "C'est une étape importante, mais c'est loin d'être suffisant",
        "Sans le {noun2}, cela ne marchera pas",
    ),
    headlines=(
        "{city} : la querelle sur le {noun} s'envenime",
        "Le {org} présente un plan pour le {noun}",
        "Plus d'argent pour le {noun} à {city}",
        "{sur} défend le {noun} {adj}",
    ),
    said="a déclaré",
    open_quote="« ",
    close_quote=" »",
    compound=False,
)

SPANISH = Lexicon(
    lang="es",
    first_names=_w(
        "Lucía|Javier|Carmen|Alejandro|Marta|Pablo|Elena|Diego|Sofía|Andrés|Isabel|Sergio|Paula|"
        "Raúl|Beatriz|Óscar|Nuria|Fernando|Rocío|Gonzalo"
    ),
    surname_parts=(_SURNAMES_A, _SURNAMES_B),
    cities=_w(
        "Madrid|Barcelona|Valencia|Sevilla|Zaragoza|Málaga|Bilbao|Murcia|Palma|Valladolid|"
        "Córdoba|Granada|Vigo|Oviedo|Buenos Aires|Lima|Bogotá|Santiago|Quito|Montevideo"
    ),
    town_parts=(
        _w("San_|Santa_|Villa|Puerto_|Torre|Castel|Nueva_|Alcalá_de_"),
        _w("lobos|mar|nueva|real|franca|rey|verde|alta"),
    ),
    org_heads=_w(
        "Ministerio de|Agencia de|Federación de|Instituto de|Sindicato de|Consejo de|Oficina de|"
        "Comisión de"
    ),
    org_tails=_w(
        "Transportes|Energía|Sanidad|Educación|Agricultura|Investigación|Trabajo|Medio Ambiente|"
        "Vivienda|Cultura|Comercio|Turismo"
    ),
    noun_parts=(
        _w(
            "reforma|proyecto|plan|contrato|presupuesto|programa|red|mercado|informe|obra|"
            "acuerdo|tasa|estrategia|centro"
        ),
        _w(
            "de pensiones|de vivienda|de transporte|energético|climático|escolar|hospitalario|"
            "ferroviario|del agua|de datos|portuario|fronterizo|regional|de investigación|"
            "cultural|agrícola"
        ),
    ),
    adjectives=_w(
        "nuevo|polémico|previsto|actual|importante|adicional|europeo|regional|ambicioso|difícil|"
        "sorprendente|local|digital|público"
    ),
    days=_w("lunes|martes|miércoles|jueves|viernes|sábado|domingo"),
    sentences=(
        "El {noun} {adj} debe entrar en vigor antes de {year}, según el {org}.",
        "{per} anunció el {day} en {city} que el {noun} costará {num} millones de euros.",
        "El gasto en el {noun} aumentó un {pct} % el año pasado, según {sur}.",
        "Críticos de {city} acusan al {org} de haber retrasado demasiado el {noun2}.",
        "El año pasado, {per} ya había pedido un {noun} {adj}.",
        "La oposición exige que el {noun} se debata en el Parlamento antes del verano.",
        "Unas {num} personas protestaron el {day} en {city} contra el {noun}, según la policía.",
        "El portavoz del {org}, {per}, habló de una evolución {adj}.",
        "La cifra se situó en el {pct} % en el último recuento, según el instituto de estadística.",
        "El {noun2} de {city} se considera desde hace años un modelo para otras ciudades.",
        "Según {sur}, no está claro si el {noun} estará listo a tiempo.",
        "En total, {num} hogares se ven afectados por el {noun}, según las autoridades.",
        "En {city} y {city2} también se debate un {noun} {adj}.",
        "El {org} prevé crear otros {num} empleos antes de {year}.",
        "La decisión se tomó el {day} en {city} tras una reunión de varias horas.",
        "Los analistas esperan que el {noun2} crezca un {pct} % el próximo año.",
        "{sur} recordó el {noun} {adj} aprobado en {year}.",
    ),
    quotes=(
        "No vamos a dejar el {noun} para más adelante",
        "Los vecinos de {city} esperan con razón una solución",
        "Es un paso importante, pero no es suficiente",
        "Sin el {noun2} no funcionará",
    ),
    headlines=(
        "{city}: se agrava la disputa por el {noun}",
        "El {org} presenta un plan para el {noun}",
        "Más dinero para el {noun} en {city}",
        "{sur} defiende el {noun} {adj}",
    ),
    said="dijo",
    open_quote="«",
    close_quote="»",
    compound=False,
)

ITALIAN = Lexicon(
    lang="it",
    first_names=_w(
        "Giulia|Marco|Chiara|Luca|Francesca|Matteo|Sara|Andrea|Elisa|Davide|Valentina|Stefano|"
        "Martina|Paolo|Federica"
    ),
    surname_parts=(_SURNAMES_A, _SURNAMES_B),
    cities=_w(
        "Roma|Milano|Napoli|Torino|Palermo|Genova|Bologna|Firenze|Bari|Venezia|Verona|Trieste|"
        "Padova|Cagliari|Perugia"
    ),
    town_parts=(
        _w("San_|Santa_|Borgo_|Castel|Monte|Villa|Porto_|Pieve_"),
        _w("franco|nuovo|marina|alto|vecchio|fiore|lago|verde"),
    ),
    org_heads=_w(
        "Ministero dei|Agenzia per i|Federazione dei|Istituto per i|Sindacato dei|Consiglio dei"
    ),
    org_tails=_w(
        "Trasporti|Beni Culturali|Servizi Sanitari|Lavori Pubblici|Consumatori|Porti|Comuni|"
        "Lavoratori"
    ),
    noun_parts=(
        _w(
            "piano|progetto|contratto|bilancio|programma|mercato|rapporto|cantiere|accordo|"
            "decreto|centro"
        ),
        _w(
            "delle pensioni|per la casa|dei trasporti|energetico|sul clima|scolastico|"
            "ospedaliero|ferroviario|idrico|dei dati|portuale|regionale|di ricerca|culturale|"
            "agricolo"
        ),
    ),
    adjectives=_w(
        "nuovo|contestato|previsto|attuale|importante|ulteriore|europeo|regionale|ambizioso|"
        "difficile|sorprendente|locale"
    ),
    days=_w("lunedì|martedì|mercoledì|giovedì|venerdì|sabato|domenica"),
    sentences=(
        "Il {noun} {adj} dovrebbe entrare in vigore entro il {year}, secondo il {org}.",
        "{per} ha annunciato {day} a {city} che il {noun} costerà {num} milioni di euro.",
        "La spesa per il {noun} è aumentata del {pct} per cento lo scorso anno, secondo {sur}.",
        "A {city} i critici accusano il {org} di aver rinviato troppo a lungo il {noun2}.",
        "Già l'anno scorso {per} aveva chiesto un {noun} {adj}.",
        "L'opposizione chiede che il {noun} sia discusso in Parlamento prima dell'estate.",
        "Circa {num} persone hanno manifestato {day} a {city} contro il {noun}.",
        "Il portavoce del {org}, {per}, ha parlato di uno sviluppo {adj}.",
        "Il dato si è attestato al {pct} per cento nell'ultima rilevazione.",
        "Il {noun2} di {city} è da anni considerato un modello per altre città.",
        "Secondo {sur}, non è chiaro se il {noun} sarà pronto in tempo.",
        "In totale {num} famiglie sono interessate dal {noun}, secondo le autorità.",
        "Anche a {city} e a {city2} si discute di un {noun} {adj}.",
        "Il {org} prevede di creare altri {num} posti di lavoro entro il {year}.",
        "La decisione è stata presa {day} a {city} dopo una riunione di diverse ore.",
        "{sur} ha ricordato il {noun} {adj} approvato nel {year}.",
    ),
    quotes=(
        "Non rimanderemo il {noun} a tempo indeterminato",
        "I cittadini di {city} si aspettano giustamente una soluzione",
        "È un passo importante, ma non basta",
    ),
    headlines=(
        "{city}, si inasprisce la disputa sul {noun}",
        "Il {org} presenta un piano per il {noun}",
        "Più fondi per il {noun} a {city}",
        "{sur} difende il {noun} {adj}",
    ),
    said="ha detto",
    open_quote="«",
    close_quote="»",
    compound=False,
)

LEXICONS: dict[str, Lexicon] = {
    lex.lang: lex for lex in (GERMAN, ENGLISH, FRENCH, SPANISH, ITALIAN)
}
# Roughly a German agency's night: mostly German, then English, then the rest.
LANGUAGE_WEIGHTS: dict[str, int] = {"de": 45, "en": 25, "fr": 12, "es": 12, "it": 6}
