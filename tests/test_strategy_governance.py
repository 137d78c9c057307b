"""A plan's governance (issue 18, item 4): its committees, who leads them, who sits on them and
how often they meet, on the plan page in both languages, as the documents state them."""

import pytest
from bs4 import BeautifulSoup

from wagtail.models import Locale

from home.strategy.demo import read_json
from tests import strategy_data
from tests.test_strategy import strategy_loader

pytestmark = pytest.mark.django_db


def bodies(html):
    section = html.find(id="governance-title").parent
    return {
        body.h3.get_text(): dict(
            zip((dt.get_text() for dt in body("dt")), (dd.get_text() for dd in body("dd")), strict=True)
        )
        for body in section.select(".governance__body")
    }


def test_mormal_2018_plan_shows_its_governance_in_french_and_english(client, site):
    plan = strategy_loader(site).load_document(read_json("000-pays-de-mormal-sdus.json"))
    html = BeautifulSoup(client.get(plan.url).content, "html.parser")
    assert html.find(id="governance-title").get_text() == "Gouvernance"
    french = bodies(html)
    assert french["Comité de Pilotage"] == {"Pilotage": "Les élus", "Se réunit": "Deux fois par an"}
    assert french["Conseil Local du Numérique"]["Se réunit"] == "Trois fois par an"
    assert "voix consultative" in html.find(id="governance-title").parent.get_text()
    english_page = plan.get_translation(Locale.objects.get(language_code="en"))
    english_html = BeautifulSoup(client.get(english_page.url).content, "html.parser")
    assert english_html.find(id="governance-title").get_text() == "Governance"
    english = bodies(english_html)
    assert english["Steering Committee"] == {"Led by": "The elected representatives", "Meets": "Twice a year"}
    assert english["Technical and operational governance"]["Meets"] == "Once a month"
    assert list(english) == [
        "Steering Committee",
        "Local Digital Council",
        "Technical and operational governance",
        "Operational Monitoring Committee of the digital mediation programme",
        "Steering Committee of the paperless administration project",
        "CCPM/municipalities Technical Committee",
    ]


def test_mormal_2023_roadmap_says_it_describes_no_steering_body(client, site):
    plan = strategy_loader(site).load_document(read_json("001-pays-de-mormal-feuille-de-route-2023.json"))
    html = BeautifulSoup(client.get(plan.url).content, "html.parser")
    section = html.find(id="governance-title").parent
    assert section.select_one(".governance__text").get_text().startswith("La feuille de route ne décrit pas")
    assert list(bodies(html)) == ["Commission consultée", "Groupes de travail thématiques"]


def test_governance_entries_carry_no_source_reference_to_the_public(client, site):
    plan = strategy_loader(site, translate=False).load_document(read_json("002-porte-du-hainaut-strategie.json"))
    section = BeautifulSoup(client.get(plan.url).content, "html.parser").find(id="governance-title").parent
    assert "Collectif de Direction" in bodies(section.parent)
    assert "seeds/" not in section.get_text() and "L5" not in section.get_text()


def test_a_plan_without_governance_shows_no_heading(client, site):
    strategy_loader(site).load_document(strategy_data.document(bilingual=True))
    html = BeautifulSoup(client.get("/fr/strategie/feuille-test/").content, "html.parser")
    assert html.find(id="governance-title") is None
