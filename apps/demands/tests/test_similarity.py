import pytest

from apps.demands.models import Demand
from apps.demands.selectors import similar_demands
from apps.demands.similarity import THRESHOLD, bigrams, jaccard

from .factories import DemandFactory, industry


def test_bigrams_ignore_punctuation_width_and_filler_words():
    assert bigrams("稀土，永磁") == bigrams("稀土永磁技术需求") == {"稀土", "土永", "永磁"}
    assert bigrams("ＰＢＡＴ") == bigrams("pbat")


def test_near_duplicates_score_above_the_threshold_and_unrelated_titles_below():
    assert jaccard("稀土永磁材料高效回收技术需求", "稀土永磁材料回收利用关键技术") >= THRESHOLD
    assert jaccard("氢燃料电池双极板", "碱性电解水制氢装备") < THRESHOLD
    assert jaccard("", "任何标题") == 0.0


@pytest.mark.django_db
def test_suggestions_are_live_demands_of_the_same_industry_most_similar_first():
    demand = DemandFactory(title="稀土永磁材料高效回收技术")
    close = DemandFactory(title="稀土永磁材料高效回收利用")
    closer = DemandFactory(title="稀土永磁材料高效回收技术研究")
    DemandFactory(title="稀土永磁材料高效回收利用", status=Demand.Status.REJECTED)
    DemandFactory(title="稀土永磁材料高效回收利用", industry=industry("dairy-food"))
    DemandFactory(title="乳酸菌菌种选育")
    suggestions = similar_demands(demand)
    assert [d for d, _ in suggestions] == [closer, close]
    assert suggestions[0][1] >= suggestions[1][1]
