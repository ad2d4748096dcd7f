"""A state machine that interleaves editors' work with imports, and checks after every
step that nothing an editor did was lost or silently changed.

Steps: edits of a document's text and choices through its change form, of a
mention's status and a footnote's text through the inline rows, of a person
through theirs; re-imports of the same and of corrected sources; re-loads of
the authority lists; reverts. Every post is what a browser sends (CRLF
textareas, every formset row). Invariants after each step:

- no value an editor set is changed by an import;
- no document, person or place disappears (a merge removes only the twin it
  absorbs, and its undo brings it back);
- every history row names its user;
- ``protected_fields`` names exactly the fields editors changed.
"""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import transaction
from django.test import Client
from django.urls import reverse
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, rule, run_state_machine_as_test

from archive.authorities import load_authorities
from archive.models import Footnote, Merge, Person, PersonMention, Place, Telegram
from archive.normalise import normalise_text
from tests.conftest import SEEDS, form_data

WORDS = st.text(alphabet=st.sampled_from("abcdefghij ABC.,\n"), min_size=1, max_size=30).map(
    lambda s: s.replace("\n", "\r\n")
)
TEXT_FIELDS = ["signature", "notes", "date_text", "dateline"]
MERGED_FIELDS = ["aliases", "description", "wikidata_id", "viaf_id", "hsg_id"]
HISTORY_MODELS = [Telegram, Person, Place, Footnote, PersonMention]


def change_url(obj) -> str:
    return reverse(f"admin:archive_{obj._meta.model_name}_change", args=[obj.pk])


def prefix(data: dict, model: str) -> str:
    return next(k for k in data if k.endswith("-TOTAL_FORMS") and model in k).removesuffix(
        "-TOTAL_FORMS"
    )


class EditorsAndImports(RuleBasedStateMachine):
    client: Client
    user: object
    corrected_dir: Path

    def __init__(self) -> None:
        super().__init__()
        self.savepoint = transaction.savepoint()
        self.expected: dict[tuple[type, int, str], object] = {}
        self.protected: dict[tuple[type, int], set[str]] = {}
        self.documents = list(Telegram.objects.order_by("pk").values_list("pk", flat=True))
        self.people = list(
            Person.objects.filter(authority_key__isnull=False)
            .order_by("pk")
            .values_list("pk", flat=True)[:6]
        )
        self.merges: list[tuple[int, int, dict, set[str]]] = []
        self.footnote_text: tuple[int, int, str] | None = None
        self.footnote_protected = False
        self.rows = {
            model: set(model.objects.values_list("pk", flat=True))
            for model in (Telegram, Person, Place)
        }

    def teardown(self) -> None:
        transaction.savepoint_rollback(self.savepoint)

    # --- editors -------------------------------------------------------------------------

    def _post(self, obj, data) -> bool:
        response = self.client.post(change_url(obj), data)
        assert response.status_code in (200, 302), response.status_code
        return response.status_code == 302

    @rule(index=st.integers(0, 1), field=st.sampled_from(TEXT_FIELDS), value=WORDS)
    def edit_text(self, index, field, value):
        telegram = Telegram.objects.get(pk=self.documents[index])
        data = form_data(self.client.get(change_url(telegram)))
        data[field] = value
        normal = normalise_text(value).strip()
        before = getattr(telegram, field)
        if self._post(telegram, data):
            self.expected[(Telegram, telegram.pk, field)] = normal
            if before != normal:
                self.protected.setdefault((Telegram, telegram.pk), set()).add(field)

    @rule(index=st.integers(0, 1), words=WORDS)
    def edit_body(self, index, words):
        telegram = Telegram.objects.get(pk=self.documents[index])
        data = form_data(self.client.get(change_url(telegram)))
        data["body"] = data["body"] + "\r\n\r\n" + words.strip() + " [added]"
        expected = normalise_text(data["body"]).strip()
        if self._post(telegram, data):
            self.expected[(Telegram, telegram.pk, "body")] = expected
            self.protected.setdefault((Telegram, telegram.pk), set()).add("body")

    @rule(index=st.integers(0, 1), status=st.sampled_from(["unreviewed", "in_review", "reviewed"]))
    def edit_review_status(self, index, status):
        telegram = Telegram.objects.get(pk=self.documents[index])
        data = form_data(self.client.get(change_url(telegram)))
        data["review_status"] = status
        before = telegram.review_status
        if self._post(telegram, data):
            self.expected[(Telegram, telegram.pk, "review_status")] = status
            if before != status:
                self.protected.setdefault((Telegram, telegram.pk), set()).add("review_status")

    @rule(
        index=st.integers(0, 1),
        row=st.integers(0, 3),
        status=st.sampled_from(["confirmed", "rejected"]),
    )
    def decide_mention(self, index, row, status):
        telegram = Telegram.objects.get(pk=self.documents[index])
        data = form_data(self.client.get(change_url(telegram)))
        mentions = prefix(data, "personmention")
        if row >= int(data[f"{mentions}-TOTAL_FORMS"]):
            return
        pk = int(data[f"{mentions}-{row}-id"])
        data[f"{mentions}-{row}-status"] = status
        if self._post(telegram, data):
            self.expected[(PersonMention, pk, "status")] = status

    @rule(words=WORDS)
    def edit_footnote(self, words):
        telegram = Telegram.objects.get(file_number="761.9315 Manchuria/35")
        data = form_data(self.client.get(change_url(telegram)))
        notes = prefix(data, "footnote")
        data[f"{notes}-0-text"] = words
        order = int(data[f"{notes}-0-order"])
        normal = normalise_text(words).strip()
        before = telegram.footnotes.get(order=order).text
        if self._post(telegram, data):
            self.footnote_text = (telegram.pk, order, normal)
            self.footnote_protected = self.footnote_protected or before != normal

    @rule(index=st.integers(0, 5), words=WORDS)
    def edit_person(self, index, words):
        person = Person.objects.get(pk=self.people[index % len(self.people)])
        data = form_data(self.client.get(change_url(person)))
        data["description"] = words
        normal = normalise_text(words).strip()
        before = person.description
        if self._post(person, data):
            self.expected[(Person, person.pk, "description")] = normal
            if before != normal:
                self.protected.setdefault((Person, person.pk), set()).add("description")

    @rule(index=st.integers(0, 1), back=st.integers(1, 4))
    def revert(self, index, back):
        telegram = Telegram.objects.get(pk=self.documents[index])
        versions = list(telegram.history.order_by("-history_date", "-history_id")[: back + 1])
        if len(versions) <= back:
            return
        target = versions[back]
        url = reverse(
            "admin:archive_telegram_simple_history", args=[telegram.pk, target.history_id]
        )
        page = self.client.get(url)
        form = page.context["adminform"].form
        response = self.client.post(url, form_data(page))
        assert response.status_code == 302, response.content.decode()[:2000]
        after = Telegram.objects.get(pk=telegram.pk)
        for name in form.fields:
            if name == "loaded_version" or not hasattr(after, name):
                continue
            field = Telegram._meta.get_field(name)
            now = getattr(after, field.attname)
            if now != getattr(telegram, field.attname):
                self.protected.setdefault((Telegram, telegram.pk), set()).add(name)
            self.expected[(Telegram, telegram.pk, field.attname)] = now

    @rule(index=st.integers(0, 5), words=WORDS)
    def admin_import_person(self, index, words):
        person = Person.objects.get(pk=self.people[index % len(self.people)])
        normal = " ".join(normalise_text(words).split()) or "x"
        upload = io.BytesIO(
            f'authority_key,name,description\n{person.authority_key},"{person.name}",'
            f'"{normal}"\n'.encode()
        )
        upload.name = "person.csv"
        page = self.client.post(
            reverse("admin:archive_person_import"),
            {"format": "0", "import_file": upload, "resource": "0"},
        )
        form = page.context["confirm_form"]
        done = self.client.post(
            reverse("admin:archive_person_process_import"),
            {k: v for k, v in form.initial.items() if v is not None},
        )
        assert done.status_code == 302
        self.expected[(Person, person.pk, "description")] = normal
        if person.description != normal:
            self.protected.setdefault((Person, person.pk), set()).add("description")

    @rule(index=st.integers(0, 5))
    def merge_a_twin(self, index):
        """An editor merges a duplicate record into a listed person."""
        keep = Person.objects.get(pk=self.people[index % len(self.people)])
        twin = Person(name=f"{keep.name} (twin)", surname=keep.surname, aliases=["Twin"])
        twin._history_user = self.user
        twin.save()
        before = {name: getattr(keep, name) for name in MERGED_FIELDS}
        url = reverse("admin:archive_person_merge")
        ids = f"{keep.pk},{twin.pk}"
        self.client.get(url, {"ids": ids})
        response = self.client.post(
            url, {"ids": ids, "keep": str(keep.pk), "reason": "Duplicate.\r\nSame man."}
        )
        assert response.status_code == 302
        keep.refresh_from_db()
        changed = {name for name in MERGED_FIELDS if getattr(keep, name) != before[name]}
        key = (Person, keep.pk)
        added = changed - self.protected.get(key, set())
        self.protected.setdefault(key, set()).update(changed)
        merge = Merge.objects.get(kind="person", absorbed_id=twin.pk, undone_at=None)
        self.merges.append((merge.pk, keep.pk, before, added))

    @rule()
    def undo_the_last_merge(self):
        if not self.merges:
            return
        merge_pk, keep_pk, before, added = self.merges.pop()
        response = self.client.post(
            reverse("admin:archive_merge_changelist"),
            {"action": "undo_merges", "_selected_action": [str(merge_pk)]},
        )
        assert response.status_code == 302
        assert Merge.objects.get(pk=merge_pk).undone_at is not None
        keep = Person.objects.get(pk=keep_pk)
        key = (Person, keep_pk)
        for name in added:
            if getattr(keep, name) == before[name]:
                self.protected[key].discard(name)

    # --- imports ---------------------------------------------------------------------------

    @rule()
    def reimport_same(self):
        call_command("import_seeds", verbosity=0)

    @rule(index=st.integers(0, 1))
    def reimport_corrected(self, index):
        sources = sorted(SEEDS.glob("*.txt"))
        text = sources[index].read_text(encoding="utf-8")
        target = self.corrected_dir / sources[index].name
        # A word of the body only: the heading, dateline and signature make the identity.
        assert "Kremlin" in text
        target.write_text(text.replace("Kremlin", "Kremlin (corrected)", 1), encoding="utf-8")
        call_command("import_seeds", str(target), "--no-authorities", verbosity=0)

    @rule()
    def reload_authorities(self):
        load_authorities(SEEDS / "authorities")

    # --- invariants ------------------------------------------------------------------------

    @invariant()
    def editors_values_stand(self):
        for (model, pk, field), value in self.expected.items():
            row = model.objects.filter(pk=pk).first()
            assert row is not None, (model, pk)
            assert getattr(row, field) == value, (model.__name__, pk, field)
        if self.footnote_text:
            telegram_pk, order, text = self.footnote_text
            note = Footnote.objects.get(telegram_id=telegram_pk, order=order)
            assert note.text == text
            assert note.protected_fields == (["text"] if self.footnote_protected else [])

    @invariant()
    def protection_is_exactly_the_editors_fields(self):
        for model in (Telegram, Person):
            for pk, protected in model.objects.values_list("pk", "protected_fields"):
                assert set(protected) == self.protected.get((model, pk), set()), (
                    model.__name__,
                    pk,
                )

    @invariant()
    def no_row_disappears(self):
        for model, pks in self.rows.items():
            assert pks <= set(model.objects.values_list("pk", flat=True)), model.__name__

    @invariant()
    def every_change_names_its_user(self):
        for model in HISTORY_MODELS:
            assert not model.history.filter(history_user__isnull=True).exists(), model.__name__


@pytest.mark.django_db
def test_editors_work_survives_any_interleaving(admin_user, tmp_path):
    call_command("import_seeds", verbosity=0)
    client = Client()
    client.force_login(admin_user)
    EditorsAndImports.client = client
    EditorsAndImports.user = admin_user
    EditorsAndImports.corrected_dir = tmp_path
    run_state_machine_as_test(
        EditorsAndImports,
        settings=settings(
            max_examples=8,
            stateful_step_count=8,
            deadline=None,
            suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
            database=None,
        ),
    )
