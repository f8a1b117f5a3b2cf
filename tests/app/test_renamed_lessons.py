"""Links made before a lesson was renamed (lessons/renamed.json) still open that lesson: the page's address is sent
on to the lesson's name of today, every other parameter kept."""

import asyncio

import httpx2

from streamlab.engine import lessons
from streamlab.web.renamed_lessons import RenamedLessons

STEMS = {lesson.stem for lesson in lessons.discover()}


def test_every_old_name_leads_to_a_lesson_of_today_and_none_is_still_in_use():
    renamed = lessons.renamed()
    assert renamed["19_broken_vs_fixed_browser"] == "21_broken_vs_fixed_browser"
    assert set(renamed.values()) <= STEMS
    assert not set(renamed) & STEMS, "an old name that is a lesson again would open the wrong one"


def test_a_chain_of_renames_leads_to_the_last_name(tmp_path):
    (tmp_path / "lessons").mkdir()
    (tmp_path / "lessons" / "renamed.json").write_text('{"01_a": "02_b", "02_b": "03_c", "09_x": "09_x"}')
    assert lessons.renamed(tmp_path) == {"01_a": "03_c", "02_b": "03_c", "09_x": "09_x"}
    assert lessons.renamed(tmp_path / "nowhere") == {}


def test_the_page_at_an_old_name_is_sent_on_to_the_new_one_with_its_other_parameters(app_server):
    response = httpx2.get(f"{app_server.url}/?lang=zh&lesson=19_broken_vs_fixed_browser&present=1", timeout=30,
                          follow_redirects=True)
    assert response.status_code == 200 and "<html" in response.text.lower()
    first = response.history[0]
    assert first.status_code == 307
    assert first.headers["location"] == "?lang=zh&lesson=21_broken_vs_fixed_browser&present=1"
    assert str(response.url).endswith("/?lang=zh&lesson=21_broken_vs_fixed_browser&present=1")


def test_other_addresses_pass_untouched(app_server):
    for path in ("/?lesson=19_broken_server", "/?lesson=99_unknown", "/", "/static/streamlab.css"):
        response = httpx2.get(f"{app_server.url}{path}", timeout=30, follow_redirects=False)
        assert response.status_code == 200, path
    # the API and the assets are not the page: an old name in their query is not the page's lesson
    sent = []

    async def app(scope, receive, send):
        sent.append(scope["path"])

    middleware = RenamedLessons(app, {"19_old": "20_new"})
    scope = {"type": "http", "method": "GET", "path": "/gradio_api/info", "query_string": b"lesson=19_old"}
    asyncio.run(middleware(scope, None, None))
    assert sent == ["/gradio_api/info"]


def test_each_stem_from_before_the_course_was_renumbered_still_opens_its_lesson(app_server):
    renamed = lessons.renamed()
    assert renamed["09_stream_vs_block"] == "04_stream_vs_block" and renamed["08_raw_wire"] == "11_raw_wire"
    for old, new in renamed.items():
        assert old[3:] == new[3:], "a rename keeps the lesson's slug: the number moves, the concept stays"
        response = httpx2.get(f"{app_server.url}/?lesson={old}", timeout=30, follow_redirects=False)
        assert response.status_code == 307 and response.headers["location"] == f"?lesson={new}", old
