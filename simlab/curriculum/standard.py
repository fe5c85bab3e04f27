"""The training standard «Tecnico esperto customer care» (Regione Campania, EQF 5) as data.

Three training units (UF), each tied to a competence unit by its regional code, with the
abilities and knowledge items of the standard. The Italian texts are copied verbatim
from the standard (typos included: they are quoted, not edited); ids follow the order
of the standard: `UF1.A1` … `UF3.A8` for abilities, `UF1.K1` … `UF3.K8` for knowledge.
Every exercise names the abilities it trains by these ids.
"""

from __future__ import annotations

from dataclasses import dataclass

from simlab.errors import SimlabError
from simlab.i18n import _, language


@dataclass(frozen=True)
class Unit:
    id: str  # "UF1"
    code: str  # the competence unit's code in the regional repertory, "2365"
    title_it: str
    title_en: str

    @property
    def title(self) -> dict[str, str]:
        return {"it": self.title_it, "en": self.title_en}

    def label(self) -> str:
        """The title in the user's language."""
        return self.title_en if language() == "en" else self.title_it


@dataclass(frozen=True)
class Ability:
    id: str  # "UF1.A1"
    unit: str  # "UF1"
    text: str  # Italian, verbatim from the standard


@dataclass(frozen=True)
class Knowledge:
    id: str  # "UF1.K1"
    unit: str
    text: str


UNITS: tuple[Unit, ...] = (
    Unit("UF1", "2365", "Sviluppo del modello di customer care",
         "Developing the customer care model"),
    Unit("UF2", "2366", "Definizione e gestione dei servizi di customer care",
         "Defining and managing customer care services"),
    Unit("UF3", "2368", "Monitoraggio e valutazione del processo di customer care",
         "Monitoring and evaluating the customer care process"),
)

_ABILITIES: dict[str, tuple[str, ...]] = {
    "UF1": (
        "Applicare tecniche di analisi di mercato e della concorrenza per individuare i "
        "principali modelli di caring applicabili",
        "Applicare tecniche di analisi delle strategie di marketing aziendale per configurare "
        "il modello di customer care",
        "Definire le specifiche funzionali del modello di customer care (servizi offerti, "
        "service level agreement, canali gestiti, target, linee di accesso e attesa, etc.)",
        "Definire le caratteristiche distintive dei servizi core, stabilendone le "
        "peculiarità, il livello di qualità erogata e il target del cliente/utente",
        "Determinare, i parametri di prestazione previsti e i risultati attesi",
        "Identificare le attività complementari e di supporto ai servizi core (es. indagini "
        "di mercato, ricerche di marketing, ecc.)",
    ),
    "UF2": (
        "Applicare modalità di coordinamento del lavoro",
        "Applicare tecniche di budgeting",
        "Applicare tecniche di gestione del personale",
        "Tradurre le specifiche tecniche del modello di customer care in modalità operative "
        "(processi e procedure) per la erogazione dei servizi definiti",
        "Definire le procedure di accoglienza del cliente e di assistenza tecnica e "
        "commerciale pre e post-vendita, identificando i fattori di costo/beneficio",
        "Definire un sistema di informazione standardizzato elaborando documenti e materiali",
        "Applicare criteri di organizzazione delle risorse strutturali, professionali ed "
        "economiche necessarie all'erogazione del servizio",
        "Definire le procedure per la gestione dei disservizi e dei reclami",
        "Definire le procedure per la gestione delle comunicazioni in entrata ed in uscita da "
        "parte del personale addetto ai servizi di customer care (telefonate, email)",
    ),
    "UF3": (
        "Applicare tecniche di analisi dati di customer satisfaction",
        "Individuare indicatori di performance e modalità operative di controllo dei processi "
        "di customer care",
        "Applicare tecniche di valutazione della performance complessiva in base agli "
        "indicatori individuati",
        "Applicare tecniche di valutazione dell'efficacia del modello di customer care adottato",
        "Applicare tecniche di monitoraggio del piano di lavoro e individuare le cause degli "
        "scostamenti al fine di prospettare interventi migliorativi della gestione operativa",
        "Adottare modalità di elaborazione e presentazione del reporting differenziate in "
        "relazione a tempistica e destinatari",
        "Individuare soluzioni e proposte per la ottimizzazione di processi e procedure in "
        "coerenza con le esigenze di assistenza",
        "Predisporre ed utilizzare gli strumenti per la rilevazione dei livelli di "
        "soddisfazione della clientela e degli operatori del call center",
    ),
}

_KNOWLEDGE: dict[str, tuple[str, ...]] = {
    "UF1": (
        "Elementi di customer relationship management (crm)",
        "Tecniche di benchmarking",
        "Tecniche e strumenti di analisi della concorrenza",
        "Strategie e modelli di customer care",
        "Principali tecniche e strumenti di pianificazione e controllo delle attività",
        "Modelli e strumenti di marketing strategico ed operativo",
        "Principali metodologie della ricerca di mercato: indagini di scenario, ricerche sui "
        "comportamenti d'acquisto, ecc",
    ),
    "UF2": (
        "Elementi di customer relationship management (crm)",
        "Principi di gestione dei dati nel rispetto della normativa sulla privacy",
        "Elementi di organizzazione del lavoro",
        "Metodologie di gestione di un call center",
        "Modelli di customer care and satisfaction e tecniche di fidelizzazione cliente",
        "Principali tecniche e strumenti di pianificazione e controllo delle attività",
        "Tecniche e strumenti di customer care e di social customer care",
        "Sistemi di budgeting e reporting",
        "Elementi di qualità del servizio nei processi marketing-vendite: comportamenti "
        "professionali, indicatori, ecc.",
        "Normative sulla tutela del consumatore nei contratti di fornitura di beni di consumo",
        "Software di gestione del customer service",
    ),
    "UF3": (
        "Elementi di organizzazione aziendale",
        "Elementi di statistica",
        "Metodologie, strumenti e tecniche per la customer care e la customer satisfacion",
        "Tecniche di budgeting e reporting",
        "Elementi di qualità del servizio nei processi marketing-vendite: comportamenti "
        "professionali, indicatori, ecc.",
        "Strumenti di rilevazione della customer satisfaction",
        "Metodologie per il monitoraggio e la valutazione dei processi di customer care",
        "Software di gestione del customer service",
    ),
}

ABILITIES: tuple[Ability, ...] = tuple(
    Ability(f"{unit}.A{i}", unit, text)
    for unit, texts in _ABILITIES.items() for i, text in enumerate(texts, start=1))
KNOWLEDGE: tuple[Knowledge, ...] = tuple(
    Knowledge(f"{unit}.K{i}", unit, text)
    for unit, texts in _KNOWLEDGE.items() for i, text in enumerate(texts, start=1))

# The cross-unit final project belongs to no single unit: it is filed under "ALL" and
# trains abilities of the three units (its code joins the three competence units').
CROSS_UNIT = Unit("ALL", "2365+2366+2368", "Progetto trasversale alle tre UF",
                  "Cross-unit project")

_UNIT_BY_ID = {u.id: u for u in UNITS}
_ABILITY_BY_ID = {a.id: a for a in ABILITIES}
_KNOWLEDGE_BY_ID = {k.id: k for k in KNOWLEDGE}


def unit(unit_id: str) -> Unit:
    if unit_id == CROSS_UNIT.id:
        return CROSS_UNIT
    try:
        return _UNIT_BY_ID[unit_id]
    except KeyError:
        raise SimlabError(_("Unknown unit «{id}»; allowed: {allowed}.").format(
            id=unit_id, allowed=", ".join(_UNIT_BY_ID)), key="unit") from None


def ability(ability_id: str) -> Ability:
    try:
        return _ABILITY_BY_ID[ability_id]
    except KeyError:
        raise SimlabError(_("Unknown ability «{id}»; the abilities are UF1.A1 … UF3.A8 "
                            "(see «simlab abilities»).").format(id=ability_id),
                          key="abilities") from None


def knowledge(knowledge_id: str) -> Knowledge:
    try:
        return _KNOWLEDGE_BY_ID[knowledge_id]
    except KeyError:
        raise SimlabError(_("Unknown knowledge item «{id}»; the items are UF1.K1 … UF3.K8.")
                          .format(id=knowledge_id), key="knowledge") from None


def abilities_of(unit_id: str) -> list[Ability]:
    unit(unit_id)
    return [a for a in ABILITIES if a.unit == unit_id]


def knowledge_of(unit_id: str) -> list[Knowledge]:
    unit(unit_id)
    return [k for k in KNOWLEDGE if k.unit == unit_id]
