"""The rules overview's tables as CSV/XLSX: thresholds (the default), exchange rates and time limits."""

from django.urls import reverse

from insteg.lib.tests.export_files import column, csv_rows, xlsx_rows
from insteg.rules.models import ExchangeRate, Threshold, TimeLimit

OVERVIEW = reverse("rules:overview")


def test_the_thresholds_export_has_every_threshold_with_its_source(client, procurement_officer):
    client.force_login(procurement_officer)
    rows = csv_rows(client.get(OVERVIEW, {"export": "csv"}, HTTP_ACCEPT_LANGUAGE="en"))
    assert rows[0][:4] == ["Valid from", "Valid to", "Law", "Limit"]
    assert len(rows) - 1 == Threshold.objects.count() > 0
    assert "Source" in rows[0] and "Certainty" in rows[0]


def test_each_table_of_the_overview_can_be_exported(client, procurement_officer):
    client.force_login(procurement_officer)
    rates = xlsx_rows(client.get(OVERVIEW, {"export": "xlsx", "table": "exchange_rates"}, HTTP_ACCEPT_LANGUAGE="en"))
    assert rates[0][:2] == ["Valid from", "SEK per EUR"]
    assert len(rates) - 1 == ExchangeRate.objects.count()
    limits = csv_rows(client.get(OVERVIEW, {"export": "csv", "table": "time_limits"}, HTTP_ACCEPT_LANGUAGE="en"))
    assert sorted(column(limits, "Code")) == sorted(TimeLimit.objects.values_list("code", flat=True))


def test_the_overview_links_each_table_to_its_file(client, procurement_officer):
    client.force_login(procurement_officer)
    html = client.get(OVERVIEW, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "?export=csv&amp;table=time_limits" in html
    assert "Download the exchange rates as </span>Excel" in html


def test_anonymous_visitors_are_sent_to_sign_in(client):
    response = client.get(OVERVIEW, {"export": "csv"})
    assert response.status_code == 302
