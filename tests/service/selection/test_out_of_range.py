"""A cost that would come out negative or infinite (from a fact beyond the schema's bounds that
got past it: stored before the bounds, or edited by hand) is refused naming the product and the
fact it comes from, by the cost model and by a batch, which records the row as failed."""

from __future__ import annotations

from decimal import Decimal

import pytest

from service.batches.profiles import InputRow
from service.batches.runner import Catalog, ClientError, evaluate_row
from service.selection.costs import CostOutOfRange, PriceBounds, product_cost
from service.selection.currency import Rates
from service.selection.facts import ProductFacts
from service.selection.inputs import Requirements
from tests.service.selection.factories import fact, priced, profile, project
from vendors.schema import ProductProfile

EUR = Rates("EUR", {})


def with_amount(product: ProductProfile, amount: float) -> ProductProfile:
    """`product` with its first edition's list price set to `amount` without validation, as a
    stored value that predates the bounds would be."""
    edition = product.editions[0]
    assert edition.price.value is not None
    price = edition.price.value.model_copy(update={"amount": Decimal(amount)})
    fact = edition.price.model_copy(update={"value": price})
    return product.model_copy(update={"editions": [edition.model_copy(update={"price": fact})]})


def cost_of(product: ProductProfile, *market: ProductProfile):  # type: ignore[no-untyped-def]
    facts = [ProductFacts.of(p) for p in (product, *market)]
    return product_cost(facts[0], project(), Requirements(), EUR, PriceBounds.of(facts, EUR))


@pytest.mark.parametrize("amount", [1e308, float("inf"), float("nan"), -1.0])
def test_a_price_beyond_the_bounds_is_refused_naming_it(amount: float) -> None:
    """Infinite costs, or a negative price taken for a free edition: refused either way."""
    with pytest.raises(CostOutOfRange) as raised:
        cost_of(with_amount(priced("odd", 50), amount), priced("cheap", 10))
    assert (raised.value.product, raised.value.fact) == ("odd", "editions.pro.price")
    assert "1,000,000,000" in str(raised.value)


def test_an_unpriced_product_ranged_with_it_names_the_other_product_s_price() -> None:
    unpriced = profile("unpriced", editions=[{"key": "std", "name": "Standard"}])
    with pytest.raises(CostOutOfRange) as raised:
        cost_of(unpriced, priced("cheap", 10), with_amount(priced("huge", 50), 1e308))
    assert (raised.value.product, raised.value.fact) == ("huge", "editions.pro.price")


def test_a_negative_cost_item_names_the_fact_it_comes_from() -> None:
    product = priced("negative", 50, deployment={"implementation_days": fact(20)})
    days = product.deployment.implementation_days.model_copy(update={"value": -100.0})
    deployment = product.deployment.model_copy(update={"implementation_days": days})
    with pytest.raises(CostOutOfRange) as raised:
        cost_of(product.model_copy(update={"deployment": deployment}), priced("cheap", 10))
    assert raised.value.product == "negative"
    assert raised.value.fact == "deployment.implementation_days"
    assert "'implementation'" in str(raised.value)


def test_a_batch_records_each_row_as_failed_naming_product_and_fact(
    caplog: pytest.LogCaptureFixture,
) -> None:
    catalog = Catalog.of(
        [priced("cheap", 10), priced("dear", 200), with_amount(priced("huge", 50), 1e308)]
    )
    row = InputRow(2, {"client_name": "Client", "context": "first_crm", "users_sales_office": "8"})
    outcome = evaluate_row(row, catalog)
    assert isinstance(outcome, ClientError)
    assert outcome.client_name == "Client"
    assert "editions.pro.price of product 'huge'" in outcome.reason
    assert not caplog.records, "a fact of the catalog is no fault of the service to log"
