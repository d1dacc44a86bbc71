"""Index/store agreement: after any sequence of changes, searches answer as a scan would.

Changes go through the service (adds, edits, deletes, imports, tag renames), behind its
back (a process that wrote the store and crashed before the index followed), or hit the
index itself (a truncated file). After each step, every query's answer from the index is
compared with a linear scan of what the store holds.
"""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

from hypothesis import example, given, settings
from hypothesis import strategies as st

from reader.core.models import Annotation, Selector, new_id
from reader.core.service import ReaderService
from reader.core.store import Store
from reader.errors import BadInputError, NotFoundError
from tests.conftest import SAMPLE_PATH
from tests.core.search.scan import scan

WORDS = ["alpha", "beta", "gamma", "Zoë", "balloon"]
TAGS = ["china", "China", "x", "follow up"]
QUERIES = ["", "alpha", "beta OR zoe", "balloon -tag:x", "tag:china", 'tag:"follow up"',
           "note:gamma", "color:red", "is:anchored", "doc:blinken", "al*"]  # fmt: skip

_note = st.lists(st.sampled_from(WORDS), max_size=3).map(" ".join)
_tags = st.lists(st.sampled_from(TAGS), max_size=2, unique=True)
_ops = st.one_of(
    st.tuples(st.just("add"), _note, _tags, st.sampled_from(["yellow", "red"])),
    st.tuples(st.just("edit"), st.integers(0, 9), _note, _tags),
    st.tuples(st.just("delete"), st.integers(0, 9)),
    st.tuples(st.just("rename"), st.sampled_from(TAGS), st.sampled_from(["renamed", "x"])),
    st.tuples(st.just("import"), st.integers(0, 9), _note),
    st.tuples(st.just("crash"), _note),
    st.tuples(st.just("truncate")),
)


def _apply(service: ReaderService, op: tuple[object, ...], tmp: Path) -> None:
    ids = sorted(a.id for a in service.store.all_annotations())
    kind = op[0]
    try:
        if kind == "add":
            service.annotate_quote(
                str(SAMPLE_PATH), "Wang Yi", note=str(op[1]), tags=op[2], color=str(op[3])
            )  # type: ignore[arg-type]
        elif kind == "edit" and ids:
            service.edit_annotation(ids[int(op[1]) % len(ids)], note=str(op[2]), tags=op[3])  # type: ignore[arg-type]
        elif kind == "delete" and ids:
            service.delete_annotation(ids[int(op[1]) % len(ids)])
        elif kind == "rename":
            service.rename_tag(str(op[1]), str(op[2]))
        elif kind == "import" and ids:
            _import_edit(service, ids[int(op[1]) % len(ids)], str(op[2]), tmp)
        elif kind == "crash":
            _write_behind(service, str(op[1]))
        elif kind == "truncate" and service.index_path.exists():
            service.parts.index.close()
            service.index_path.write_bytes(service.index_path.read_bytes()[:512])
    except (NotFoundError, BadInputError):
        pass  # refused changes change nothing


def _import_edit(service: ReaderService, annotation_id: str, note: str, tmp: Path) -> None:
    data = json.loads(service.export_text("json"))
    for document in data["documents"]:
        for annotation in document["annotations"]:
            if annotation["id"] == annotation_id:
                annotation["note"] = note
                annotation["modified"] = "2999-01-01T00:00:00.000Z"
    path = tmp / "edit.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    service.import_file(path)


def _write_behind(service: ReaderService, note: str) -> None:
    """A write by a process that died before it could update the index."""
    store = Store(service.store.db_path)
    document = store.list_documents()[0]
    text = store.load_text(document.sha256) or ""
    start = text.index("Munich")
    selector = Selector.from_text(text, start, start + len("Munich"))
    store.add_annotation(Annotation(new_id(), document.id, document.sha256, selector, note=note))


def _check(service: ReaderService) -> None:
    annotations = list(service.store.all_annotations())
    documents = service.store.list_documents()
    for query in QUERIES:
        found = {hit.annotation.id for hit in service.search(query)}
        assert found == scan(query, annotations, documents), query


@settings(max_examples=25, deadline=None)
@given(st.lists(_ops, min_size=1, max_size=8))
@example([("add", "alpha", ["china"], "red"), ("truncate",), ("crash", "beta")])
@example([("add", "alpha", ["China"], "red"), ("rename", "china", "x"), ("import", 0, "gamma")])
def test_the_index_answers_as_a_scan_of_the_store(ops: list[tuple[object, ...]]) -> None:
    with tempfile.TemporaryDirectory() as directory:
        tmp = Path(directory)
        (tmp / "store").mkdir()
        service = ReaderService.open(tmp / "store" / "annotations.json")
        service.annotate_quote(
            str(SAMPLE_PATH), "surveillance balloon", note="balloon", tags=("x",)
        )
        for op in ops:
            _apply(service, op, tmp)
            _check(service)
        service.parts.index.close()
